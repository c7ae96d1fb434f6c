using System.Net;
using System.Text.Json.Nodes;
using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.Staff;
using Aftercare.Web.Fhir.Resources;
using Aftercare.Web.Tests.Features.Directory;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Aftercare.Web.Tests.Fhir.FhirEpisodes;

namespace Aftercare.Web.Tests.Fhir;

/// <summary>Referrals as ServiceRequests: only once sent, where each stands, the service's answer in its own words, never the letter.</summary>
public sealed partial class FhirReadTests
{
    private static Dictionary<Guid, JsonObject> Referrals(FhirAnswer bundle) =>
        bundle.Entries.Where(e => (string?)e["resourceType"] == "ServiceRequest").ToDictionary(e => (Guid)e["id"]!);

    /// <summary>The request without its notes, which carry the service's own words: the rest is ours, and has no risk word, score or level.</summary>
    private static string WithoutNotes(JsonObject request)
    {
        var copy = request.DeepClone().AsObject();
        copy.Remove("note");
        return copy.ToJsonString();
    }

    [Fact]
    public async Task TheReferrals_AreServiceRequests_OnlyOnceSent_SayingWhoAskedWhomWhenAndWhereEachStands_AsValidFhir()
    {
        var (episode, session, everything) = await Everything();
        var referrals = Referrals(everything);
        Assert.Equal(episode.Referrals.Shared.Order(), referrals.Keys.Order());
        var search = await session.Fhir($"/fhir/ServiceRequest?patient={episode.Person}");
        Assert.Equal(referrals.Keys.Order(), search.Entries.Select(e => (Guid)e["id"]!).Order());
        await FhirValidator.AssertValid(search.Body);

        var saved = await app.WithDb(db => db.Referrals.AsNoTracking().Where(r => r.PersonId == episode.Person).ToDictionaryAsync(r => r.Id.Value));
        foreach (var (id, request) in referrals)
        {
            var referral = saved[id];
            Assert.Equal("order", (string?)request["intent"]);
            var identifier = Assert.Single(request["identifier"]!.AsArray())!;
            Assert.EndsWith("/fhir/Id/referral", (string?)identifier["system"]);
            Assert.Equal(id.ToString(), (string?)identifier["value"]);
            Assert.Equal($"Patient/{episode.Person}", (string?)request["subject"]!["reference"]);
            Assert.Equal($"Encounter/{episode.Presentation}", (string?)request["encounter"]!["reference"]);
            Assert.Equal($"{episode.Practitioner.Name}, {episode.Team.TeamName}", (string?)request["requester"]!["display"]);
            Assert.Null(request["requester"]!["reference"]);
            Assert.Equal(episode.Referrals.Service, (string?)Assert.Single(request["performer"]!.AsArray())!["display"]);
            Assert.Equal(referral.SentAt, DateTimeOffset.Parse((string)request["authoredOn"]!));
            // What the letter drew from, each served to this reader by this API: the signed-off assessment and the safety plan.
            Assert.Equal([$"QuestionnaireResponse/{episode.Assessment}", $"CarePlan/{episode.Plan}"],
                request["supportingInfo"]!.AsArray().Select(i => (string?)i!["reference"]));
            Assert.DoesNotMatch(RiskWords(), WithoutNotes(request));
            // The letter is not copied: neither its opening nor the person's story, which it carries.
            Assert.DoesNotContain(referral.Letter.Find(ReferralLetterDraft.IntroductionKey)!.Text!, request.ToJsonString());
            Assert.Contains(episode.Story, referral.Letter.Find(ReferralLetterDraft.NarrativeKey)!.Text!);
            Assert.DoesNotContain(episode.Story, request.ToJsonString());
            Assert.DoesNotContain(CriterionAnswer, request.ToJsonString());
        }

        var sent = referrals[episode.Referrals.Sent];
        Assert.Equal("active", (string?)sent["status"]);
        Assert.Null(sent["occurrenceDateTime"]);
        Assert.Null(sent["note"]);
        var accepted = referrals[episode.Referrals.Accepted];
        Assert.Equal("active", (string?)accepted["status"]);
        Assert.Null(accepted["occurrenceDateTime"]);
        Assert.Null(accepted["note"]);

        // A standing decline is still the team's request (R4 gives the status to the requester): the
        // service's answer is in its own words, and the NICE NG225 flag is stated plainly.
        var declined = referrals[episode.Referrals.Declined];
        Assert.Equal("active", (string?)declined["status"]);
        var notes = declined["note"]!.AsArray().Select(n => n!.AsObject()).ToList();
        Assert.Equal(
            [
                $"{episode.Referrals.Service} declined this referral. The reason it gave: Because of a risk of suicide or further self-harm.",
                DeclineWords,
                ServiceRequestResource.ContraryToGuidance,
            ],
            notes.Select(n => (string?)n["text"]));
        Assert.Contains("contrary to NICE NG225", (string?)notes[2]["text"]);
        Assert.All(notes.Take(2), n => Assert.Equal(episode.Referrals.Service, (string?)n["authorString"]));
        Assert.All(notes.Take(2), n => Assert.Equal(saved[episode.Referrals.Declined].DeclinedAt, DateTimeOffset.Parse((string)n["time"]!)));

        var attended = referrals[episode.Referrals.Attended];
        Assert.Equal("completed", (string?)attended["status"]);
        Assert.Equal(saved[episode.Referrals.Attended].FirstAppointmentAt, DateTimeOffset.Parse((string)attended["occurrenceDateTime"]!));
        Assert.Null(attended["note"]);

        foreach (var id in episode.Referrals.Shared)
        {
            var read = await session.Fhir($"/fhir/ServiceRequest/{id}");
            Assert.Equal(HttpStatusCode.OK, read.Status);
            Assert.True(JsonNode.DeepEquals(referrals[id], read.Json), read.Body);
            await FhirValidator.AssertValid(read.Body);
        }
        foreach (var info in sent["supportingInfo"]!.AsArray())
            Assert.Equal(HttpStatusCode.OK, (await session.Fhir($"/fhir/{info!["reference"]}")).Status);
    }

