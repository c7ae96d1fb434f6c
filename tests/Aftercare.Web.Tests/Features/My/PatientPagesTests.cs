using System.Net;
using Aftercare.Domain.Common;
using Aftercare.Domain.Narratives;
using Aftercare.Domain.SafetyPlans;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.My;

[Collection("web")]
public sealed class PatientPagesTests(AftercareFactory app)
{
    private static readonly string[] PatientPages = ["/my", "/my/plan", "/my/plan/edit", "/my/plan/history", "/my/sharing"];
    private static readonly string[] PatientFiles = ["/my/plan/pdf"];

    private async Task<(TeamAtSite Team, PersonId Person, StaffAccount Practitioner, WebSession Staff)> PersonWithPlan(params string[] warningSigns)
    {
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);
        var practitioner = await app.NewStaff(StaffRole.Practitioner, team);
        var staff = app.NewSession();
        await staff.SignIn(practitioner);
        var fields = warningSigns.Select((w, i) => (Key: $"Form.WarningSigns[{i}].Text", Value: (string?)w)).ToDictionary(x => x.Key, x => x.Value);
        await WebSession.AssertRedirect(await staff.PostForm($"/persons/{person}/safety-plan/edit", fields));
        return (team, person, practitioner, staff);
    }

    [Fact]
    public async Task ThePractitionerInvites_ThePatientUsesTheCodeOnce_AndSeesTheirOwnPlan()
    {
        var (_, person, _, staff) = await PersonWithPlan("Shutting myself away");
        var plan = $"/persons/{person}/safety-plan";

        var response = await staff.PostForm(plan, new Dictionary<string, string?>(), plan + "?handler=Invite");
        var code = (await AfterRedirect(staff, response)).QuerySelector("[data-testid=invitation-code]")!.TextContent.Trim();
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", code);
        // Shown once: a reload neither shows it again nor issues another, and the database holds only its hash.
        Assert.Null((await staff.GetPage(plan)).QuerySelector("[data-testid=invitation-code]"));
        Assert.Equal(1, await app.WithDb(db => db.PatientInvitations.CountAsync(i => i.PersonId == person)));
        var stored = await app.WithDb(db => db.PatientInvitations.AsNoTracking().SingleAsync(i => i.PersonId == person));
        Assert.NotEqual(code.Replace("-", ""), stored.CodeHash);
        Assert.Equal(PatientInvitationCodeHash(code), stored.CodeHash);

        var patient = app.NewSession();
        var email = TestWorld.Unique("robin.") + "@example.com";
        response = await patient.PostForm("/account/patient-invitation", new Dictionary<string, string?>
        {
            ["Form.Code"] = code.ToLowerInvariant().Replace("-", " "),
            ["Form.Email"] = email,
            ["Form.Password"] = TestWorld.Password,
            ["Form.ConfirmPassword"] = TestWorld.Password,
        });
        Assert.Equal("/my", await WebSession.AssertRedirect(response));
        var home = await patient.GetPage("/my");
        Assert.Contains("Robin", home.QuerySelector("h1")!.TextContent);
        Assert.Contains("Shutting myself away", (await patient.GetPage("/my/plan")).QuerySelector("[data-testid=plan]")!.TextContent);
        Assert.Contains("since", (await staff.GetPage(plan)).QuerySelector("[data-testid=account-active]")!.TextContent);

        // The same code cannot make a second account.
        var again = app.NewSession();
        response = await again.PostForm("/account/patient-invitation", new Dictionary<string, string?>
        {
            ["Form.Code"] = code,
            ["Form.Email"] = TestWorld.Unique("other.") + "@example.com",
            ["Form.Password"] = TestWorld.Password,
            ["Form.ConfirmPassword"] = TestWorld.Password,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("cannot be used", WebSession.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.Equal(1, await app.WithDb(db => db.Users.CountAsync(u => u.PersonId == person)));
    }

    private static string PatientInvitationCodeHash(string code) => Domain.Patients.PatientInvitationCode.Hash(code);

    [Fact]
    public async Task AnInvitation_After72Hours_OrReplacedByANewOne_CannotBeUsed()
    {
        var (_, person, practitioner, staff) = await PersonWithPlan("Words");
        var plan = $"/persons/{person}/safety-plan";
        async Task<string> Invite(WebSession s) =>
            (await AfterRedirect(s, await s.PostForm(plan, new Dictionary<string, string?>(), plan + "?handler=Invite")))
                .QuerySelector("[data-testid=invitation-code]")!.TextContent.Trim();
        async Task<string> Use(string code)
        {
            var response = await app.NewSession().PostForm("/account/patient-invitation", new Dictionary<string, string?>
            {
                ["Form.Code"] = code,
                ["Form.Email"] = TestWorld.Unique("p.") + "@example.com",
                ["Form.Password"] = TestWorld.Password,
                ["Form.ConfirmPassword"] = TestWorld.Password,
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return WebSession.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".nhsuk-error-summary")!.TextContent;
        }

        var replaced = await Invite(staff);
        var expired = await Invite(staff);
        Assert.Contains("cannot be used", await Use(replaced));
        try
        {
            app.Clock.Advance(TimeSpan.FromHours(72) + TimeSpan.FromMinutes(1));
            Assert.Contains("cannot be used", await Use(expired));
        }
        finally
        {
            app.Clock.Reset();
        }
        Assert.False(await app.WithDb(db => db.Users.AnyAsync(u => u.PersonId == person)));
    }

    [Fact]
    public async Task SettingUpAnAccount_WithBadInput_SaysWhatToFix_AndKeepsWhatWasTyped()
    {
        var patient = app.NewSession();
        var response = await patient.PostForm("/account/patient-invitation", new Dictionary<string, string?>
        {
            ["Form.Code"] = "ABCD-EFGH",
            ["Form.Email"] = "not an email",
            ["Form.Password"] = "short",
            ["Form.ConfirmPassword"] = "different",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        var summary = page.QuerySelector(".nhsuk-error-summary")!.TextContent;
        Assert.Contains("Enter an email address in the right format", summary);
        Assert.Contains("between 8 and 128 characters", summary);
        Assert.Contains("do not match", summary);
        Assert.Equal("not an email", page.QuerySelector("input[name='Form.Email']")!.GetAttribute("value"));
        Assert.Equal("ABCD-EFGH", page.QuerySelector("input[name='Form.Code']")!.GetAttribute("value"));

        response = await patient.PostForm("/account/patient-invitation", new Dictionary<string, string?>
        {
            ["Form.Code"] = "ABCD-EFGH",
            ["Form.Email"] = "robin@example.com",
            ["Form.Password"] = TestWorld.Password,
            ["Form.ConfirmPassword"] = TestWorld.Password,
        });
        Assert.Contains("12-character code", WebSession.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".nhsuk-error-summary")!.TextContent);
    }

    [Fact]
    public async Task ThePatientChangesTheirPlan_AndThePractitionerSeesTheNewVersionWithTheirName()
    {
        var (_, person, _, staff) = await PersonWithPlan("Crying a lot");
        var account = await app.NewPatientAccount(person);
        var patient = app.NewSession();
        await patient.SignIn(account);

        var response = await patient.PostForm("/my/plan/edit?section=ThingsICanDo", new Dictionary<string, string?>
        {
            ["Form.ThingsICanDo[0].Text"] = "Take a cold shower",
            ["Form.ThingsICanDo[1].Text"] = "Listen to my playlist 🎧",
        });
        Assert.Equal("/my/plan", await WebSession.AssertRedirect(response));

        var page = await staff.GetPage($"/persons/{person}/safety-plan");
        Assert.Contains("Listen to my playlist 🎧", page.QuerySelector("[data-testid=plan]")!.TextContent);
        Assert.Contains("Crying a lot", page.QuerySelector("[data-testid=plan]")!.TextContent);
        Assert.Contains("Version 2", page.QuerySelector("[data-testid=plan-version]")!.TextContent);
        var saved = await app.WithDb(db => db.SafetyPlans.AsNoTracking().SingleAsync(p => p.PersonId == person));
        Assert.Equal(AuthorKind.Patient, saved.UpdatedBy.Kind);
        Assert.Equal(person.Value, saved.UpdatedBy.Id);
        var history = await staff.GetPage($"/persons/{person}/safety-plan/history");
        Assert.Contains("(the person)", history.QuerySelector("[data-testid=versions]")!.TextContent);
    }

    [Fact]
    public async Task APatient_ReachesNoStaffPage_AndNoOtherRecord_NotEvenTheirOwnStaffRecord()
    {
        var (team, person, _, staff) = await PersonWithPlan("Mine");
        var (other, _) = await app.NewPerson(team);
        await WebSession.AssertRedirect(await staff.PostForm($"/persons/{other}/safety-plan/edit", new Dictionary<string, string?> { ["Form.WarningSigns[0].Text"] = "Someone else's words" }));
        await WebSession.AssertRedirect(await staff.PostForm($"/persons/{other}/narrative", new Dictionary<string, string?> { ["Form.Story"] = "Someone else's story", ["Form.Sharing"] = "CareTeamOnly" }, $"/persons/{other}/narrative?handler=Record"));
        var presentation = await app.WithDb(db => db.Presentations.Where(p => p.PersonId == other).Select(p => p.Id).FirstAsync());

        var patient = app.NewSession();
        await patient.SignIn(await app.NewPatientAccount(person));
        var staffPages = new List<string> { "/persons", "/persons/register", "/admin/sites", "/admin/staff", "/team/break-glass" };
        foreach (var id in new[] { person, other })
        {
            staffPages.AddRange([$"/persons/{id}", $"/persons/{id}/safety-plan", $"/persons/{id}/safety-plan/edit", $"/persons/{id}/safety-plan/history",
                $"/persons/{id}/safety-plan/pdf", $"/persons/{id}/narrative", $"/persons/{id}/access-log", $"/persons/{id}/break-glass", $"/persons/{id}/presentations/new"]);
        }
        staffPages.Add($"/presentations/{presentation}/assessment");
        foreach (var url in staffPages)
        {
            var response = await patient.Get(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"A patient reached {url}: {(int)response.StatusCode}");
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("Someone else", html);
        }
        var post = await patient.PostForm("/account/sign-out", new Dictionary<string, string?> { ["Form.WarningSigns[0].Text"] = "Overwritten" }, $"/persons/{other}/safety-plan/edit");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);

        // Their own pages show only their own plan, whatever is asked for.
        foreach (var url in PatientPages.Select(u => u + $"?id={other}"))
        {
            var html = await (await patient.Get(url)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("Someone else", html);
        }
        Assert.Equal("Someone else's words", await app.WithDb(db => db.SafetyPlans.Where(p => p.PersonId == other).Select(p => p.CurrentContent).SingleAsync()).ContinueWith(t => t.Result.WarningSigns[0].Text));
    }

    [Fact]
    public async Task APatient_MayAddASecondFactor_AndIsThenAskedForIt()
    {
        var (_, person, _, _) = await PersonWithPlan("Words");
        var account = await app.NewPatientAccount(person);
        var patient = app.NewSession();
        await patient.SignIn(account);
        var setUp = await patient.GetPage("/account/set-up-two-factor");
        var key = setUp.QuerySelector("[data-testid=authenticator-key]")!.TextContent.Replace(" ", "").ToUpperInvariant();
        await WebSession.AssertRedirect(await patient.PostForm("/account/set-up-two-factor", new Dictionary<string, string?> { ["Form.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }));
        await WebSession.AssertRedirect(await patient.SignOut("/my"));

        var again = app.NewSession();
        var response = await again.PostForm("/account/sign-in", new Dictionary<string, string?> { ["Form.Email"] = account.Email, ["Form.Password"] = account.Password });
        Assert.StartsWith("/account/two-factor", await WebSession.AssertRedirect(response));
        Assert.Equal(HttpStatusCode.Redirect, (await again.Get("/my/plan")).StatusCode);
        response = await again.PostForm("/account/two-factor", new Dictionary<string, string?> { ["Form.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        await WebSession.AssertRedirect(response);
        Assert.Contains("Words", (await again.GetPage("/my/plan")).QuerySelector("[data-testid=plan]")!.TextContent);
    }

    [Fact]
    public async Task StaffReachNoPatientPage()
    {
        var team = await app.NewTeam();
        foreach (var role in new[] { StaffRole.Practitioner, StaffRole.Supervisor, StaffRole.Administrator })
        {
            var session = app.NewSession();
            await session.SignIn(await app.NewStaff(role, role == StaffRole.Administrator ? null : team));
            foreach (var url in PatientPages.Concat(PatientFiles))
                Assert.Equal(HttpStatusCode.NotFound, (await session.Get(url)).StatusCode);
        }
    }

    [Fact]
    public async Task EveryPatientPage_SignedInOrNot_ShowsCrisisHelp_AsTapToCallAndText()
    {
        var (_, person, _, _) = await PersonWithPlan("Words");
        var patient = app.NewSession();
        var anonymous = app.NewSession();
        await patient.SignIn(await app.NewPatientAccount(person));
        var link = await ShareLink(patient, "Alex");

        var pages = PatientPages.Select(u => (patient, u)).Concat([(anonymous, "/account/sign-in"), (anonymous, "/account/patient-invitation"), (anonymous, link)]);
        foreach (var (session, url) in pages)
        {
            var page = await session.GetPage(url);
            var help = page.QuerySelector("[data-testid=crisis-help]");
            Assert.True(help is not null, $"No crisis help on {url}");
            foreach (var href in new[] { "tel:999", "tel:111", "tel:116123", "sms:85258?body=SHOUT" })
                Assert.True(help!.QuerySelector($"a[href='{href}']") is not null, $"{url} lacks {href}");
            Assert.Contains("option 2", help!.TextContent);
        }
    }

    [Fact]
    public async Task ThePlanAsAPdf_HoldsThePlan_AndTheCodeJustGiven_ButNeverAStaleOrWrongCode()
    {
        var (_, person, _, staff) = await PersonWithPlan("Pulling away from friends");
        var pdf = $"/persons/{person}/safety-plan/pdf";
        var response = await staff.Get(pdf);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = PdfText.Flat(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Pulling away from friends", text);
        Assert.Contains("116 123", text);

        var plan = $"/persons/{person}/safety-plan";
        var invited = await AfterRedirect(staff, await staff.PostForm(plan, new Dictionary<string, string?>(), plan + "?handler=Invite"));
        var code = invited.QuerySelector("[data-testid=invitation-code]")!.TextContent.Trim();
        var token = invited.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var withCode = PdfText.Flat(await (await staff.PostWithToken(pdf, token, new Dictionary<string, string?> { ["Code"] = code })).Content.ReadAsByteArrayAsync());
        Assert.Contains(code, withCode);
        Assert.Contains("Pulling away from friends", withCode);
        var wrong = PdfText.Flat(await (await staff.PostWithToken(pdf, token, new Dictionary<string, string?> { ["Code"] = "ABCD-EFGH-JKMN" })).Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain("ABCD-EFGH-JKMN", wrong);
        Assert.Contains("Pulling away from friends", wrong);

        var patient = app.NewSession();
        await patient.SignIn(await app.NewPatientAccount(person));
        var own = await patient.Get("/my/plan/pdf");
        Assert.Equal("application/pdf", own.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Pulling away from friends", PdfText.Flat(await own.Content.ReadAsByteArrayAsync()));
    }

    private static async Task<string> ShareLink(WebSession patient, string name, string days = "7")
    {
        var response = await patient.PostForm("/my/sharing", new Dictionary<string, string?> { ["Form.RecipientName"] = name, ["Form.Days"] = days }, "/my/sharing?handler=Create");
        var url = (await AfterRedirect(patient, response)).QuerySelector("[data-testid=share-link]")!.TextContent.Trim();
        return new Uri(url).PathAndQuery;
    }

    /// <summary>Follows the redirect a one-time secret is made behind, as the browser would, and answers the page it lands on.</summary>
    private static async Task<AngleSharp.Dom.IDocument> AfterRedirect(WebSession session, HttpResponseMessage response) =>
        await session.GetPage((await WebSession.AssertRedirect(response)).Split('#')[0]);

    [Fact]
    public async Task AShareLink_ShowsTheCurrentPlanReadOnly_AuditsEveryOpening_AndShowsNothingOnceStoppedOrEnded()
    {
        var (_, person, _, staff) = await PersonWithPlan("Going quiet");
        var patient = app.NewSession();
        await patient.SignIn(await app.NewPatientAccount(person));
        var link = await ShareLink(patient, "My mum");
        var expiring = await ShareLink(patient, "Best friend", days: "1");
        // Each link is shown once, on the page after making it: a reload shows it no more and makes no other.
        Assert.Null((await patient.GetPage("/my/sharing")).QuerySelector("[data-testid=share-link]"));
        Assert.Equal(2, await app.WithDb(db => db.ShareLinks.CountAsync(l => l.PersonId == person)));
        Assert.Equal(0, await app.WithDb(db => db.ShareLinks.CountAsync(l => l.PersonId == person && link.Contains(l.TokenHash))));

        var reader = app.NewSession();
        var page = await reader.GetPage(link);
        Assert.Contains("Going quiet", page.QuerySelector("[data-testid=plan]")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main form"));
        Assert.Empty(page.QuerySelectorAll("main a[href*='edit']"));
        await reader.GetPage(link);
        var openings = await app.WithDb(db => db.AuditEvents.Where(a => a.PersonId == person.Value && a.EntityType == "ShareLink" && a.Action == "view").ToListAsync());
        Assert.Equal(2, openings.Count);
        Assert.All(openings, a => Assert.Contains("My mum", a.Reason));
        Assert.Contains("Opened 2 times", (await patient.GetPage("/my/sharing")).QuerySelector("[data-testid=links]")!.TextContent);

        // A change to the plan is what the link shows next.
        await WebSession.AssertRedirect(await staff.PostForm($"/persons/{person}/safety-plan/edit", new Dictionary<string, string?> { ["Form.WarningSigns[0].Text"] = "Going quiet", ["Form.WarningSigns[1].Text"] = "Giving things away" }));
        Assert.Contains("Giving things away", (await reader.GetPage(link)).QuerySelector("[data-testid=plan]")!.TextContent);

        var linkId = await app.WithDb(db => db.ShareLinks.Where(l => l.PersonId == person && l.RecipientName == "My mum").Select(l => l.Id).SingleAsync());
        await WebSession.AssertRedirect(await patient.PostForm("/my/sharing", new Dictionary<string, string?>(), $"/my/sharing?handler=Revoke&link={linkId}"));
        var stopped = await reader.Get(link);
        Assert.Equal(HttpStatusCode.NotFound, stopped.StatusCode);
        var html = await stopped.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Going quiet", html);
        Assert.DoesNotContain("Robin", html);

        try
        {
            app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
            var ended = await reader.Get(expiring);
            Assert.Equal(HttpStatusCode.NotFound, ended.StatusCode);
            Assert.DoesNotContain("Going quiet", await ended.Content.ReadAsStringAsync());
        }
        finally
        {
            app.Clock.Reset();
        }
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Get("/shared-plan/not-a-real-link")).StatusCode);
    }

    [Fact]
    public async Task APatient_CannotStopAnotherPatientsLink()
    {
        var (_, person, _, _) = await PersonWithPlan("Words");
        var (_, someoneElse, _, _) = await PersonWithPlan("Theirs");
        var owner = app.NewSession();
        await owner.SignIn(await app.NewPatientAccount(someoneElse));
        var link = await ShareLink(owner, "Partner");
        var linkId = await app.WithDb(db => db.ShareLinks.Where(l => l.PersonId == someoneElse).Select(l => l.Id).SingleAsync());

        var patient = app.NewSession();
        await patient.SignIn(await app.NewPatientAccount(person));
        var response = await patient.PostForm("/my/sharing", new Dictionary<string, string?>(), $"/my/sharing?handler=Revoke&link={linkId}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.NewSession().Get(link)).StatusCode);
    }

    [Fact]
    public async Task SharingWithBadInput_SaysWhatToFix_AndKeepsTheName()
    {
        var (_, person, _, _) = await PersonWithPlan("Words");
        var patient = app.NewSession();
        await patient.SignIn(await app.NewPatientAccount(person));
        var response = await patient.PostForm("/my/sharing", new Dictionary<string, string?> { ["Form.RecipientName"] = "Auntie Pat" }, "/my/sharing?handler=Create");
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Choose how long the link works", page.QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.Equal("Auntie Pat", page.QuerySelector("input[name='Form.RecipientName']")!.GetAttribute("value"));

        response = await patient.PostForm("/my/sharing", new Dictionary<string, string?> { ["Form.RecipientName"] = "", ["Form.Days"] = "7" }, "/my/sharing?handler=Create");
        page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Enter the name of the person", page.QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.Equal(0, await app.WithDb(db => db.ShareLinks.CountAsync(l => l.PersonId == person)));
    }

    [Fact]
    public async Task TheStory_WhateverItsSharing_NeverAppearsOnThePatientsSharedOrPrintedPlan()
    {
        var (_, person, _, staff) = await PersonWithPlan("Words");
        const string story = "Only my care team should ever read this sentence";
        await WebSession.AssertRedirect(await staff.PostForm($"/persons/{person}/narrative", new Dictionary<string, string?> { ["Form.Story"] = story, ["Form.Sharing"] = nameof(NarrativeSharing.CareTeamOnly) }, $"/persons/{person}/narrative?handler=Record"));
        var patient = app.NewSession();
        await patient.SignIn(await app.NewPatientAccount(person));
        var link = await ShareLink(patient, "Friend");
        foreach (var (session, url) in PatientPages.Select(u => (patient, u)).Append((app.NewSession(), link)).Append((staff, $"/persons/{person}/safety-plan")))
            Assert.DoesNotContain(story, await (await session.Get(url)).Content.ReadAsStringAsync());
    }
}
