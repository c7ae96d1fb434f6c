using System.Reflection;
using Aftercare.Domain.Common;
using Aftercare.Domain.Presentations;

namespace Aftercare.Domain.Tests.Presentations;

public class PresentationRecordTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly PersonId Person = PersonId.New();
    private static readonly SiteId Site = SiteId.New();
    private static readonly TeamId Team = TeamId.New();
    private static readonly StaffId Practitioner = StaffId.New();

    private static PresentationDetails Valid() => new()
    {
        ArrivedAt = Now.AddHours(-3),
        AccountInOwnWords = "I took the tablets after the argument with my dad.",
        Method = MethodCategory.SelfPoisoning,
    };

    private static Presentation Record(PresentationDetails details) =>
        Presentation.Record(Person, Site, Team, details, Practitioner, Now);

    [Fact]
    public void Record_WithValidDetails_KeepsWhoWhereAndWhen()
    {
        var p = Record(Valid() with { PhysicalTreatment = " Paracetamol levels; no treatment needed " });

        Assert.NotEqual(Guid.Empty, p.Id.Value);
        Assert.Equal(Person, p.PersonId);
        Assert.Equal(Site, p.SiteId);
        Assert.Equal(Team, p.TeamId);
        Assert.Equal(Now.AddHours(-3), p.ArrivedAt);
        Assert.Equal(MethodCategory.SelfPoisoning, p.Method);
        Assert.Equal("Paracetamol levels; no treatment needed", p.PhysicalTreatment);
        Assert.Equal(Now, p.RecordedAt);
        Assert.Equal(Practitioner, p.RecordedBy);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(60)]
    [InlineData(60 * 24)]
    public void Record_ArrivalMoreThanFiveMinutesInTheFuture_IsRefused(int minutesAhead)
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => Record(Valid() with { ArrivedAt = Now.AddMinutes(minutesAhead) }));

        Assert.Equal("ArrivedAt", ex.Field);
    }

    [Fact]
    public void Record_ArrivalJustOverFiveMinutesAhead_IsRefused()
    {
        var ex = Assert.Throws<ClinicalRuleException>(() =>
            Record(Valid() with { ArrivedAt = Now + Presentation.ClockTolerance + TimeSpan.FromSeconds(1) }));

        Assert.Equal("ArrivedAt", ex.Field);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(0)]
    public void Record_ArrivalUpToFiveMinutesAhead_IsAcceptedForClockDrift(int minutesAhead)
    {
        var arrived = Now.AddMinutes(minutesAhead);

        Assert.Equal(arrived, Record(Valid() with { ArrivedAt = arrived }).ArrivedAt);
    }

    [Fact]
    public void Record_ArrivalOlderThanAYear_IsRefused()
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => Record(Valid() with { ArrivedAt = Now.AddYears(-1).AddMinutes(-1) }));

        Assert.Equal("ArrivedAt", ex.Field);
    }

    [Fact]
    public void Record_ArrivalExactlyAYearAgo_IsAccepted()
    {
        var arrived = Now.AddYears(-1);

        Assert.Equal(arrived, Record(Valid() with { ArrivedAt = arrived }).ArrivedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t")]
    public void Record_WithoutTheAccount_IsRefused(string account)
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => Record(Valid() with { AccountInOwnWords = account }));

        Assert.Equal("AccountInOwnWords", ex.Field);
    }

    [Fact]
    public void Record_TheAccountAndIntent_AreKeptVerbatimOnlyTrimmed()
    {
        const string account = "Took 16 x 500mg paracetamol at about 9pm.\nSaid: \"I just wanted everything to stop\"  — then rang her sister.";
        const string intent = "\"I don't know if I wanted to die. I wanted to sleep and not wake up for a bit.\"\r\nNow: glad she's here.";

        var p = Record(Valid() with { AccountInOwnWords = "\n  " + account + "  ", IntentInOwnWords = " " + intent + "\n" });

        Assert.Equal(account, p.AccountInOwnWords);
        Assert.Equal(intent, p.IntentInOwnWords);
    }

    [Fact]
    public void Record_BlankIntentAndTreatment_BecomeNull()
    {
        var p = Record(Valid() with { IntentInOwnWords = "   ", PhysicalTreatment = "" });

        Assert.Null(p.IntentInOwnWords);
        Assert.Null(p.PhysicalTreatment);
    }

    [Fact]
    public void Record_EachPresentation_GetsANewId()
    {
        Assert.NotEqual(Record(Valid()).Id, Record(Valid()).Id);
    }

    [Theory]
    [InlineData(typeof(Presentation))]
    [InlineData(typeof(PresentationDetails))]
    public void Presentation_HasNoRiskScoreOrRating(Type type)
    {
        // NICE NG225: no risk scores or low/medium/high ratings. A property like that must not exist.
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        var names = type.GetProperties(all).Select(p => p.Name)
            .Concat(type.GetFields(all).Where(f => !f.Name.Contains("k__BackingField", StringComparison.Ordinal)).Select(f => f.Name))
            .ToList();

        Assert.Contains("ArrivedAt", names);
        Assert.DoesNotContain(names, n => n.Contains("Risk", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(names, n => n.Contains("Score", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(names, n => n.Contains("Rating", StringComparison.OrdinalIgnoreCase));
    }
}
