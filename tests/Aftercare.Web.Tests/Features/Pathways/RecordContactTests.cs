using System.Globalization;
using System.Net;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Sessions;
using Aftercare.Domain.Staff;
using Aftercare.Web.Security;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Pathways;

[Collection("web")]
public sealed class RecordContactTests(AftercareFactory app)
{
    private async Task<(TeamAtSite Team, StaffAccount Practitioner, WebSession Session, PersonId Person, PathwayId Pathway)> PersonOnPathway(double signedOffHoursAgo = 2)
    {
        var team = await app.NewTeam();
        var practitioner = await app.NewStaff(StaffRole.Practitioner, team);
        var session = app.NewSession();
        await session.SignIn(practitioner);
        var (person, pathway) = await app.NewPathway(team, practitioner, DateTimeOffset.UtcNow.AddHours(-signedOffHoursAgo));
        return (team, practitioner, session, person, pathway);
    }

    private Task<PlannedContact> Contact(PathwayId pathway, string key) =>
        app.WithDb(db => db.PlannedContacts.AsNoTracking().SingleAsync(c => c.PathwayId == pathway && c.Key == key));

    private static string RecordUrl(PersonId person, PlannedContact c) => $"/persons/{person}/pathway/contacts/{c.Id}/record";

    /// <summary>The fields of the record form, at a UK time given as UTC.</summary>
    private static Dictionary<string, string?> Fields(DateTimeOffset at, string? mode, string? outcome, params (string Key, string? Value)[] more)
    {
        var local = UkTime.ToLocal(at);
        var fields = new Dictionary<string, string?>
        {
            ["Form.OccurredDate.Day"] = local.Day.ToString(CultureInfo.InvariantCulture),
            ["Form.OccurredDate.Month"] = local.Month.ToString(CultureInfo.InvariantCulture),
            ["Form.OccurredDate.Year"] = local.Year.ToString(CultureInfo.InvariantCulture),
            ["Form.OccurredTime"] = local.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Form.Mode"] = mode,
            ["Form.Outcome"] = outcome,
        };
        foreach (var (key, value) in more) fields["Form." + key] = value;
        return fields;
    }

    private static (string, string?)[] Rating(int heard, int worked, int approach, int overall) =>
        [("HeardAndRespected", $"{heard}"), ("WhatWeWorkedOn", $"{worked}"), ("Approach", $"{approach}"), ("Overall", $"{overall}")];

