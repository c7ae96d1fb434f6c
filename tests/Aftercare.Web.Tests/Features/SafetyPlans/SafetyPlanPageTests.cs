using System.Net;
using Aftercare.Domain.SafetyPlans;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.SafetyPlans;

[Collection("web")]
public sealed class SafetyPlanPageTests(AftercareFactory app)
{
    private static Dictionary<string, string?> Entries(params (string Field, string Value)[] fields) =>
        fields.ToDictionary(f => "Form." + f.Field, f => (string?)f.Value);

    [Fact]
    public async Task ThePractitioner_WritesThePlanInTheirWords_AndEverySaveIsAVersionWithWhoAndWhen()
    {
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);
        var practitioner = await app.NewStaff(StaffRole.Practitioner, team);
        var session = app.NewSession();
        await session.SignIn(practitioner);
        var edit = $"/persons/{person}/safety-plan/edit";

        var response = await session.PostForm(edit, Entries(
            ("WarningSigns[0].Text", "I stop answering my phone"),
            ("WarningSigns[1].Text", "  Not sleeping  "),
            ("PeopleICanAsk[0].Text", "My sister Jo"),
            ("PeopleICanAsk[0].Phone", "07700 900123"),
            ("Professionals[0].Text", "Crisis team"),
            ("Professionals[0].Phone", "0161 496 0000"),
            ("Professionals[0].Hours", "Any time"),
            ("ReasonsForLiving[0].Text", "My dog, Biscuit")));
        Assert.Equal($"/persons/{person}/safety-plan", await WebSession.AssertRedirect(response));

        var page = await session.GetPage($"/persons/{person}/safety-plan");
        var plan = page.QuerySelector("[data-testid=plan]")!.TextContent;
        foreach (var words in new[] { "I stop answering my phone", "Not sleeping", "My sister Jo", "07700 900123", "Crisis team", "Any time", "My dog, Biscuit" })
            Assert.Contains(words, plan);
        Assert.NotNull(page.QuerySelector("a[href='tel:07700900123']"));
        Assert.Contains("Version 1", page.QuerySelector("[data-testid=plan-version]")!.TextContent);

        // Changing one section keeps the others as they were.
        response = await session.PostForm(edit + "?section=ReasonsForLiving", Entries(
            ("ReasonsForLiving[0].Text", "My dog, Biscuit"), ("ReasonsForLiving[1].Text", "Seeing my niece grow up")));
        await WebSession.AssertRedirect(response);

        var saved = await app.WithDb(db => db.SafetyPlans.AsNoTracking().SingleAsync(p => p.PersonId == person));
        Assert.Equal(2, saved.CurrentVersion);
        Assert.Equal(["I stop answering my phone", "Not sleeping"], saved.CurrentContent.WarningSigns.Select(e => e.Text));
        Assert.Equal(2, saved.CurrentContent.ReasonsForLiving.Count);
        var versions = await app.WithDb(db => db.SafetyPlanVersions.AsNoTracking().Where(v => v.SafetyPlanId == saved.Id).OrderBy(v => v.Number).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.All(versions, v => Assert.Equal(practitioner.Name, v.SavedBy.Name));
        Assert.Single(versions[0].Content.ReasonsForLiving);

        var history = await session.GetPage($"/persons/{person}/safety-plan/history");
        Assert.Equal(2, history.QuerySelectorAll("[data-testid=versions] tbody tr").Length);
        var diff = history.QuerySelector("[data-testid=plan-diff]")!.TextContent;
        Assert.Contains("Seeing my niece grow up", diff);
        Assert.DoesNotContain("Not sleeping", diff);

        var fromStart = await session.GetPage($"/persons/{person}/safety-plan/history?from=0&to=2");
        Assert.Contains("Not sleeping", fromStart.QuerySelector("[data-testid=plan-diff]")!.TextContent);
    }

