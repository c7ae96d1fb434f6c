using Aftercare.Domain.Common;
using Aftercare.Domain.SafetyPlans;

namespace Aftercare.Domain.Tests.SafetyPlans;

public class SafetyPlanContentTests
{
    private static SafetyPlanContent Sample() => new()
    {
        WarningSigns = [new("Not sleeping"), new("Staying in my room")],
        PeopleICanAsk = [new("My sister Ade", "07700 900123")],
        Professionals = [new("Crisis line", "0800 000 0000", "24 hours")],
        ReasonsForLiving = [new("My cat, Biscuit")],
    };

    private static ClinicalRuleException Refused(SafetyPlanContent content) =>
        Assert.Throws<ClinicalRuleException>(() => content.Validated());

    [Fact]
    public void Contents_WithTheSameEntriesInTheSameOrder_AreEqual_EvenInDifferentLists()
    {
        var a = Sample();
        var b = Sample() with { WarningSigns = new List<PlanEntry> { new("Not sleeping"), new("Staying in my room") } };

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Contents_WithEntriesInADifferentOrder_AreNotEqual()
    {
        var reordered = Sample() with { WarningSigns = [new("Staying in my room"), new("Not sleeping")] };

        Assert.NotEqual(Sample(), reordered);
    }

    [Fact]
    public void Contents_DifferingOnlyInAPhoneNumber_AreNotEqual()
    {
        var changed = Sample() with { PeopleICanAsk = [new("My sister Ade", "07700 900124")] };

        Assert.NotEqual(Sample(), changed);
        Assert.False(Sample() == changed);
    }

    [Fact]
    public void Contents_WithTheSameEntryInDifferentSections_AreNotEqual()
    {
        var a = new SafetyPlanContent { ThingsICanDo = [new("Go for a run")] };
        var b = new SafetyPlanContent { PeopleAndPlaces = [new("Go for a run")] };

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Content_IsNeverEqualToNull()
    {
        Assert.False(Sample().Equals(null));
        Assert.False(Sample().Equals((object?)"not a plan"));
    }

    [Fact]
    public void Empty_HasNoEntries_AndEqualsANewContent()
    {
        Assert.All(SafetyPlanContent.Sections, s => Assert.Empty(SafetyPlanContent.Empty[s.Key]));
        Assert.Equal(SafetyPlanContent.Empty, new SafetyPlanContent());
    }

    [Fact]
    public void Sections_AreTheSevenInPlanOrder_WithHeadingsInThePersonsVoice()
    {
        Assert.Equal(Enum.GetValues<SafetyPlanSection>(), SafetyPlanContent.Sections.Select(s => s.Key));
        Assert.Equal("Warning signs that a crisis may be coming", SafetyPlanContent.Describe(SafetyPlanSection.WarningSigns).Heading);
        Assert.Equal("Reasons for living", SafetyPlanContent.Describe(SafetyPlanSection.ReasonsForLiving).ShortName);
        Assert.Equal(7, SafetyPlanContent.Sections.Select(s => s.Heading).Distinct().Count());
    }

    [Fact]
    public void OnlyPeopleAndProfessionals_TakePhoneNumbers_AndOnlyProfessionals_TakeHours()
    {
        Assert.Equal([SafetyPlanSection.PeopleICanAsk, SafetyPlanSection.Professionals],
            SafetyPlanContent.Sections.Where(s => s.TakesPhone).Select(s => s.Key));
        Assert.Equal([SafetyPlanSection.Professionals],
            SafetyPlanContent.Sections.Where(s => s.TakesHours).Select(s => s.Key));
    }

    [Fact]
    public void IndexerAndWith_ReachEverySection()
    {
        var content = SafetyPlanContent.Empty;
        foreach (var s in SafetyPlanContent.Sections)
            content = content.With(s.Key, [new PlanEntry(s.ShortName)]);

        Assert.All(SafetyPlanContent.Sections, s => Assert.Equal(s.ShortName, Assert.Single(content[s.Key]).Text));
        Assert.Equal("Making my space safer", Assert.Single(content.SafeSpace).Text);
    }

    [Fact]
    public void Validated_TrimsTextButKeepsTheWords_AndDropsBlankEntries()
    {
        var content = new SafetyPlanContent
        {
            WarningSigns = [new("   "), new("  I go quiet and stop replying  "), new("", " ", "  ")],
            Professionals = [new(" GP surgery ", " 0161 496 0000 ", "  Mon–Fri 8am–6:30pm ")],
            PeopleICanAsk = [new("Mum", "   ")],
        };

        var valid = content.Validated();

        Assert.Equal([new PlanEntry("I go quiet and stop replying")], valid.WarningSigns);
        Assert.Equal([new PlanEntry("GP surgery", "0161 496 0000", "Mon–Fri 8am–6:30pm")], valid.Professionals);
        Assert.Equal([new PlanEntry("Mum")], valid.PeopleICanAsk);
    }

    [Fact]
    public void Validated_OfValidContent_IsEqualToIt()
    {
        Assert.Equal(Sample(), Sample().Validated());
    }

    [Fact]
    public void Validated_ToleratesAMissingSection()
    {
        var content = new SafetyPlanContent { WarningSigns = null!, ReasonsForLiving = [new("My nephew")] };

        Assert.Empty(content.Validated().WarningSigns);
    }

    [Fact]
    public void Entry_WithANumberButNoText_IsRefused()
    {
        var ex = Refused(new SafetyPlanContent { PeopleICanAsk = [new("Ade", "07700 900123"), new(" ", "07700 900999")] });

        Assert.Equal("PeopleICanAsk[1].Text", ex.Field);
    }

    [Fact]
    public void Entry_Over500Characters_IsRefused()
    {
        var ex = Refused(new SafetyPlanContent { ReasonsForLiving = [new(new string('r', 501))] });

        Assert.Equal("ReasonsForLiving[0].Text", ex.Field);
    }

    [Fact]
    public void Entry_OfExactly500Characters_IsAccepted()
    {
        var valid = new SafetyPlanContent { ReasonsForLiving = [new(new string('r', 500))] }.Validated();

        Assert.Equal(500, Assert.Single(valid.ReasonsForLiving).Text.Length);
    }

    [Fact]
    public void Section_WithMoreThan20Entries_IsRefused()
    {
        var entries = Enumerable.Range(1, 21).Select(i => new PlanEntry($"Sign {i}")).ToList();

        var ex = Refused(new SafetyPlanContent { WarningSigns = entries });

        Assert.Equal("WarningSigns", ex.Field);
    }

    [Fact]
    public void Section_With20EntriesAndSomeBlanks_IsAccepted()
    {
        var entries = Enumerable.Range(1, 20).Select(i => new PlanEntry($"Sign {i}")).Append(new PlanEntry(" ")).Append(new PlanEntry("")).ToList();

        Assert.Equal(20, new SafetyPlanContent { WarningSigns = entries }.Validated().WarningSigns.Count);
    }

    [Theory]
    [InlineData("999")]
    [InlineData("116 123")]
    [InlineData("+44 (0)161 496-0000")]
    [InlineData("0800 000 0000")]
    public void Phone_WithDigitsSpacesAndPunctuation_IsAccepted(string phone)
    {
        var valid = new SafetyPlanContent { Professionals = [new("Someone", phone)] }.Validated();

        Assert.Equal(phone, Assert.Single(valid.Professionals).Phone);
    }

    [Theory]
    [InlineData("call me")]
    [InlineData("07700 900123 ext. 4")]
    [InlineData("0161/496/0000")]
    [InlineData("()-+")]
    [InlineData("12")]
    [InlineData("0161 496 0000 0161 496 0000 000")] // 31 characters
    public void Phone_ThatIsNotAPhoneNumber_IsRefused(string phone)
    {
        var ex = Refused(new SafetyPlanContent { PeopleICanAsk = [new("Ade", phone)] });

        Assert.Equal("PeopleICanAsk[0].Phone", ex.Field);
    }

    [Fact]
    public void Phone_OfExactly30Characters_IsAccepted()
    {
        const string phone = "0161 496 0000 0161 496 0000 00";
        Assert.Equal(30, phone.Length);

        Assert.Equal(phone, Assert.Single(new SafetyPlanContent { PeopleICanAsk = [new("Ade", phone)] }.Validated().PeopleICanAsk).Phone);
    }

    [Fact]
    public void Phone_InASectionThatDoesNotTakeOne_IsRefused()
    {
        var ex = Refused(new SafetyPlanContent { ReasonsForLiving = [new("My sister", "07700 900123")] });

        Assert.Equal("ReasonsForLiving[0].Phone", ex.Field);
    }

    [Fact]
    public void Hours_OutsideProfessionals_AreRefused()
    {
        var ex = Refused(new SafetyPlanContent { PeopleICanAsk = [new("Ade", "07700 900123", "after 6pm")] });

        Assert.Equal("PeopleICanAsk[0].Hours", ex.Field);
    }

    [Fact]
    public void Hours_Over100Characters_AreRefused()
    {
        var ex = Refused(new SafetyPlanContent { Professionals = [new("Crisis team", "0800 000 0000", new string('h', 101))] });

        Assert.Equal("Professionals[0].Hours", ex.Field);
    }

    [Fact]
    public void RefusalField_CountsEntriesAsSubmitted_IncludingBlankOnes()
    {
        var ex = Refused(new SafetyPlanContent { WarningSigns = [new(""), new("ok"), new(new string('x', 501))] });

        Assert.Equal("WarningSigns[2].Text", ex.Field);
    }
}