    [Fact]
    public async Task TheCheckInCall_RecordedAsAttended_IsDone_WithItsSession_AndLeavesMyWork()
    {
        var (_, practitioner, session, person, pathway) = await PersonOnPathway();
        var checkIn = await Contact(pathway, "check-in");
        var url = RecordUrl(person, checkIn);
        var form = await session.GetPage(url);
        Assert.Contains("Record the check-in call", form.QuerySelector("h1")!.TextContent);
        // Defaults to now, in UK time.
        Assert.Equal(UkTime.ToLocal(DateTimeOffset.UtcNow).Day.ToString(CultureInfo.InvariantCulture), form.QuerySelector("input[name='Form.OccurredDate.Day']")!.GetAttribute("value"));
        Assert.Contains(await app.WithDb(db => db.Persons.Where(p => p.Id == person).Select(p => p.FamilyName).SingleAsync()), (await session.GetPage("/work")).Body!.TextContent);

        var at = DateTimeOffset.UtcNow.AddMinutes(-20);
        var location = await WebSession.AssertRedirect(await session.PostForm(url, Fields(at, "Phone", "Attended", ("Notes", "Spoke for 20 minutes; feeling a little steadier"))));
        Assert.Equal($"/persons/{person}/pathway", location);

        var done = await Contact(pathway, "check-in");
        var recorded = await app.WithDb(db => db.CareSessions.AsNoTracking().SingleAsync(s => s.PlannedContactId == checkIn.Id));
        Assert.Equal(ContactStatus.Done, done.Status);
        Assert.Equal(recorded.Id, done.SessionId);
        Assert.Equal(new StaffId(practitioner.Id), done.DoneBy);
        Assert.Equal(ContactMode.Phone, recorded.Mode);
        Assert.Equal(ContactOutcome.Attended, recorded.Outcome);
        Assert.Equal(practitioner.Name, recorded.PractitionerName);
        Assert.Equal(at.ToUnixTimeSeconds() / 60, recorded.OccurredAt.ToUnixTimeSeconds() / 60);
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.Create && e.EntityType == "CareSession" && e.EntityId == recorded.Id.ToString())));
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.Update && e.EntityType == "PlannedContact" && e.EntityId == checkIn.Id.ToString())));

        var page = await session.GetPage($"/persons/{person}/pathway");
        Assert.Contains("recorded as attended", page.QuerySelector("[data-testid=notice]")!.TextContent);
        Assert.Contains("Done", page.QuerySelector("[data-testid=contact-check-in]")!.TextContent);
        Assert.DoesNotContain("Check-in call", (await session.GetPage("/work")).QuerySelector("main")!.TextContent);
        // Done means done: a second recording is refused and saves nothing.
        Assert.NotNull((await session.GetPage(url)).QuerySelector("[data-testid=finished]"));
        var again = await session.PostWithToken(url, form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"), Fields(at, "Phone", "Attended"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await app.WithDb(db => db.CareSessions.CountAsync(s => s.PlannedContactId == checkIn.Id)));
    }

    [Fact]
    public async Task AMissedContact_IsRecorded_ButStaysOpenOnTheWorklist_UntilReachedOrClosedWithAReason()
    {
        var (_, _, session, person, pathway) = await PersonOnPathway();
        var checkIn = await Contact(pathway, "check-in");
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        await WebSession.AssertRedirect(await session.PostForm(RecordUrl(person, checkIn), Fields(at, "Phone", "Missed", ("Notes", "No answer"))));

        Assert.Equal(ContactStatus.Open, (await Contact(pathway, "check-in")).Status);
        var missed = await app.WithDb(db => db.CareSessions.AsNoTracking().SingleAsync(s => s.PlannedContactId == checkIn.Id));
        Assert.Equal(ContactOutcome.Missed, missed.Outcome);
        Assert.Contains("Check-in call", (await session.GetPage("/work")).QuerySelector("main")!.TextContent);

        // The pathway page asks for a try to get back in touch, with a form for it.
        var pathwayUrl = $"/persons/{person}/pathway";
        var page = await session.GetPage(pathwayUrl);
        var card = page.QuerySelector("[data-testid=missed-check-in]")!;
        Assert.Contains("No try to get back in touch is recorded yet", card.TextContent);
        var action = card.QuerySelector("form")!.GetAttribute("action")!;
        Assert.Equal($"/persons/{person}/pathway/sessions/{missed.Id}/re-engagement", action);
        Assert.NotNull(card.QuerySelector("input[name=__RequestVerificationToken]"));
        var tried = UkTime.ToLocal(DateTimeOffset.UtcNow.AddMinutes(-5));
        var location = await WebSession.AssertRedirect(await session.PostForm(pathwayUrl, new Dictionary<string, string?>
        {
            ["Form.AtDate.Day"] = $"{tried.Day}",
            ["Form.AtDate.Month"] = $"{tried.Month}",
            ["Form.AtDate.Year"] = $"{tried.Year}",
            ["Form.AtTime"] = tried.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Form.Method"] = "TextMessage",
            ["Form.Outcome"] = "Texted asking her to ring the team",
        }, action));
        Assert.Equal(pathwayUrl, location);
        var attempt = Assert.Single((await app.WithDb(db => db.CareSessions.AsNoTracking().SingleAsync(s => s.Id == missed.Id))).ReEngagement);
        Assert.Equal(ReEngagementMethod.TextMessage, attempt.Method);
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.Update && e.EntityType == "CareSession" && e.EntityId == missed.Id.ToString())));
        page = await session.GetPage(pathwayUrl);
        Assert.Contains("Texted asking her to ring the team", page.QuerySelector("[data-testid=missed-check-in] [data-testid=attempts]")!.TextContent);
        Assert.Contains("Check-in call", (await session.GetPage("/work")).QuerySelector("main")!.TextContent);

        // Closed with a reason, it leaves the worklist and the list of missed contacts, and the reason stays.
        var closeUrl = $"/persons/{person}/pathway/contacts/{checkIn.Id}/close";
        var bad = await session.PostForm(closeUrl, new Dictionary<string, string?> { ["Form.Reason"] = "  " });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.NotNull(WebSession.Parse(await bad.Content.ReadAsStringAsync()).QuerySelector("#Form_Reason-error"));
        Assert.Equal(ContactStatus.Open, (await Contact(pathway, "check-in")).Status);
        await WebSession.AssertRedirect(await session.PostForm(closeUrl, new Dictionary<string, string?> { ["Form.Reason"] = "Reached her GP: she has moved to Leeds and is under the team there" }));
        var closed = await Contact(pathway, "check-in");
        Assert.Equal(ContactStatus.Closed, closed.Status);
        Assert.Equal("Reached her GP: she has moved to Leeds and is under the team there", closed.ClosedReason);
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.Update && e.EntityType == "PlannedContact" && e.EntityId == checkIn.Id.ToString() && e.Reason!.Contains("moved to Leeds"))));
        page = await session.GetPage(pathwayUrl);
        Assert.Null(page.QuerySelector("[data-testid=re-engagement]"));
        Assert.Contains("moved to Leeds", page.QuerySelector("[data-testid=contact-check-in]")!.TextContent);
        Assert.DoesNotContain("Check-in call", (await session.GetPage("/work")).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task BadInput_IsShownByTheField_KeepsWhatWasTyped_AndSavesNothing()
    {
        var (_, _, session, person, pathway) = await PersonOnPathway(200);
        var contact = await Contact(pathway, "session-1");
        var url = RecordUrl(person, contact);

        async Task<AngleSharp.Dom.IDocument> Post(Dictionary<string, string?> fields)
        {
            var response = await session.PostForm(url, fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return WebSession.Parse(await response.Content.ReadAsStringAsync());
        }

        // Neither how nor whether: both said, by their fields, and the notes kept.
        var page = await Post(Fields(DateTimeOffset.UtcNow.AddHours(-1), null, null, ("Notes", "Waited 20 minutes"), ("BestHopes", "To sleep through the night")));
        Assert.Contains("Choose how the contact took place", page.QuerySelector("#Form_Mode-error")!.TextContent);
        Assert.Contains("Choose whether the person attended", page.QuerySelector("#Form_Outcome-error")!.TextContent);
        Assert.Equal("Waited 20 minutes", page.QuerySelector("textarea[name='Form.Notes']")!.TextContent);
        Assert.Equal("To sleep through the night", page.QuerySelector("textarea[name='Form.BestHopes']")!.TextContent);
        var summary = page.QuerySelectorAll(".nhsuk-error-summary a").Select(a => a.GetAttribute("href")).Where(h => h!.StartsWith('#')).ToList();
        Assert.Equal(["#Form_Mode", "#Form_Outcome"], summary);
        Assert.NotNull(page.QuerySelector("input#Form_Mode[type=radio]"));

        // A time in the future.
        page = await Post(Fields(DateTimeOffset.UtcNow.AddHours(3), "Video", "Attended", ("Scale", "5")));
        Assert.Contains("in the future", page.QuerySelector("#Form_OccurredDate-error")!.TextContent);
        Assert.NotNull(page.QuerySelector("input[name='Form.Mode'][value=Video][checked]"));
        Assert.NotNull(page.QuerySelector("input[name='Form.Scale'][value='5'][checked]"));

        // A scale beyond 10, and one that is not a number.
        page = await Post(Fields(DateTimeOffset.UtcNow.AddHours(-1), "InPerson", "Attended", ("Scale", "11")));
        Assert.Contains("from 0 to 10", page.QuerySelector("#Form_Scale-error")!.TextContent);
        page = await Post(Fields(DateTimeOffset.UtcNow.AddHours(-1), "InPerson", "Attended", ("Scale", "lots")));
        Assert.Contains("from 0 to 10", page.QuerySelector("#Form_Scale-error")!.TextContent);
        Assert.DoesNotContain("is not valid", page.Body!.TextContent);

        // Solution-focused notes on a contact that did not happen.
        page = await Post(Fields(DateTimeOffset.UtcNow.AddHours(-1), "Phone", "Missed", ("NextStep", "Walk to the shop"), ("Scale", "4")));
        Assert.Contains("for a session that took place", page.QuerySelector("#Form_Outcome-error")!.TextContent);
        Assert.Equal("Walk to the shop", page.QuerySelector("textarea[name='Form.NextStep']")!.TextContent);

        // Half a rating.
        page = await Post(Fields(DateTimeOffset.UtcNow.AddHours(-1), "Phone", "Attended", ("HeardAndRespected", "8")));
        Assert.NotNull(page.QuerySelector("#Form_WhatWeWorkedOn-error"));

        // A time not in 24-hour form, and a date that does not exist.
        var fields = Fields(DateTimeOffset.UtcNow.AddHours(-1), "Phone", "Attended");
        fields["Form.OccurredTime"] = "half two";
        fields["Form.OccurredDate.Day"] = "31";
        fields["Form.OccurredDate.Month"] = "2";
        page = await Post(fields);
        Assert.NotNull(page.QuerySelector("#Form_OccurredTime-error"));
        Assert.NotNull(page.QuerySelector("#Form_OccurredDate-error"));

        Assert.False(await app.WithDb(db => db.CareSessions.AnyAsync(s => s.PersonId == person)));
        Assert.Equal(ContactStatus.Open, (await Contact(pathway, "session-1")).Status);
    }

    [Fact]
    public async Task TwoSessions_WithScalesAndRatings_AreDrawnOnTheChart_AndListedInTheTable()
    {
        var (_, _, session, person, pathway) = await PersonOnPathway(24 * 30);
        var first = DateTimeOffset.UtcNow.AddDays(-21);
        var second = DateTimeOffset.UtcNow.AddHours(-2);
        await WebSession.AssertRedirect(await session.PostForm(RecordUrl(person, await Contact(pathway, "session-1")),
            Fields(first, "Video", "Attended", [("Scale", "3"), ("BestHopes", "Getting back to college"), ("NextStep", "Email my tutor"), .. Rating(6, 7, 5, 6)])));
        await WebSession.AssertRedirect(await session.PostForm(RecordUrl(person, await Contact(pathway, "session-4")),
            Fields(second, "InPerson", "Attended", [("Scale", "6"), ("Adaptations", "Neurodiversity"), ("AdaptationNotes", "Written summary at the end"), .. Rating(8, 9, 8, 9)])));

        var sessions = await app.WithDb(db => db.CareSessions.AsNoTracking().Where(s => s.PersonId == person).OrderBy(s => s.OccurredAt).ToListAsync());
        Assert.Equal([3, 6], sessions.Select(s => s.SolutionFocused.Scale!.Value));
        Assert.All(sessions, s => Assert.False(s.Alliance!.EnteredByPerson));
        Assert.Equal(9, sessions[1].Alliance!.Overall);
        Assert.Equal(Adaptations.Neurodiversity, sessions[1].Adaptations);
        Assert.Equal("Email my tutor", sessions[0].SolutionFocused.NextStep);

        var page = await session.GetPage($"/persons/{person}/pathway");
        var svg = page.QuerySelector("[data-testid=progress-chart] svg")!;
        Assert.Equal(2, svg.QuerySelector("polyline.app-chart__scale")!.GetAttribute("points")!.Split(' ').Length);
        Assert.Equal(2, svg.QuerySelector("polyline.app-chart__alliance")!.GetAttribute("points")!.Split(' ').Length);
        Assert.Equal(2, svg.QuerySelectorAll("circle.app-chart__scale").Length);
        Assert.Equal(2, svg.QuerySelectorAll("circle.app-chart__alliance").Length);
        // The second scale point is higher on the chart (a smaller y) than the first.
        var ys = svg.QuerySelectorAll("circle.app-chart__scale").Select(c => double.Parse(c.GetAttribute("cy")!, CultureInfo.InvariantCulture)).ToList();
        Assert.True(ys[1] < ys[0]);
        Assert.Contains("Scale from 3 at the first to 6 at the latest", svg.QuerySelector("title")!.TextContent);
        var rows = page.QuerySelectorAll("[data-testid=progress-table] tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["3", "6", "7", "5", "6"], rows[0]);
        Assert.Equal(["6", "8", "9", "8", "9"], rows[1]);
    }

    public static readonly TheoryData<string> Outsiders = new() { "practitioner", "supervisor", "administrator", "patient", "signed-out" };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task ThePagesOfAContactAndASession_ForAnyoneOutsideTheCareTeam_AreNotFound_AndChangeNothing(string who)
    {
        var (team, _, staff, person, pathway) = await PersonOnPathway();
        var family = await app.WithDb(db => db.Persons.Where(p => p.Id == person).Select(p => p.FamilyName).SingleAsync());
        var checkIn = await Contact(pathway, "check-in");
        await WebSession.AssertRedirect(await staff.PostForm(RecordUrl(person, checkIn), Fields(DateTimeOffset.UtcNow.AddHours(-1), "Phone", "Missed")));
        var missed = await app.WithDb(db => db.CareSessions.AsNoTracking().Where(s => s.PersonId == person).Select(s => s.Id).SingleAsync());
        string[] pages = [RecordUrl(person, checkIn), $"/persons/{person}/pathway/contacts/{checkIn.Id}/close", $"/persons/{person}/pathway/sessions/{missed}/re-engagement"];

        var outsider = app.NewSession();
        string? token = null;
        switch (who)
        {
            case "practitioner":
                await outsider.SignIn(await app.NewStaff(StaffRole.Practitioner, await app.NewTeam()));
                break;
            case "supervisor":
                await outsider.SignIn(await app.NewStaff(StaffRole.Supervisor, await app.NewTeam()));
                break;
            case "administrator":
                await outsider.SignIn(await app.NewStaff(StaffRole.Administrator, null));
                break;
            case "patient":
                var (own, _) = await app.NewPerson(team);
                await outsider.SignIn(await app.NewPatientAccount(own));
                break;
        }
        if (who != "signed-out")
            token = (await outsider.GetPage("/account/sign-out")).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        foreach (var url in pages)
        {
            var response = await outsider.Get(url);
            if (who == "signed-out")
            {
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Contains("/account/sign-in", response.Headers.Location!.OriginalString);
            }
            else Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(family, await response.Content.ReadAsStringAsync());
            if (token is null) continue;
            var posted = await outsider.PostWithToken(url, token, new Dictionary<string, string?>(Fields(DateTimeOffset.UtcNow.AddMinutes(-5), "Phone", "Attended"))
            {
                ["Form.Reason"] = "Not mine to close",
                ["Form.AtDate.Day"] = "1",
                ["Form.AtTime"] = "10:00",
                ["Form.Method"] = "Phone",
                ["Form.Outcome"] = "Attended",
            });
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        }
        Assert.Equal(ContactStatus.Open, (await Contact(pathway, "check-in")).Status);
        Assert.Equal(1, await app.WithDb(db => db.CareSessions.CountAsync(s => s.PersonId == person)));
        Assert.Empty((await app.WithDb(db => db.CareSessions.AsNoTracking().SingleAsync(s => s.Id == missed))).ReEngagement);
    }

    [Fact]
    public async Task AContactOrSessionOfAnotherPerson_UnderThisPersonsAddress_IsNotFound()
    {
        var (team, practitioner, session, person, _) = await PersonOnPathway();
        var (_, otherPathway) = await app.NewPathway(team, practitioner, DateTimeOffset.UtcNow.AddHours(-3));
        var theirs = await Contact(otherPathway, "check-in");
        var theirPerson = theirs.PersonId;
        await WebSession.AssertRedirect(await session.PostForm(RecordUrl(theirPerson, theirs), Fields(DateTimeOffset.UtcNow.AddHours(-1), "Phone", "Missed")));
        var theirSession = await app.WithDb(db => db.CareSessions.AsNoTracking().Where(s => s.PersonId == theirPerson).Select(s => s.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await session.Get($"/persons/{person}/pathway/contacts/{theirs.Id}/record")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Get($"/persons/{person}/pathway/contacts/{theirs.Id}/close")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Get($"/persons/{person}/pathway/sessions/{theirSession}/re-engagement")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Get($"/persons/{person}/pathway/contacts/{Guid.NewGuid()}/record")).StatusCode);
        // A letter is not recorded as a contact.
        var letter = await Contact(otherPathway, "letter-3");
        Assert.Equal(HttpStatusCode.NotFound, (await session.Get(RecordUrl(theirPerson, letter))).StatusCode);
    }

    [Fact]
    public async Task TheCareTeamsSupervisor_CanRecordAndClose()
    {
        var (team, _, _, person, pathway) = await PersonOnPathway();
        var supervisor = app.NewSession();
        await supervisor.SignIn(await app.NewStaff(StaffRole.Supervisor, team));
        var checkIn = await Contact(pathway, "check-in");
        await WebSession.AssertRedirect(await supervisor.PostForm(RecordUrl(person, checkIn), Fields(DateTimeOffset.UtcNow.AddMinutes(-30), "Video", "Attended")));
        Assert.Equal(ContactStatus.Done, (await Contact(pathway, "check-in")).Status);
        var session8 = await Contact(pathway, "session-8");
        await WebSession.AssertRedirect(await supervisor.PostForm($"/persons/{person}/pathway/contacts/{session8.Id}/close",
            new Dictionary<string, string?> { ["Form.Reason"] = "She asked to finish after four weeks" }));
        Assert.Equal(ContactStatus.Closed, (await Contact(pathway, "session-8")).Status);
    }

    [Fact]
    public async Task ForAVideoSession_TheTeamsVideoLinkIsOffered()
    {
        var (team, _, session, person, pathway) = await PersonOnPathway();
        var contact = await Contact(pathway, "session-1");
        Assert.Null((await session.GetPage(RecordUrl(person, contact))).QuerySelector("[data-testid=video-link]"));
        await app.WithDb(async db =>
        {
            var t = await db.Teams.SingleAsync(x => x.Id == team.TeamId);
            t.SetVideoLink("https://video.example.nhs.uk/room/liaison");
            return await db.SaveChangesAsync();
        });
        var link = (await session.GetPage(RecordUrl(person, contact))).QuerySelector("[data-testid=video-link] a")!;
        Assert.Equal("https://video.example.nhs.uk/room/liaison", link.GetAttribute("href"));
    }
}
