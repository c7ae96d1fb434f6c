using System.Globalization;
using System.Net;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Sessions;
using Aftercare.Domain.Staff;
using Aftercare.Web.Features.Pathways;
using Aftercare.Web.Security;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.My;

/// <summary>The person's own care on their pages: who looks after them, what comes next, and their rating of a session.</summary>
[Collection("web")]
public sealed class MyCareTests(AftercareFactory app)
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>A contact of the pathway recorded as it happened, as the record page does.</summary>
    internal static async Task<CareSessionId> RecordSession(AftercareFactory app, PathwayId pathwayId, string key, StaffAccount practitioner, ContactOutcome outcome, DateTimeOffset at, int? scale = null)
    {
        return await app.WithDb(async db =>
        {
            var pathway = await db.Pathways.Include(p => p.Contacts).SingleAsync(p => p.Id == pathwayId);
            var contact = pathway.Contacts.Single(c => c.Key == key);
            var by = new StaffId(practitioner.Id);
            var session = CareSession.Record(pathway.PersonId, pathway.Id, contact.Id, by, practitioner.Name, at, ContactMode.InPerson, outcome, null,
                outcome == ContactOutcome.Attended ? SolutionFocusedNotes.Create("Feel less alone", null, null, scale, null) : null, Adaptations.None, null, DateTimeOffset.UtcNow);
            db.CareSessions.Add(session);
            if (session.IsAttended) pathway.CompleteContact(contact.Id, at, by, session.Id, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            return session.Id;
        });
    }

    private async Task<(TeamAtSite Team, StaffAccount Practitioner, PersonId Person, PathwayId Pathway, WebSession Patient)> PatientOnPathway()
    {
        var team = await app.NewTeam();
        var practitioner = await app.NewStaff(StaffRole.Practitioner, team);
        var (person, pathway) = await app.NewPathway(team, practitioner, DateTimeOffset.UtcNow.AddHours(-2));
        var patient = app.NewSession();
        await patient.SignIn(await app.NewPatientAccount(person));
        return (team, practitioner, person, pathway, patient);
    }

    [Fact]
    public async Task TheHomePage_ShowsTheirPractitioner_TheCover_AndTheirAppointmentsWithTheirWindows_NeverLetters()
    {
        var (team, practitioner, person, pathwayId, patient) = await PatientOnPathway();
        var colleague = await app.NewStaff(StaffRole.Practitioner, team);
        var stranger = await app.NewStaff(StaffRole.Practitioner, team);
        await app.NewPathway(team, stranger, DateTimeOffset.UtcNow.AddHours(-1));
        await app.WithDb(async db =>
        {
            var pathway = await db.Pathways.Include(p => p.Covers).SingleAsync(p => p.Id == pathwayId);
            pathway.ArrangeCover(new StaffId(colleague.Id), DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(3), "Annual leave", new StaffId(practitioner.Id), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });

        var home = await patient.GetPage("/my");
        Assert.Contains(practitioner.Name, home.QuerySelector("[data-testid=my-practitioner]")!.TextContent);
        Assert.Contains(colleague.Name, home.QuerySelector("[data-testid=my-cover]")!.TextContent);
        var contacts = await app.WithDb(db => db.PlannedContacts.AsNoTracking().Where(c => c.PathwayId == pathwayId).OrderBy(c => c.DueAt).ToListAsync());
        var appointments = home.QuerySelectorAll("[data-testid=my-appointments] li").Select(li => li.TextContent).ToList();
        Assert.Equal(4, appointments.Count);
        Assert.Contains("check-in call", appointments[0]);
        Assert.Contains(UkTime.ToLocal(contacts[0].DueAt).ToString("d MMMM", En), appointments[0]);
        Assert.Contains("session", appointments[1]);
        var firstSession = contacts.Single(c => c.Key == "session-1");
        var window = ContactPages.Window(firstSession.OpensAt, firstSession.DueAt, DateTimeOffset.UtcNow);
        Assert.StartsWith("between ", window);
        Assert.Contains("B" + window[1..], appointments[1]);
        Assert.Contains(UkTime.ToLocal(firstSession.DueAt).ToString("d MMMM", En), appointments[1]);
        var text = home.Body!.TextContent;
        Assert.DoesNotContain("Letter", text);
        Assert.DoesNotContain(stranger.Name, text);
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.EntityType == "Pathway" && e.EntityId == pathwayId.ToString() && e.ActorRole == AftercareClaims.PatientRole)));

        // Done contacts are no longer upcoming.
        await RecordSession(app, pathwayId, "check-in", practitioner, ContactOutcome.Attended, DateTimeOffset.UtcNow.AddMinutes(-10));
        appointments = (await patient.GetPage("/my")).QuerySelectorAll("[data-testid=my-appointments] li").Select(li => li.TextContent).ToList();
        Assert.Equal(3, appointments.Count);
        Assert.DoesNotContain(appointments, a => a.Contains("check-in"));
    }

    [Fact]
    public async Task APersonWithoutAPathway_SeesNoAppointmentsAndNoRating()
    {
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);
        var patient = app.NewSession();
        await patient.SignIn(await app.NewPatientAccount(person));
        var home = await patient.GetPage("/my");
        Assert.Null(home.QuerySelector("[data-testid=my-practitioner]"));
        Assert.Null(home.QuerySelector("[data-testid=rate-session]"));
    }

    [Fact]
    public async Task ThePerson_RatesTheirLatestSession_Once_AndThePractitionerSeesIt()
    {
        var (_, practitioner, person, pathwayId, patient) = await PatientOnPathway();
        Assert.Null((await patient.GetPage("/my")).QuerySelector("[data-testid=rate-session]"));
        var sessionId = await RecordSession(app, pathwayId, "check-in", practitioner, ContactOutcome.Attended, DateTimeOffset.UtcNow.AddMinutes(-30), scale: 4);

        var link = (await patient.GetPage("/my")).QuerySelector("[data-testid=rate-session] a")!.GetAttribute("href")!;
        var url = $"/my/sessions/{sessionId}/rating";
        Assert.Equal(url, link);
        var form = await patient.GetPage(url);
        Assert.Equal(4, form.QuerySelectorAll("fieldset").Length);
        Assert.Equal(44, form.QuerySelectorAll("input[type=radio]").Length);
        // Each number has its own id, so each label chooses its own number.
        Assert.Equal(44, form.QuerySelectorAll("input[type=radio]").Select(r => r.Id).Distinct().Count());
        Assert.Equal(44, form.QuerySelectorAll("label.nhsuk-radios__label").Select(l => l.GetAttribute("for")).Distinct().Count());

        var response = await patient.PostForm(url, new Dictionary<string, string?> { ["Form.HeardAndRespected"] = "9", ["Form.Approach"] = "12" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Null(page.QuerySelector("#Form_HeardAndRespected-error"));
        Assert.NotNull(page.QuerySelector("#Form_WhatWeWorkedOn-error"));
        Assert.NotNull(page.QuerySelector("#Form_Overall-error"));
        Assert.Contains("0 to 10", page.QuerySelector("#Form_Approach-error")!.TextContent);
        Assert.NotNull(page.QuerySelector("input[name='Form.HeardAndRespected'][value='9'][checked]"));
        Assert.Null(await app.WithDb(db => db.CareSessions.Where(s => s.Id == sessionId).Select(s => s.Alliance).SingleAsync()));

        var location = await WebSession.AssertRedirect(await patient.PostForm(url, new Dictionary<string, string?>
        {
            ["Form.HeardAndRespected"] = "9",
            ["Form.WhatWeWorkedOn"] = "7",
            ["Form.Approach"] = "8",
            ["Form.Overall"] = "10",
        }));
        Assert.Equal("/my", location);
        var rating = await app.WithDb(db => db.CareSessions.Where(s => s.Id == sessionId).Select(s => s.Alliance).SingleAsync());
        Assert.Equal(new[] { 9, 7, 8, 10 }, new[] { rating!.HeardAndRespected, rating.WhatWeWorkedOn, rating.Approach, rating.Overall });
        Assert.True(rating.EnteredByPerson);
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.Update && e.EntityId == sessionId.ToString() && e.ActorRole == AftercareClaims.PatientRole)));
        var home = await patient.GetPage("/my");
        Assert.Contains("Thank you", home.QuerySelector("[data-testid=notice]")!.TextContent);
        Assert.Null(home.QuerySelector("[data-testid=rate-session]"));

        // Once: the page says so, and a second answer changes nothing.
        Assert.NotNull((await patient.GetPage(url)).QuerySelector("[data-testid=already-rated]"));
        var token = (await patient.GetPage("/account/sign-out")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var again = await patient.PostWithToken(url, token, new Dictionary<string, string?> { ["Form.HeardAndRespected"] = "0", ["Form.WhatWeWorkedOn"] = "0", ["Form.Approach"] = "0", ["Form.Overall"] = "0" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(10, (await app.WithDb(db => db.CareSessions.Where(s => s.Id == sessionId).Select(s => s.Alliance).SingleAsync()))!.Overall);

        // The practitioner sees it in the table beside the chart.
        var staff = app.NewSession();
        await staff.SignIn(practitioner);
        var cells = (await staff.GetPage($"/persons/{person}/pathway")).QuerySelectorAll("[data-testid=progress-table] tbody tr td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["4", "9", "7", "8", "10"], cells);
    }

    [Fact]
    public async Task ASessionOfAnotherPerson_OrOneThatDidNotHappen_IsNotFound_AndStaffCannotRateForThem()
    {
        var (team, practitioner, _, pathwayId, patient) = await PatientOnPathway();
        var (_, otherPathway) = await app.NewPathway(team, practitioner, DateTimeOffset.UtcNow.AddHours(-3));
        var theirs = await RecordSession(app, otherPathway, "check-in", practitioner, ContactOutcome.Attended, DateTimeOffset.UtcNow.AddMinutes(-20));
        var missed = await RecordSession(app, pathwayId, "check-in", practitioner, ContactOutcome.Missed, DateTimeOffset.UtcNow.AddMinutes(-20));
        var theirName = await app.WithDb(db => db.CareSessions.Where(s => s.Id == theirs).Join(db.Persons, s => s.PersonId, p => p.Id, (s, p) => p.FamilyName).SingleAsync());

        var token = (await patient.GetPage("/account/sign-out")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        foreach (var id in new[] { theirs.Value, missed.Value, Guid.NewGuid() })
        {
            var response = await patient.Get($"/my/sessions/{id}/rating");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(theirName, await response.Content.ReadAsStringAsync());
            var posted = await patient.PostWithToken($"/my/sessions/{id}/rating", token, new Dictionary<string, string?>
            {
                ["Form.HeardAndRespected"] = "1",
                ["Form.WhatWeWorkedOn"] = "1",
                ["Form.Approach"] = "1",
                ["Form.Overall"] = "1",
            });
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        }
        Assert.Null(await app.WithDb(db => db.CareSessions.Where(s => s.Id == theirs).Select(s => s.Alliance).SingleAsync()));
        Assert.Null((await patient.GetPage("/my")).QuerySelector("[data-testid=rate-session]"));

        foreach (var role in new[] { StaffRole.Practitioner, StaffRole.Supervisor, StaffRole.Administrator })
        {
            var staff = app.NewSession();
            await staff.SignIn(await app.NewStaff(role, role == StaffRole.Administrator ? null : team));
            Assert.Equal(HttpStatusCode.NotFound, (await staff.Get($"/my/sessions/{theirs}/rating")).StatusCode);
        }
        var anonymous = await app.NewSession().Get($"/my/sessions/{theirs}/rating");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }
}

public sealed class ContactWindowTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 10, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2025-06-15T09:00:00Z", "2025-06-20T09:00:00Z", "between 15 and 20 June")]
    [InlineData("2025-06-28T09:00:00Z", "2025-07-03T09:00:00Z", "between 28 June and 3 July")]
    [InlineData("2025-06-15T08:00:00Z", "2025-06-15T20:00:00Z", "on 15 June")]
    [InlineData("2025-12-28T09:00:00Z", "2026-01-04T09:00:00Z", "between 28 December 2025 and 4 January 2026")]
    // 23:30 UTC in summer is already the next day in the UK.
    [InlineData("2025-06-15T23:30:00Z", "2025-06-20T09:00:00Z", "between 16 and 20 June")]
    public void TheWindow_IsSaidInUkDates_InPlainWords(string opens, string due, string expected) =>
        Assert.Equal(expected, ContactPages.Window(DateTimeOffset.Parse(opens, CultureInfo.InvariantCulture), DateTimeOffset.Parse(due, CultureInfo.InvariantCulture), Now));
}
