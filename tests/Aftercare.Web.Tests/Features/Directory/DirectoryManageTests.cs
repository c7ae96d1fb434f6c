using System.Net;
using Aftercare.Domain.Directory;
using Aftercare.Domain.Staff;
using Aftercare.Web.Features.Directory;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Directory;

/// <summary>Administrators add, change, retire and bring back services; practitioners then find them as they are.</summary>
[Collection("web")]
public sealed class DirectoryManageTests(AftercareFactory app)
{
    private async Task<WebSession> Admin()
    {
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Administrator, null));
        return session;
    }

    private static Dictionary<string, string?> Fields(string name, string area) => new()
    {
        ["Form.Name"] = name,
        ["Form.Type"] = "NhsTalkingTherapies",
        ["Form.Provider"] = "Northgate NHS Foundation Trust",
        ["Form.Description"] = "Talking therapy for anxiety and depression",
        ["Form.Coverage"] = "areas",
        ["Form.Areas"] = $"LS6, ls7 1ab\n{area}",
        ["Form.Needs"] = "talking-therapy",
        ["Form.EligibilityCriteria"] = "Aged 16 or over\r\n- Registered with a GP in the area\r\n\r\nAnxiety or depression affecting daily life",
        ["Form.Exclusions"] = "Needs a same-day crisis response",
        ["Form.HowToRefer"] = "Online form, or the person refers themselves",
        ["Form.WaitAmount"] = "4",
        ["Form.WaitUnit"] = "weeks",
        ["Form.Phone"] = "0113 496 0471",
        ["Form.Email"] = "talking@example.org",
        ["Form.Website"] = "https://talking.example.org",
        ["Form.AddressLine1"] = "Mill Yard",
        ["Form.Town"] = "Leeds",
        ["Form.Postcode"] = "ls62ab",
        // A browser posts every day, closed ones blank.
        ["Form.Hours[0]"] = "09:00 to 17:00",
        ["Form.Hours[1]"] = "",
        ["Form.Hours[2]"] = "9:00-12:30, 13:30-19:00",
        ["Form.Hours[3]"] = "",
        ["Form.Hours[4]"] = "",
        ["Form.Hours[5]"] = "",
        ["Form.Hours[6]"] = "",
        ["Form.HoursNote"] = "Closed on bank holidays",
    };

    [Fact]
    public async Task AnAdministrator_AddsAService_WithItsCriteriaOneByOne_AndPractitionersFindIt()
    {
        var admin = await Admin();
        var area = DirectoryTestData.UniqueAuthority();
        var name = TestWorld.Unique("Northgate Talking Therapies ");

        var location = await WebSession.AssertRedirect(await admin.PostForm("/directory/manage/add", Fields(name, area)));

        var service = await app.WithDb(db => db.Services.AsNoTracking().SingleAsync(s => s.Name == name));
        Assert.Equal($"/directory/manage/{service.Id}", location);
        Assert.Equal(ServiceType.NhsTalkingTherapies, service.Type);
        Assert.Equal(["Aged 16 or over", "Registered with a GP in the area", "Anxiety or depression affecting daily life"], service.EligibilityCriteria);
        Assert.Equal(["Needs a same-day crisis response"], service.Exclusions);
        Assert.Equal(["LS6", "LS7"], service.PostcodeDistricts);
        Assert.Equal([area], service.LocalAuthorities);
        Assert.Equal(28, service.TypicalWaitDays);
        Assert.Equal("LS6 2AB", service.Contacts.Postcode);
        Assert.Equal("09:00 to 12:30, 13:30 to 19:00", service.Hours.Describe(DayOfWeek.Wednesday));
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(a => a.EntityType == DirectoryAudit.Entity && a.EntityId == service.Id.ToString() && a.Action == "create")));

        var practitioner = app.NewSession();
        await practitioner.SignIn(await app.NewStaff(StaffRole.Practitioner, await app.NewTeam()));
        var search = await practitioner.GetPage($"/directory?Area={Uri.EscapeDataString(area)}");
        Assert.Contains(name, search.QuerySelector("[data-testid=results]")!.TextContent);
        var page = await practitioner.GetPage($"/directory/services/{service.Id}");
        Assert.Equal(["Aged 16 or over", "Registered with a GP in the area", "Anxiety or depression affecting daily life"],
            page.QuerySelectorAll("[data-testid=criteria] li").Select(li => li.TextContent.Trim()));
        Assert.Contains("About 4 weeks", page.QuerySelector("[data-testid=wait]")!.TextContent);
        Assert.Contains("Closed on bank holidays", page.QuerySelector("[data-testid=hours-note]")!.TextContent);
    }

    [Fact]
    public async Task AServiceWithProblems_IsRefused_WithEachProblemNextToItsField_KeepingWhatWasTyped_AndNothingIsSaved()
    {
        var admin = await Admin();
        var before = await app.WithDb(db => db.Services.CountAsync());
        var fields = Fields("", DirectoryTestData.UniqueAuthority());
        fields.Remove("Form.Type");
        fields["Form.Areas"] = "LS6\nLS6X9";
        fields["Form.Phone"] = "ring us";
        fields["Form.Hours[2]"] = "9am till late";
        fields["Form.WaitAmount"] = "soon";

        var response = await admin.PostForm("/directory/manage/add", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        var summary = page.QuerySelector(".nhsuk-error-summary")!.TextContent;
        Assert.Contains("Enter the service's name", summary);
        Assert.Contains("Choose the type of service", summary);
        Assert.Contains("\"LS6X9\" is not a postcode district", summary);
        Assert.Contains("Enter a phone number using numbers only", summary);
        Assert.Contains("Enter Wednesday's opening times like 09:00 to 17:00", summary);
        Assert.Contains("Enter the typical wait as a number of days or weeks", summary);
        Assert.Contains("is not a postcode district", page.QuerySelector("#Form_Areas-error")!.TextContent);
        Assert.Contains("Wednesday", page.QuerySelector("#Form_Hours_2_-error")!.TextContent);
        Assert.Equal("ring us", page.QuerySelector("input[name='Form.Phone']")!.GetAttribute("value"));
        Assert.Contains("Registered with a GP in the area", page.QuerySelector("textarea[name='Form.EligibilityCriteria']")!.TextContent);
        Assert.StartsWith("Error:", page.Title);
        Assert.Equal(before, await app.WithDb(db => db.Services.CountAsync()));
    }

    [Fact]
    public async Task TwoAdministratorsChangingTheSameService_TheSecondIsToldAndShownWhatTheFirstSaved_AndNothingIsOverwritten()
    {
        var service = await app.NewService(DirectoryTestData.Details(TestWorld.Unique("Crisis Café ")));
        var url = $"/directory/manage/{service.Id}";
        var first = await Admin();
        var second = await Admin();
        var opened = await second.GetPage(url);
        var version = opened.QuerySelector("input[name=Version]")!.GetAttribute("value");

        var fields = FormOf(await first.GetPage(url));
        fields["Form.HowToRefer"] = "Ring ahead after 6pm; no referral needed";
        await WebSession.AssertRedirect(await first.PostForm(url, fields));

        var mine = FormOf(opened);
        mine["Form.Name"] = "Renamed by the second administrator";
        mine["Version"] = version;
        var response = await second.PostForm(url, mine);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("while you were changing it, so your changes were not saved", page.QuerySelector(".nhsuk-error-summary")!.TextContent);
        var theirs = page.QuerySelector("[data-testid=their-changes]")!.TextContent;
        Assert.Contains("Ring ahead after 6pm", theirs);
        Assert.Equal("Renamed by the second administrator", page.QuerySelector("input[name='Form.Name']")!.GetAttribute("value"));
        var saved = await app.Service(service.Id.Value);
        Assert.Equal(service.Name, saved.Name);
        Assert.Equal("Ring ahead after 6pm; no referral needed", saved.HowToRefer);

        // Having seen the other change and combined it with their own, saving again succeeds.
        var again = FormOf(page);
        again["Form.HowToRefer"] = theirs.Contains("Ring ahead after 6pm; no referral needed") ? "Ring ahead after 6pm; no referral needed" : "";
        await WebSession.AssertRedirect(await second.PostWithToken(url, page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"), again));
        saved = await app.Service(service.Id.Value);
        Assert.Equal("Renamed by the second administrator", saved.Name);
        Assert.Equal("Ring ahead after 6pm; no referral needed", saved.HowToRefer);
    }

    [Fact]
    public async Task RetiringAService_TakesItOutOfSearches_ButItsPageStillOpens_AndItCanBeBroughtBack()
    {
        var area = DirectoryTestData.UniqueAuthority();
        var service = await app.NewService(DirectoryTestData.Details(TestWorld.Unique("Talking Space "), area));
        var url = $"/directory/manage/{service.Id}";
        var admin = await Admin();
        var practitioner = app.NewSession();
        await practitioner.SignIn(await app.NewStaff(StaffRole.Practitioner, await app.NewTeam()));
        var search = $"/directory?Area={Uri.EscapeDataString(area)}";
        Assert.Contains(service.Name, (await practitioner.GetPage(search)).Body!.TextContent);

        await WebSession.AssertRedirect(await admin.PostForm(url, new Dictionary<string, string?>(), url + "?handler=Retire"));

        Assert.False((await app.Service(service.Id.Value)).IsActive);
        Assert.DoesNotContain(service.Name, (await practitioner.GetPage(search)).Body!.TextContent);
        var page = await practitioner.GetPage($"/directory/services/{service.Id}");
        Assert.Contains("no longer takes referrals", page.QuerySelector("[data-testid=retired]")!.TextContent);
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(a => a.EntityId == service.Id.ToString() && a.Action == "retire")));

        await WebSession.AssertRedirect(await admin.PostForm(url, new Dictionary<string, string?>(), url + "?handler=Reinstate"));

        Assert.True((await app.Service(service.Id.Value)).IsActive);
        Assert.Contains(service.Name, (await practitioner.GetPage(search)).Body!.TextContent);
    }

    [Fact]
    public async Task RetiringAServiceSomeoneChangedMeanwhile_ChangesNothing_AndSaysSo()
    {
        var service = await app.NewService(DirectoryTestData.Details(TestWorld.Unique("Talking Space ")));
        var url = $"/directory/manage/{service.Id}";
        var admin = await Admin();
        var stale = (await admin.GetPage(url)).QuerySelector("input[name=Version]")!.GetAttribute("value");
        var other = await Admin();
        var fields = FormOf(await other.GetPage(url));
        fields["Form.Description"] = "Now open on Sundays";
        await WebSession.AssertRedirect(await other.PostForm(url, fields));

        var response = await admin.PostForm(url, new Dictionary<string, string?> { ["Version"] = stale }, url + "?handler=Retire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("so nothing was changed", WebSession.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.True((await app.Service(service.Id.Value)).IsActive);
    }

    [Fact]
    public async Task TheDirectoryList_ShowsServicesInUseAndRetired()
    {
        var inUse = await app.NewService(DirectoryTestData.Details(TestWorld.Unique("A In Use ")));
        var retired = await app.NewService(DirectoryTestData.Details(TestWorld.Unique("A Retired ")), active: false);
        var admin = await Admin();
        var text = "";
        for (var p = 1; p < 50 && (!text.Contains(inUse.Name) || !text.Contains(retired.Name)); p++)
        {
            var page = await admin.GetPage($"/directory/manage?p={p}");
            text += page.QuerySelector("[data-testid=services]")?.TextContent ?? "";
            if (page.QuerySelector(".nhsuk-pagination__link--next") is null) break;
        }
        Assert.Contains(inUse.Name, text);
        Assert.Contains(retired.Name, text);
    }

    /// <summary>The fields of the service form as the page shows them, as a browser would post them back.</summary>
    private static Dictionary<string, string?> FormOf(AngleSharp.Dom.IDocument page)
    {
        var fields = new Dictionary<string, string?>();
        var form = page.QuerySelectorAll("main form").First(f => f.QuerySelector("input[name='Form.Name']") is not null);
        foreach (var input in form.QuerySelectorAll("input, textarea"))
        {
            var name = input.GetAttribute("name");
            if (name is null || name == "__RequestVerificationToken") continue;
            var type = input.GetAttribute("type");
            if (type is "radio" or "checkbox")
            {
                // One value a name: the services these tests change meet one need each.
                if (input.HasAttribute("checked") && !fields.ContainsKey(name)) fields[name] = input.GetAttribute("value");
                continue;
            }
            fields[name] = input.LocalName == "textarea" ? input.TextContent : input.GetAttribute("value");
        }
        return fields;
    }
}