    [Fact]
    public async Task SavingTheSameWords_MakesNoNewVersion()
    {
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Practitioner, team));
        var edit = $"/persons/{person}/safety-plan/edit";
        await WebSession.AssertRedirect(await session.PostForm(edit, Entries(("WarningSigns[0].Text", "Pacing at night"))));
        await WebSession.AssertRedirect(await session.PostForm(edit, Entries(("WarningSigns[0].Text", "Pacing at night"))));
        Assert.Equal(1, await app.WithDb(db => db.SafetyPlanVersions.CountAsync(v => db.SafetyPlans.Any(p => p.Id == v.SafetyPlanId && p.PersonId == person))));
    }

    [Fact]
    public async Task MovingAnEntry_ChangesTheOrderOnThePage_AndSavesNothingUntilSave()
    {
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Practitioner, team));
        var edit = $"/persons/{person}/safety-plan/edit";

        var fields = Entries(("ThingsICanDo[0].Text", "Walk to the park"), ("ThingsICanDo[1].Text", "Play guitar"));
        fields["Form.Command"] = "down:ThingsICanDo:0";
        var response = await session.PostForm(edit, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Play guitar", page.QuerySelector("textarea[name='Form.ThingsICanDo[0].Text']")!.TextContent);
        Assert.Equal("Walk to the park", page.QuerySelector("textarea[name='Form.ThingsICanDo[1].Text']")!.TextContent);
        Assert.False(await app.WithDb(db => db.SafetyPlans.AnyAsync(p => p.PersonId == person)));

        fields = Entries(("ThingsICanDo[0].Text", "Play guitar"), ("ThingsICanDo[1].Text", "Walk to the park"));
        fields["Form.Command"] = "remove:ThingsICanDo:0";
        page = WebSession.Parse(await (await session.PostForm(edit, fields)).Content.ReadAsStringAsync());
        Assert.Equal("Walk to the park", page.QuerySelector("textarea[name='Form.ThingsICanDo[0].Text']")!.TextContent);
        Assert.DoesNotContain("Play guitar", page.QuerySelector("form.app-plan-form")!.TextContent);
    }

    [Fact]
    public async Task BadInput_SaysWhatToFix_NextToTheField_AndKeepsEverythingTyped()
    {
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Practitioner, team));
        var edit = $"/persons/{person}/safety-plan/edit";

        var response = await session.PostForm(edit, Entries(
            ("WarningSigns[0].Text", "Feeling trapped"),
            ("PeopleICanAsk[0].Text", "Sam"),
            ("PeopleICanAsk[0].Phone", "ring me"),
            ("PeopleICanAsk[1].Phone", "07700 900456")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        var summary = page.QuerySelector(".nhsuk-error-summary")!;
        Assert.Contains("Enter a phone number using digits", summary.TextContent);
        Assert.Equal("#Form_PeopleICanAsk_0__Phone", summary.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("#Form_PeopleICanAsk_0__Phone.nhsuk-input--error"));
        Assert.Equal("ring me", page.QuerySelector("input[name='Form.PeopleICanAsk[0].Phone']")!.GetAttribute("value"));
        Assert.Equal("07700 900456", page.QuerySelector("input[name='Form.PeopleICanAsk[1].Phone']")!.GetAttribute("value"));
        Assert.Equal("Feeling trapped", page.QuerySelector("textarea[name='Form.WarningSigns[0].Text']")!.TextContent);
        Assert.StartsWith("Error:", page.Title);
        Assert.False(await app.WithDb(db => db.SafetyPlans.AnyAsync(p => p.PersonId == person)));

        response = await session.PostForm(edit, Entries(("SafeSpace[0].Text", new string('x', 501))));
        page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("500 characters or fewer", page.QuerySelector(".nhsuk-error-summary")!.TextContent);
    }

    [Fact]
    public async Task TwoPeopleSavingTheSameVersion_TheSecondSeesWhatChanged_AndTheMergeLosesNothing()
    {
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);
        var first = app.NewSession();
        await first.SignIn(await app.NewStaff(StaffRole.Practitioner, team));
        var editor = await app.NewStaff(StaffRole.Practitioner, team);
        var second = app.NewSession();
        await second.SignIn(editor);
        var edit = $"/persons/{person}/safety-plan/edit";
        await WebSession.AssertRedirect(await first.PostForm(edit, Entries(("WarningSigns[0].Text", "Not eating"), ("ReasonsForLiving[0].Text", "My cat"))));

        // Both open version 1; the first saves a new reason, the second a new warning sign.
        var secondPage = await second.GetPage(edit);
        var token = secondPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        await WebSession.AssertRedirect(await first.PostForm(edit, Entries(("WarningSigns[0].Text", "Not eating"), ("ReasonsForLiving[0].Text", "My cat"), ("ReasonsForLiving[1].Text", "Finishing my course"))));
        var response = await second.PostWithToken(edit, token, new Dictionary<string, string?>
        {
            ["Form.BasedOnVersion"] = "1",
            ["Form.WarningSigns[0].Text"] = "Not eating",
            ["Form.WarningSigns[1].Text"] = "Staying in bed all day",
            ["Form.ReasonsForLiving[0].Text"] = "My cat",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        var merge = page.QuerySelector("[data-testid=merge]")!.TextContent;
        Assert.Contains("saved this plan while you were editing", merge);
        Assert.Contains("Finishing my course", merge);
        var form = page.QuerySelectorAll("form.app-plan-form textarea").Select(t => t.TextContent).ToList();
        Assert.Contains("Staying in bed all day", form);
        Assert.Contains("Finishing my course", form);
        Assert.Equal("2", page.QuerySelector("input[name='Form.BasedOnVersion']")!.GetAttribute("value"));
        Assert.Equal(2, await app.WithDb(db => db.SafetyPlans.Where(p => p.PersonId == person).Select(p => p.CurrentVersion).SingleAsync()));

        // Saving the merged plan keeps both people's words.
        var fields = page.QuerySelectorAll("form.app-plan-form textarea")
            .ToDictionary(t => t.GetAttribute("name")!, t => (string?)t.TextContent);
        fields["Form.BasedOnVersion"] = "2";
        await WebSession.AssertRedirect(await second.PostWithToken(edit, page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"), fields));
        var saved = await app.WithDb(db => db.SafetyPlans.AsNoTracking().SingleAsync(p => p.PersonId == person));
        Assert.Equal(3, saved.CurrentVersion);
        Assert.Equal(["Not eating", "Staying in bed all day"], saved.CurrentContent.WarningSigns.Select(e => e.Text));
        Assert.Equal(["My cat", "Finishing my course"], saved.CurrentContent.ReasonsForLiving.Select(e => e.Text));
        Assert.Equal(editor.Name, saved.UpdatedBy.Name);
    }

    [Fact]
    public async Task ThePlanPages_ForAnotherTeamOrAnAdministrator_AreNotFound()
    {
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);
        var owner = app.NewSession();
        await owner.SignIn(await app.NewStaff(StaffRole.Practitioner, team));
        await WebSession.AssertRedirect(await owner.PostForm($"/persons/{person}/safety-plan/edit", Entries(("WarningSigns[0].Text", "Private words"))));

        foreach (var (role, t) in new[] { (StaffRole.Practitioner, await app.NewTeam()), (StaffRole.Supervisor, await app.NewTeam()), (StaffRole.Administrator, (TeamAtSite?)null) })
        {
            var other = app.NewSession();
            await other.SignIn(await app.NewStaff(role, t));
            foreach (var url in new[] { "safety-plan", "safety-plan/edit", "safety-plan/history", "safety-plan/pdf" })
            {
                var response = await other.Get($"/persons/{person}/{url}");
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{role} reached {url}: {(int)response.StatusCode}");
                Assert.DoesNotContain("Private words", await response.Content.ReadAsStringAsync());
            }
            var post = await other.PostForm("/account/sign-out", Entries(("WarningSigns[0].Text", "Overwritten")), $"/persons/{person}/safety-plan/edit");
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
        Assert.Equal(1, await app.WithDb(db => db.SafetyPlans.Where(p => p.PersonId == person).Select(p => p.CurrentVersion).SingleAsync()));
    }

    [Fact]
    public async Task ReadingThePlan_IsAudited()
    {
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);
        var session = app.NewSession();
        var practitioner = await app.NewStaff(StaffRole.Practitioner, team);
        await session.SignIn(practitioner);
        await WebSession.AssertRedirect(await session.PostForm($"/persons/{person}/safety-plan/edit", Entries(("WarningSigns[0].Text", "Words"))));
        var before = await app.WithDb(db => db.AuditEvents.CountAsync(a => a.PersonId == person.Value && a.EntityType == "SafetyPlan" && a.Action == "view"));
        await session.GetPage($"/persons/{person}/safety-plan");
        var after = await app.WithDb(db => db.AuditEvents.Where(a => a.PersonId == person.Value && a.EntityType == "SafetyPlan" && a.Action == "view").ToListAsync());
        Assert.Equal(before + 1, after.Count);
        Assert.Contains(after, a => a.ActorId == practitioner.Id);
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(a => a.PersonId == person.Value && a.EntityType == "SafetyPlan" && a.Action == "create")));
    }
}
