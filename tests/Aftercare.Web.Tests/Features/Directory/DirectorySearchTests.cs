using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Directory;

/// <summary>Practitioners find services by where the person lives and what they need; local services first, national ones always.</summary>
[Collection("web")]
public sealed class DirectorySearchTests(AftercareFactory app)
{
    private async Task<WebSession> Practitioner()
    {
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Practitioner, await app.NewTeam()));
        return session;
    }

    private static List<string> Names(AngleSharp.Dom.IDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=results] li > a").Select(a => a.TextContent.Trim())];

    [Fact]
    public async Task ASearchByPostcode_FindsServicesCoveringItsDistrict_WithNationalServicesAfterThem_AndNoneFromElsewhere()
    {
        var tag = TestWorld.Unique("");
        var local = await app.NewService(DirectoryTestData.Details($"Zz local {tag}", "ZE2") with { Needs = ["armed-forces"] });
        var national = await app.NewService(DirectoryTestData.Details($"Aa national {tag}") with { IsNational = true, Needs = ["armed-forces"] });
        var elsewhere = await app.NewService(DirectoryTestData.Details($"Mm elsewhere {tag}", "ZE3") with { Needs = ["armed-forces"] });
        var retired = await app.NewService(DirectoryTestData.Details($"Mm retired {tag}", "ZE2") with { Needs = ["armed-forces"] }, active: false);

        var page = await (await Practitioner()).GetPage("/directory?Area=ze2+9xy&Need=armed-forces");

        var names = Names(page);
        Assert.Contains(local.Name, names);
        Assert.Contains(national.Name, names);
        Assert.DoesNotContain(elsewhere.Name, names);
        Assert.DoesNotContain(retired.Name, names);
        Assert.True(names.IndexOf(local.Name) < names.IndexOf(national.Name), "A service covering the area comes before a national one, whatever their names");
        Assert.Contains("Services for postcode district ZE2", page.QuerySelector("h2")!.TextContent);
    }

    [Fact]
    public async Task AServiceListedByLocalAuthority_IsFoundByTheAuthoritysName_OrByChoosingIt()
    {
        var authority = DirectoryTestData.UniqueAuthority();
        var service = await app.NewService(DirectoryTestData.Details(TestWorld.Unique("Crisis Café "), authority));
        var practitioner = await Practitioner();

        Assert.Contains(service.Name, Names(await practitioner.GetPage($"/directory?Area={Uri.EscapeDataString(authority.ToUpperInvariant() + " City Council")}")));
        var page = await practitioner.GetPage("/directory");
        Assert.Contains(authority, page.QuerySelectorAll("select[name=Authority] option").Select(o => o.GetAttribute("value")));
        Assert.Contains(service.Name, Names(await practitioner.GetPage($"/directory?Area=ZE2+9XY&Authority={Uri.EscapeDataString(authority)}")));
        Assert.DoesNotContain(service.Name, Names(await practitioner.GetPage("/directory?Area=ZE2+9XY")));
    }

    [Fact]
    public async Task TheAuthoritiesToChooseFrom_FollowEveryChangeToTheDirectory_EvenOneMadeStraightInTheDatabase()
    {
        var practitioner = await Practitioner();
        List<string?> Choices(AngleSharp.Dom.IDocument page) => [.. page.QuerySelectorAll("select[name=Authority] option").Select(o => o.GetAttribute("value"))];
        var authority = DirectoryTestData.UniqueAuthority();
        Assert.DoesNotContain(authority, Choices(await practitioner.GetPage("/directory")));

        // Added by another node, or by hand: nothing in this process is told.
        var service = await app.NewService(DirectoryTestData.Details(TestWorld.Unique("Wellbeing Hub "), authority));
        Assert.Contains(authority, Choices(await practitioner.GetPage("/directory")));

        await app.WithDb(async db =>
        {
            await db.Database.ExecuteSqlAsync($"UPDATE aftercare_services SET is_active = false, retired_at = now() WHERE id = {service.Id.Value}");
            return 0;
        });
        Assert.DoesNotContain(authority, Choices(await practitioner.GetPage("/directory")));
    }

    [Fact]
    public async Task ASearchByNeed_FindsOnlyServicesMeetingIt()
    {
        var authority = DirectoryTestData.UniqueAuthority();
        var housing = await app.NewService(DirectoryTestData.Details(TestWorld.Unique("Housing advice "), authority) with { Needs = ["housing", "money-and-debt"] });
        var therapy = await app.NewService(DirectoryTestData.Details(TestWorld.Unique("Therapy "), authority) with { Needs = ["talking-therapy"] });

        var names = Names(await (await Practitioner()).GetPage($"/directory?Area={Uri.EscapeDataString(authority)}&Need=housing"));

        Assert.Contains(housing.Name, names);
        Assert.DoesNotContain(therapy.Name, names);
    }

    [Fact]
    public async Task Results_ArePaged_InNameOrder()
    {
        var authority = DirectoryTestData.UniqueAuthority();
        var tag = TestWorld.Unique("");
        for (var i = 0; i < 22; i++)
            await app.NewService(DirectoryTestData.Details($"Service {i:00} {tag}", authority));
        var practitioner = await Practitioner();
        var area = Uri.EscapeDataString(authority);

        var first = await practitioner.GetPage($"/directory?Area={area}");
        var names = Names(first);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"Service {i:00} {tag}"), names);
        var next = first.QuerySelector(".nhsuk-pagination__link--next")!.GetAttribute("href")!;
        var second = Names(await practitioner.GetPage("/directory" + next));
        Assert.Equal([$"Service 20 {tag}", $"Service 21 {tag}"], second.Take(2));
    }

    [Theory]
    [InlineData("LS6 2A", "Enter a postcode (such as LS6 2AB), a postcode district (such as LS6) or a local authority")]
    [InlineData("", "Choose a need from the list")]
    public async Task ASearchThatCannotBeRead_IsExplained(string area, string message)
    {
        var page = await (await Practitioner()).GetPage($"/directory?Area={Uri.EscapeDataString(area)}" + (area.Length == 0 ? "&Need=astrology" : ""));

        Assert.Contains(message, page.QuerySelector(".nhsuk-error-summary")!.TextContent);
    }

    [Fact]
    public async Task AServicesPage_ShowsWhatAReferralNeeds()
    {
        var service = await app.NewService(DirectoryTestData.Details(TestWorld.Unique("Talking Space ")) with
        {
            EligibilityCriteria = ["Aged 18 or over", "Lives in Leeds"],
            Exclusions = ["Needs a same-day crisis response"],
            HowToRefer = "Referral form by email",
            TypicalWaitDays = 10,
        });
        var supervisor = app.NewSession();
        await supervisor.SignIn(await app.NewStaff(StaffRole.Supervisor, await app.NewTeam()));

        var page = await supervisor.GetPage($"/directory/services/{service.Id}");

        Assert.Equal(["Aged 18 or over", "Lives in Leeds"], page.QuerySelectorAll("[data-testid=criteria] li").Select(li => li.TextContent.Trim()));
        Assert.Equal(["Needs a same-day crisis response"], page.QuerySelectorAll("[data-testid=exclusions] li").Select(li => li.TextContent.Trim()));
        Assert.Contains("Referral form by email", page.QuerySelector("[data-testid=how-to-refer]")!.TextContent);
        Assert.Contains("About 10 days", page.QuerySelector("[data-testid=wait]")!.TextContent);
        Assert.Contains("0113 496 0000", page.QuerySelector("[data-testid=contacts]")!.TextContent);
    }
}
