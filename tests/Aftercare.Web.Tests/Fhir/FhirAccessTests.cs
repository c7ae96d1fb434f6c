using System.Net;
using System.Text.RegularExpressions;
using Aftercare.Domain.Staff;
using Aftercare.Web.Security;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Aftercare.Web.Tests.Fhir.FhirEpisodes;

namespace Aftercare.Web.Tests.Fhir;

/// <summary>
/// The FHIR API reaches a record by the pages' rules, through the same choke point: the care team
/// reads it, a practitioner of another team only under break-glass, nobody else; every record it
/// shows is audited.
/// </summary>
[Collection("web")]
public sealed partial class FhirAccessTests(AftercareFactory app)
{
    /// <summary>Every address that reads something of the episode.</summary>
    private static IEnumerable<string> Reads(Episode e) =>
    [
        $"/fhir/Patient/{e.Person}",
        $"/fhir/Encounter/{e.Presentation}",
        $"/fhir/QuestionnaireResponse/{e.Assessment}",
        $"/fhir/CarePlan/{e.Plan}",
        $"/fhir/Appointment/{e.CheckIn}",
        $"/fhir/Communication/{e.SentLetter}",
        $"/fhir/ServiceRequest/{e.Referrals.Sent}",
        $"/fhir/ServiceRequest/{e.Referrals.Declined}",
        e.Everything,
    ];

    private static IEnumerable<string> Searches(Episode e) =>
    [
        $"/fhir/Patient?_id={e.Person}",
        $"/fhir/Patient?identifier={e.NhsNumber}",
        $"/fhir/Encounter?patient={e.Person}",
        $"/fhir/QuestionnaireResponse?patient={e.Person}",
        $"/fhir/CarePlan?patient={e.Person}",
        $"/fhir/Appointment?patient=Patient/{e.Person}",
        $"/fhir/Communication?patient={e.Person}",
        $"/fhir/ServiceRequest?patient={e.Person}",
        $"/fhir/ServiceRequest?patient=Patient/{e.Person}",
    ];

    private Task<List<AuditEvent>> AuditOf(Episode e, Guid actor) =>
        app.WithDb(db => db.AuditEvents.AsNoTracking().Where(a => a.PersonId == e.Person.Value && a.ActorId == actor).OrderBy(a => a.Id).ToListAsync());

    /// <summary>The same address with its id replaced by one of nobody.</summary>
    private static string Nobody(string url) => Ids().Replace(url, _ => Guid.NewGuid().ToString());

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Ids();

    [Theory]
    [InlineData(StaffRole.Practitioner)]
    [InlineData(StaffRole.Supervisor)]
    public async Task EveryRead_ByStaffOfAnotherTeam_IsNotFound_AsForNobody_AndSearchesFindNothing(StaffRole role)
    {
        var episode = await app.NewEpisode();
        var outsider = await app.NewStaff(role, await app.NewTeam());
        var session = await app.SignedIn(outsider);
        foreach (var url in Reads(episode))
        {
            var answer = await session.Fhir(url);
            Assert.Equal(HttpStatusCode.NotFound, answer.Status);
            Assert.Equal("OperationOutcome", answer.ResourceType);
            Assert.DoesNotContain(episode.Family, answer.Body);
            var nobody = await session.Fhir(Nobody(url));
            Assert.Equal((nobody.Status, (string?)nobody.Json!["issue"]![0]!["code"]), (answer.Status, (string?)answer.Json!["issue"]![0]!["code"]));
            await FhirValidator.AssertValid(answer.Body);
        }
        foreach (var url in Searches(episode))
        {
            var answer = await session.Fhir(url);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Empty(answer.Entries);
            Assert.DoesNotContain(episode.Family, answer.Body);
        }
        Assert.Empty(await AuditOf(episode, outsider.Id));
    }

