using Aftercare.Domain.Common;
using Aftercare.Domain.Directory;

namespace Aftercare.Domain.Tests.Directory;

public class AftercareServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly StaffId Admin = StaffId.New();

    private static ServiceDetails Details(Func<ServiceDetails, ServiceDetails>? change = null)
    {
        var details = new ServiceDetails
        {
            Name = " Northgate Talking Therapies ",
            Type = ServiceType.NhsTalkingTherapies,
            Provider = "Northgate NHS Foundation Trust",
            Description = "Therapy for anxiety and depression",
            Areas = ["LS6", "LS7 1AB", "Leeds"],
            Needs = ["talking-therapy", "young-people"],
            EligibilityCriteria = ["Aged 16 or over", "  Registered with a Leeds GP  ", "", "Aged 16 or over"],
            Exclusions = ["Needs a crisis response today"],
            HowToRefer = "Refer online or the person can refer themselves",
            TypicalWaitDays = 21,
            Contacts = ServiceContacts.Create("0113 496 0123", "referrals@example.org", null, null, null, null, null),
            Hours = OpeningHours.Create(OpeningHours.ReadDay(DayOfWeek.Monday, "09:00 to 17:00"), null),
        };
        return change is null ? details : change(details);
    }

    [Fact]
    public void AddingAService_KeepsItsCriteriaOneByOne_InOrder_WithoutBlanksOrRepeats()
    {
        var service = AftercareService.Add(Details(), null, Admin, "Morgan Ellis", Now);

        Assert.Equal("Northgate Talking Therapies", service.Name);
        Assert.Equal(["Aged 16 or over", "Registered with a Leeds GP"], service.EligibilityCriteria);
        Assert.Equal(["Needs a crisis response today"], service.Exclusions);
        Assert.True(service.IsActive);
        Assert.Equal(Now, service.UpdatedAt);
        Assert.Equal("Morgan Ellis", service.UpdatedByName);
    }

    [Fact]
    public void AServiceAddedHere_IsKnownInOpenReferralFilesByItsOwnId_AndAnImportedOneByThePublishersId()
    {
        var own = AftercareService.Add(Details(), null, Admin, "Morgan Ellis", Now);
        var imported = AftercareService.Add(Details(), " oruk-123 ", Admin, "Morgan Ellis", Now);

        Assert.Equal(own.Id.ToString(), own.OpenReferralId);
        Assert.Equal("oruk-123", imported.OpenReferralId);
    }

    [Fact]
    public void TheAreasCovered_AreSearchKeys_ForDistrictsAndAuthorities()
    {
        var service = AftercareService.Add(Details(), null, Admin, "Morgan Ellis", Now);

        Assert.Equal(["LS6", "LS7"], service.PostcodeDistricts);
        Assert.Equal(["Leeds"], service.LocalAuthorities);
        Assert.Equal(["LS6", "LS7", "la:leeds"], service.AreaKeys);
    }

    [Fact]
    public void ANationalService_HasNoAreaKeys_ButIsNational()
    {
        var service = AftercareService.Add(Details(d => d with { IsNational = true }), null, Admin, "Morgan Ellis", Now);

        Assert.True(service.IsNational);
        Assert.Empty(service.AreaKeys);
    }

    [Theory]
    [InlineData("Name")]
    [InlineData("Type")]
    [InlineData("Areas")]
    [InlineData("Needs")]
    [InlineData("EligibilityCriteria")]
    [InlineData("TypicalWaitDays")]
    [InlineData("Phone")]
    public void AServiceBreakingARule_IsRefused_NamingTheField(string field)
    {
        var bad = Details(d => field switch
        {
            "Name" => d with { Name = "  " },
            "Type" => d with { Type = null },
            "Areas" => d with { Areas = [] },
            "Needs" => d with { Needs = ["astrology"] },
            "EligibilityCriteria" => d with { EligibilityCriteria = [new string('x', 301)] },
            "TypicalWaitDays" => d with { TypicalWaitDays = -1 },
            _ => d with { Contacts = new ServiceContacts(null, null, null, null, null, null, null) },
        });

        var ex = Assert.Throws<ClinicalRuleException>(() => AftercareService.Add(bad, null, Admin, "Morgan Ellis", Now));

        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void Needs_AreKeptInTheListsOrder_Once()
    {
        var service = AftercareService.Add(Details(d => d with { Needs = ["young-people", "talking-therapy", "young-people"] }), null, Admin, "Morgan Ellis", Now);

        Assert.Equal(["talking-therapy", "young-people"], service.Needs);
    }

    [Fact]
    public void RevisingWithTheSameDetails_IsNotAChange()
    {
        var service = AftercareService.Add(Details(), null, Admin, "Morgan Ellis", Now);

        var changed = service.Revise(Details(), StaffId.New(), "Someone Else", Now.AddDays(1));

        Assert.False(changed);
        Assert.Equal(Now, service.UpdatedAt);
        Assert.Equal("Morgan Ellis", service.UpdatedByName);
    }

    [Fact]
    public void Revising_ChangesTheDetails_AndRecordsWhoAndWhen()
    {
        var service = AftercareService.Add(Details(), null, Admin, "Morgan Ellis", Now);

        var changed = service.Revise(Details(d => d with { EligibilityCriteria = ["Aged 18 or over"], TypicalWaitDays = 42 }), Admin, "Sam Reid", Now.AddDays(1));

        Assert.True(changed);
        Assert.Equal(["Aged 18 or over"], service.EligibilityCriteria);
        Assert.Equal(42, service.TypicalWaitDays);
        Assert.Equal("Sam Reid", service.UpdatedByName);
    }

    [Fact]
    public void ARefusedRevision_ChangesNothing()
    {
        var service = AftercareService.Add(Details(), null, Admin, "Morgan Ellis", Now);

        Assert.Throws<ClinicalRuleException>(() => service.Revise(Details(d => d with { Name = "Renamed", Areas = ["??"] }), Admin, "Sam Reid", Now.AddDays(1)));

        Assert.Equal("Northgate Talking Therapies", service.Name);
    }

    [Fact]
    public void AServiceIsRetired_NotDeleted_AndCanBeReinstated()
    {
        var service = AftercareService.Add(Details(), null, Admin, "Morgan Ellis", Now);

        service.Retire(Admin, "Morgan Ellis", Now.AddDays(1));
        Assert.False(service.IsActive);
        Assert.Equal(Now.AddDays(1), service.RetiredAt);
        Assert.Throws<ClinicalRuleException>(() => service.Retire(Admin, "Morgan Ellis", Now.AddDays(2)));

        service.Reinstate(Admin, "Morgan Ellis", Now.AddDays(3));
        Assert.True(service.IsActive);
        Assert.Null(service.RetiredAt);
        Assert.Throws<ClinicalRuleException>(() => service.Reinstate(Admin, "Morgan Ellis", Now.AddDays(4)));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(0, "Seen the same day")]
    [InlineData(7, "About 1 week")]
    [InlineData(21, "About 3 weeks")]
    [InlineData(10, "About 10 days")]
    public void TheWait_IsDescribedInWords(int? days, string? words)
    {
        Assert.Equal(words, AftercareService.DescribeWait(days));
    }
}
