using System.Net;
using System.Text;
using System.Text.Json;
using Aftercare.Domain.Directory;
using Aftercare.Domain.Staff;
using Aftercare.Web.Features.Directory;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Directory;

/// <summary>Loading a directory published in the Open Referral UK form: all of a good file, none of a bad one, never twice.</summary>
[Collection("web")]
public sealed class DirectoryImportTests(AftercareFactory app)
{
    private async Task<WebSession> Admin()
    {
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Administrator, null));
        return session;
    }

    private static Task<HttpResponseMessage> Import(WebSession admin, byte[] file, string name = "directory.json") =>
        admin.PostFile("/directory/manage/import", "Form.File", name, file);

    private Task<List<AftercareService>> Loaded(IEnumerable<string> ids)
    {
        var list = ids.ToList();
        return app.WithDb(db => db.Services.AsNoTracking().Where(s => list.Contains(s.OpenReferralId)).OrderBy(s => s.Name).ToListAsync());
    }

    [Fact]
    public async Task AGoodFile_LoadsEveryService_WithItsCriteriaNeedsHoursAndContacts_AndIsAudited()
    {
        var admin = await Admin();
        var (file, ids) = DirectoryTestData.Sample();

        var location = await WebSession.AssertRedirect(await Import(admin, file, "leeds-directory.json"));

        Assert.Equal("/directory/manage", location);
        Assert.Contains("Loaded leeds-directory.json: 5 services added, 0 services changed, 0 services unchanged",
            (await admin.GetPage(location)).QuerySelector("[data-testid=notice]")!.TextContent);
        var services = (await Loaded(ids)).ToDictionary(s => s.OpenReferralId);
        Assert.Equal(5, services.Count);
        var therapies = services[ids[0]];
        Assert.Equal(ServiceType.NhsTalkingTherapies, therapies.Type);
        Assert.Equal(["Aged 16 or over", "Registered with a GP in Leeds", "Anxiety or depression that affects day-to-day life"], therapies.EligibilityCriteria);
        Assert.Equal("Airedale Vale NHS Foundation Trust (fictional)", therapies.Provider);
        Assert.Equal("08:00 to 20:00", therapies.Hours.Describe(DayOfWeek.Friday));
        Assert.Equal("", therapies.Hours.Describe(DayOfWeek.Saturday));
        var crisis = services[ids[1]];
        Assert.Equal(["Aged 18 or over", "In a mental health crisis that would otherwise need a hospital admission"], crisis.EligibilityCriteria);
        Assert.Equal(["Already under the care of another crisis team"], crisis.Exclusions);
        Assert.Equal(0, crisis.TypicalWaitDays);
        Assert.Equal(("Harbourside House", "LS1 4AP"), (crisis.Contacts.AddressLine1, crisis.Contacts.Postcode));
        var cafe = services[ids[2]];
        Assert.Equal("0113 496 0935", cafe.Contacts.Phone);
        Assert.Equal(["crisis-support", "peer-support"], cafe.Needs);
        Assert.True(cafe.Hours.Sessions.Single(s => s.Day == DayOfWeek.Friday).RunsPastMidnight);
        Assert.True(services[ids[3]].IsNational);
        Assert.Equal(["Aged 11 to 25"], services[ids[4]].EligibilityCriteria);
        Assert.Equal(ServiceType.Other, services[ids[4]].Type);

        var audited = await app.WithDb(db => db.AuditEvents.Where(a => a.EntityType == DirectoryAudit.Entity && a.Reason!.StartsWith("Imported from leeds-directory.json")).ToListAsync());
        Assert.Contains(audited, a => a.Action == "import" && a.Reason!.Contains("5 services added"));
        Assert.Equal(services.Values.Select(s => s.Id.ToString()).Order(), audited.Where(a => a.Action == "create").Select(a => a.EntityId!).Order());
    }

    [Fact]
    public async Task MalformedJson_IsRefusedNamingTheLineAndColumn_InTheErrorSummary_AndLoadsNothing()
    {
        var admin = await Admin();
        var (file, ids) = DirectoryTestData.Sample(text => text.Replace("\"name\": \"Harbourside Crisis and Home Treatment Team\",", "\"name\": \"Harbourside Crisis and Home Treatment Team\""));
        var line = Encoding.UTF8.GetString(file).Split('\n').ToList().FindIndex(l => l.Contains("Harbourside Crisis and Home Treatment Team")) + 2;

        var response = await Import(admin, file);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        var summary = page.QuerySelector(".nhsuk-error-summary")!;
        Assert.Contains($"The file is not valid JSON at line {line}, column 5", summary.TextContent);
        Assert.Equal("#Form_File", summary.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains($"line {line}", page.QuerySelector("#Form_File-error")!.TextContent);
        Assert.Empty(await Loaded(ids));
    }

    [Fact]
    public async Task AnInvalidField_IsRefusedNamingItsPath_AndNoServiceOfTheFileIsLoaded()
    {
        var admin = await Admin();
        var before = await app.WithDb(db => db.Services.CountAsync());
        var (file, ids) = DirectoryTestData.Sample(text => text
            .Replace("\"name\": \"Kirkstall Lane Crisis Café\",", "")
            .Replace("\"email\": \"hello@young-wellbeing.example.org\"", "\"email\": \"hello at young wellbeing\""));

        var response = await Import(admin, file);

        var summary = WebSession.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".nhsuk-error-summary")!.TextContent;
        Assert.Contains("services[2].name is missing", summary);
        Assert.Contains("services[4].email: Enter an email address in the right format", summary);
        Assert.Empty(await Loaded(ids));
        Assert.Equal(before, await app.WithDb(db => db.Services.CountAsync()));
    }

    [Fact]
    public async Task ImportingTheSameFileTwice_AddsNothingTheSecondTime_AndAChangedFileUpdatesInPlace()
    {
        var admin = await Admin();
        var (file, ids) = DirectoryTestData.Sample();
        await WebSession.AssertRedirect(await Import(admin, file));

        await WebSession.AssertRedirect(await Import(admin, file));

        Assert.Contains("0 services added, 0 services changed, 5 services unchanged", (await admin.GetPage("/directory/manage")).QuerySelector("[data-testid=notice]")!.TextContent);
        Assert.Equal(5, (await Loaded(ids)).Count);

        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(file)
            .Replace("\"value\": \"28\"", "\"value\": \"42\"")
            .Replace("\"status\": \"active\",\n    \"application_process\": \"Drop in", "\"status\": \"defunct\",\n    \"application_process\": \"Drop in"));
        await WebSession.AssertRedirect(await Import(admin, changed));

        Assert.Contains("0 services added, 2 services changed, 3 services unchanged, 1 service retired", (await admin.GetPage("/directory/manage")).QuerySelector("[data-testid=notice]")!.TextContent);
        var services = (await Loaded(ids)).ToDictionary(s => s.OpenReferralId);
        Assert.Equal(5, services.Count);
        Assert.Equal(42, services[ids[0]].TypicalWaitDays);
        Assert.False(services[ids[2]].IsActive);
    }

    [Fact]
    public async Task ExportingThenImporting_GivesTheSameDirectory()
    {
        var admin = await Admin();
        var hours = OpeningHours.Create([.. OpeningHours.ReadDay(DayOfWeek.Monday, "09:00 to 12:30, 13:30 to 17:00"), .. OpeningHours.ReadDay(DayOfWeek.Saturday, "18:00 to 02:00")], "Closed on bank holidays");
        var full = await app.NewService(DirectoryTestData.Details(TestWorld.Unique("Everything recorded "), "LS6", "ZE2", DirectoryTestData.UniqueAuthority()) with
        {
            Type = ServiceType.CommunityMentalHealth,
            Provider = "Northgate NHS Foundation Trust",
            Description = "Care coordination and therapy.\nSecond paragraph.",
            Needs = ["talking-therapy", "substance-use", "lgbtq"],
            EligibilityCriteria = ["Aged 18 or over", "Registered with a GP in Leeds"],
            Exclusions = ["Needs a same-day crisis response", "Under another community team"],
            HowToRefer = "Referral letter to the single point of access",
            TypicalWaitDays = 10,
            Contacts = ServiceContacts.Create("0113 496 0555", "spa@example.org", "https://cmht.example.org/refer", "Unit 4", "Mill Yard", "Leeds", "LS6 2AB"),
            Hours = hours,
        });
        var national = await app.NewService(DirectoryTestData.Details(TestWorld.Unique("National line ")) with { IsNational = true }, active: false);

        var response = await admin.Get("/directory/manage/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("aftercare-directory-", response.Content.Headers.ContentDisposition!.FileName);
        var exported = await response.Content.ReadAsByteArrayAsync();
        using (var json = JsonDocument.Parse(exported))
            Assert.Contains(json.RootElement.GetProperty("contents").EnumerateArray(), s => s.GetProperty("id").GetString() == full.OpenReferralId);

        // The file as it is changes nothing: every service in it is already as it says.
        await WebSession.AssertRedirect(await Import(admin, exported, "export.json"));
        Assert.Contains("0 services added, 0 services changed", (await admin.GetPage("/directory/manage")).QuerySelector("[data-testid=notice]")!.TextContent);

        // Loaded as new services, they come back exactly as they were.
        var copies = new[] { Guid.NewGuid().ToString(), Guid.NewGuid().ToString() };
        var renamed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(exported).Replace(full.OpenReferralId, copies[0]).Replace(national.OpenReferralId, copies[1]));
        await WebSession.AssertRedirect(await Import(admin, renamed, "export.json"));
        var loaded = (await Loaded(copies)).ToDictionary(s => s.OpenReferralId);
        AssertSame(await app.Service(full.Id.Value), loaded[copies[0]]);
        AssertSame(await app.Service(national.Id.Value), loaded[copies[1]]);
    }

    private static void AssertSame(AftercareService expected, AftercareService actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.Provider, actual.Provider);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.IsNational, actual.IsNational);
        Assert.Equal(expected.PostcodeDistricts, actual.PostcodeDistricts);
        Assert.Equal(expected.LocalAuthorities, actual.LocalAuthorities);
        Assert.Equal(expected.AreaKeys, actual.AreaKeys);
        Assert.Equal(expected.Needs, actual.Needs);
        Assert.Equal(expected.EligibilityCriteria, actual.EligibilityCriteria);
        Assert.Equal(expected.Exclusions, actual.Exclusions);
        Assert.Equal(expected.HowToRefer, actual.HowToRefer);
        Assert.Equal(expected.TypicalWaitDays, actual.TypicalWaitDays);
        Assert.Equal(expected.Contacts, actual.Contacts);
        Assert.Equal(expected.Hours, actual.Hours);
        Assert.Equal(expected.IsActive, actual.IsActive);
    }
}