    [Fact]
    public async Task AnAdministrator_AndThePersonThemselves_FindNothing()
    {
        var episode = await app.NewEpisode();
        var admin = await app.SignedIn(await app.NewStaff(StaffRole.Administrator, episode.Team));
        var patient = app.NewSession();
        await patient.SignIn(await app.NewPatientAccount(episode.Person));
        foreach (var session in new[] { admin, patient })
        {
            foreach (var url in Reads(episode).Concat(Searches(episode)).Append("/fhir/Questionnaire/psychosocial-assessment"))
            {
                var answer = await session.Fhir(url);
                Assert.Equal(HttpStatusCode.NotFound, answer.Status);
                Assert.Equal("OperationOutcome", answer.ResourceType);
                Assert.DoesNotContain(episode.Family, answer.Body);
            }
        }
        Assert.Empty(await app.WithDb(db => db.AuditEvents.Where(a => a.PersonId == episode.Person.Value && a.Reason != null && a.Reason.Contains("FHIR")).ToListAsync()));
    }

    [Fact]
    public async Task WithoutASession_OrBeforeTheSecondFactor_TheApiAnswers401_NotARedirectToSignIn()
    {
        var episode = await app.NewEpisode();
        var anonymous = app.NewSession();
        foreach (var url in Reads(episode).Concat(Searches(episode)))
        {
            var response = await anonymous.Get(url);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Null(response.Headers.Location);
            var answer = await Answer(response);
            Assert.Equal("OperationOutcome", answer.ResourceType);
            Assert.Equal("login", (string?)answer.Json!["issue"]![0]!["code"]);
            await FhirValidator.AssertValid(answer.Body);
        }

        // Signed in with a password, the second factor not yet set up: not yet a full sign-in.
        var halfway = app.NewSession();
        var staff = await app.NewStaff(StaffRole.Practitioner, episode.Team, secondFactor: false);
        var signIn = await halfway.PostForm("/account/sign-in", new Dictionary<string, string?> { ["Form.Email"] = staff.Email, ["Form.Password"] = staff.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/account/set-up-two-factor", (await halfway.Get("/")).Headers.Location?.OriginalString);
        var early = await halfway.Fhir(episode.Everything);
        Assert.Equal(HttpStatusCode.Unauthorized, early.Status);
        Assert.Equal("OperationOutcome", early.ResourceType);
        Assert.DoesNotContain(episode.Family, early.Body);
    }

    [Fact]
    public async Task EachRead_WritesAnAuditEvent_ForEveryRecordItShowed()
    {
        var episode = await app.NewEpisode();
        var session = await app.SignedIn(episode.Practitioner);

        var encounter = await session.Fhir($"/fhir/Encounter/{episode.Presentation}");
        Assert.Equal(HttpStatusCode.OK, encounter.Status);
        var read = Assert.Single(await AuditOf(episode, episode.Practitioner.Id));
        Assert.Equal(("view", "Presentation", episode.Presentation.ToString(), "Read through the FHIR API"), (read.Action, read.EntityType, read.EntityId, read.Reason));
        Assert.Equal(nameof(StaffRole.Practitioner), read.ActorRole);

        var everything = await session.Fhir(episode.Everything);
        var events = (await AuditOf(episode, episode.Practitioner.Id)).Skip(1).ToList();
        var shown = everything.Entries.Where(e => (string?)e["resourceType"] != "Questionnaire").ToList();
        Assert.Equal(shown.Count, events.Count);
        Assert.All(events, e => Assert.Equal(("view", "Read through the FHIR API"), (e.Action, e.Reason)));
        var entity = new Dictionary<string, string>
        {
            ["Patient"] = "Person",
            ["Encounter"] = "Presentation",
            ["QuestionnaireResponse"] = "Assessment",
            ["CarePlan"] = "SafetyPlan",
            ["Appointment"] = "PlannedContact",
            ["Communication"] = "Letter",
            ["ServiceRequest"] = "Referral",
        };
        Assert.Equal(shown.Select(s => (entity[(string)s["resourceType"]!], (string?)s["id"])).Order(), events.Select(e => (e.EntityType, e.EntityId)).Order());

        var letters = await session.Fhir($"/fhir/Communication?patient={episode.Person}");
        events = (await AuditOf(episode, episode.Practitioner.Id)).Skip(1 + shown.Count).ToList();
        Assert.Equal(letters.Entries.Select(e => (string?)e["id"]).Order(), events.Select(e => e.EntityId).Order());
        Assert.All(events, e => Assert.Equal("Letter", e.EntityType));

        // Each referral shown is one row under the referral pages' name; a draft, never shown, leaves none.
        var referrals = await session.Fhir($"/fhir/ServiceRequest?patient={episode.Person}");
        var seen = (await AuditOf(episode, episode.Practitioner.Id)).Skip(1 + shown.Count + letters.Entries.Count).ToList();
        Assert.Equal(episode.Referrals.Shared.Select(r => r.ToString()).Order(), seen.Select(e => e.EntityId).Order());
        Assert.All(seen, e => Assert.Equal(("view", "Referral", "Read through the FHIR API"), (e.Action, e.EntityType, e.Reason)));
        Assert.Equal(HttpStatusCode.OK, (await session.Fhir($"/fhir/ServiceRequest/{episode.Referrals.Declined}")).Status);
        var one = Assert.Single((await AuditOf(episode, episode.Practitioner.Id)).Skip(1 + shown.Count + letters.Entries.Count + seen.Count));
        Assert.Equal(("Referral", episode.Referrals.Declined.ToString()), (one.EntityType, one.EntityId));
        Assert.Equal(HttpStatusCode.NotFound, (await session.Fhir($"/fhir/ServiceRequest/{episode.Referrals.Draft}")).Status);
        Assert.Equal(2 + shown.Count + letters.Entries.Count + seen.Count, (await AuditOf(episode, episode.Practitioner.Id)).Count);

        // A search of someone in reach that shows nothing is recorded too, as a search of their record.
        var (quiet, _) = await app.NewPerson(episode.Team);
        Assert.Empty((await session.Fhir($"/fhir/CarePlan?patient={quiet}")).Entries);
        var search = Assert.Single(await app.WithDb(db => db.AuditEvents.Where(a => a.PersonId == quiet.Value && a.ActorId == episode.Practitioner.Id).ToListAsync()));
        Assert.Equal("search", search.Action);
        Assert.Contains("none shown", search.Reason);
    }

    [Fact]
    public async Task BreakGlass_OpensTheRecordThroughTheApiToo_AndEveryReadIsAuditedWithIt()
    {
        var episode = await app.NewEpisode();
        var outsider = await app.NewStaff(StaffRole.Practitioner, await app.NewTeam());
        var session = await app.SignedIn(outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Fhir(episode.Everything)).Status);

        var glass = await session.PostForm($"/persons/{episode.Person}/break-glass",
            new Dictionary<string, string?> { ["Form.Reason"] = "Attended our ED at 02:00 after an overdose; need history" });
        Assert.Equal(HttpStatusCode.Redirect, glass.StatusCode);

        var everything = await session.Fhir(episode.Everything);
        Assert.Equal(HttpStatusCode.OK, everything.Status);
        Assert.Contains(episode.Family, everything.Body);
        var reads = (await AuditOf(episode, outsider.Id)).Where(e => e.Action == "view" && e.Reason!.Contains("FHIR")).ToList();
        Assert.Equal(everything.Entries.Count(e => (string?)e["resourceType"] != "Questionnaire"), reads.Count);
        Assert.All(reads, e => Assert.Contains("break-glass", e.Reason));
        Assert.Equal(episode.Referrals.Shared.Count(), reads.Count(e => e.EntityType == "Referral"));
        var byNumber = await session.Fhir($"/fhir/Patient?identifier={episode.NhsNumber}");
        Assert.Single(byNumber.Entries);

        // A supervisor of another team cannot break glass, so still finds nothing.
        var supervisor = await app.SignedIn(await app.NewStaff(StaffRole.Supervisor, await app.NewTeam()));
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.Fhir(episode.Everything)).Status);
    }

}