    [Fact]
    public async Task ADraftReferral_IsNotShared_ItsIdIsAnsweredAsNobodys_AndItsReadingLeavesNoTrace()
    {
        var (episode, session, everything) = await Everything();
        Assert.DoesNotContain(everything.Entries, e => (string?)e["id"] == episode.Referrals.Draft.ToString());
        var search = await session.Fhir($"/fhir/ServiceRequest?patient=Patient/{episode.Person}");
        Assert.DoesNotContain(search.Entries, e => (string?)e["id"] == episode.Referrals.Draft.ToString());
        var before = await app.WithDb(db => db.AuditEvents.CountAsync(a => a.PersonId == episode.Person.Value));

        var draft = await session.Fhir($"/fhir/ServiceRequest/{episode.Referrals.Draft}");
        var nobody = await session.Fhir($"/fhir/ServiceRequest/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, draft.Status);
        Assert.Equal("OperationOutcome", draft.ResourceType);
        Assert.Equal((string?)nobody.Json!["issue"]![0]!["code"], (string?)draft.Json!["issue"]![0]!["code"]);
        Assert.Equal(before, await app.WithDb(db => db.AuditEvents.CountAsync(a => a.PersonId == episode.Person.Value)));

        // Once sent, the same referral is shared.
        await app.WithDb(async db =>
        {
            var referral = await db.Referrals.SingleAsync(r => r.Id == new ReferralId(episode.Referrals.Draft));
            referral.ReviseLetter(referral.Letter.OfKind(LetterSectionKind.Criterion).ToDictionary(c => c.Key, _ => (string?)CriterionAnswer),
                new StaffId(episode.Practitioner.Id), DateTimeOffset.UtcNow);
            referral.Send(await db.Narratives.SingleAsync(n => n.PersonId == episode.Person), new StaffId(episode.Practitioner.Id), episode.Practitioner.Name, DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.OK, (await session.Fhir($"/fhir/ServiceRequest/{episode.Referrals.Draft}")).Status);
    }

    [Fact]
    public async Task AResubmission_ReplacesTheDeclinedReferral_WhichIsRevoked_AndALetterThatDrewOnNoAssessmentOrPlanPointsToNone()
    {
        var team = await app.NewTeam();
        var practitioner = await app.NewStaff(StaffRole.Practitioner, team);
        var (person, _) = await app.NewPathway(team, practitioner, DateTimeOffset.UtcNow.AddDays(-10));
        var service = await app.NewService(DirectoryTestData.Details(TestWorld.Unique("Northgate Talking Therapies ")));
        var by = new StaffId(practitioner.Id);
        var name = practitioner.Name;
        var now = DateTimeOffset.UtcNow;
        var (first, second, overturned) = await app.WithDb(async db =>
        {
            var presentation = await db.Presentations.SingleAsync(p => p.PersonId == person);
            // Drafted before the assessment was signed off, and before the person had a safety plan: the letter draws on neither.
            var sources = new ReferralLetterSources(await db.Persons.SingleAsync(p => p.Id == person), presentation,
                new ReceivingService(service.Id, service.Name, service.EligibilityCriteria), name, team.TeamName);
            Referral Sent(int daysAgo)
            {
                var referral = Referral.Draft(sources, by, team.TeamId, now.AddDays(-daysAgo));
                referral.ReviseLetter(referral.Letter.OfKind(LetterSectionKind.Criterion).ToDictionary(c => c.Key, _ => (string?)CriterionAnswer), by, now.AddDays(-daysAgo));
                referral.Send(null, by, name, now.AddDays(-daysAgo));
                db.Referrals.Add(referral);
                return referral;
            }
            var first = Sent(9);
            first.Decline(DeclineReason.NeedsBetterMetByAnotherService, "Our groups are for adults over 25.", "Northgate Youth Service", ReferralActor.ForStaff(by, name), now.AddDays(-8));
            var second = first.Resubmit(by, name, now.AddDays(-7));
            second.ReviseLetter(second.Letter.Sections.Where(s => s.Text is null).ToDictionary(s => s.Key, _ => (string?)"Robin is 26."), by, now.AddDays(-7));
            second.Send(null, by, name, now.AddDays(-7));
            db.Referrals.Add(second);
            var overturned = Sent(6);
            overturned.Decline(DeclineReason.Age, "Robin is too young for this service.", null, ReferralActor.ForStaff(by, name), now.AddDays(-5));
            var escalation = overturned.Escalate(StaffId.New(), "Dr Ada Senior", null, by, name, now.AddDays(-4));
            overturned.RecordEscalationOutcome(escalation.Id, EscalationOutcome.DeclineOverturned, "The service agreed to see Robin.", by, name, now.AddDays(-3));
            await db.SaveChangesAsync();
            return (first.Id.Value, second.Id.Value, overturned.Id.Value);
        });

        var session = await app.SignedIn(practitioner);
        var referrals = Referrals(await session.Fhir($"/fhir/ServiceRequest?patient={person}"));
        var revoked = referrals[first];
        Assert.Equal("revoked", (string?)revoked["status"]);
        Assert.Equal(
            [
                $"{service.Name} declined this referral. The reason it gave: The person's needs would be better met by another service.",
                "Our groups are for adults over 25.",
                "The service named another service that would meet the person's needs better: Northgate Youth Service",
                "Closed: Replaced by a resubmitted referral.",
            ],
            revoked["note"]!.AsArray().Select(n => (string?)n!["text"]));
        var resubmission = referrals[second];
        Assert.Equal("active", (string?)resubmission["status"]);
        Assert.Equal($"ServiceRequest/{first}", (string?)Assert.Single(resubmission["replaces"]!.AsArray())!["reference"]);
        Assert.Null(resubmission["note"]);
        // An overturned decline is kept as what the service said, with what came of it.
        var back = referrals[overturned];
        Assert.Equal("active", (string?)back["status"]);
        Assert.Equal([ServiceRequestResource.ContraryToGuidance, ServiceRequestResource.Overturned],
            back["note"]!.AsArray().Skip(2).Select(n => (string?)n!["text"]));
        foreach (var request in referrals.Values)
        {
            // The assessment is signed off now, but the letter did not draw on it; there is no plan.
            Assert.Null(request["supportingInfo"]);
            Assert.DoesNotMatch(RiskWords(), WithoutNotes(request));
            await FhirValidator.AssertValid(request.ToJsonString());
        }
    }
}
