using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aftercare.Domain.Common;
using Aftercare.Domain.Narratives;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Patients;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.SafetyPlans;
using Aftercare.Domain.Sessions;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Features.Directory;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Fhir;

/// <summary>
/// A person with a typical history, for the FHIR tests: a presentation, a signed-off assessment
/// with an addendum, a safety plan, the ASSURED pathway ten months on (the check-in call done, the
/// first session closed with a reason, the rest still to come), the 3-month letter sent, the
/// 6-month letter approved but not yet sent, the 9-month letter still a draft, and a story told
/// in the narrative interview, which they agreed services they are referred to may read. They
/// were referred to a service four times from that presentation, each letter carrying their
/// story: one referral waits for the service's answer, one was accepted, one declined because of
/// risk (contrary to NICE NG225) and one led to the first appointment, attended; a fifth is a draft.
/// </summary>
public sealed record Episode(
    TeamAtSite Team, StaffAccount Practitioner, PersonId Person, string Family, string NhsNumber, PathwayId Pathway,
    Guid Presentation, Guid Assessment, Guid Plan, Guid CheckIn, Guid FirstSession, Guid LaterSession,
    Guid SentLetter, Guid ApprovedLetter, Guid DraftLetter, string Story, EpisodeReferrals Referrals)
{
    public string Everything => $"/fhir/Patient/{Person}/$everything";
}

/// <summary>The episode's referrals, by where each stands, and the service they went to.</summary>
public sealed record EpisodeReferrals(string Service, Guid Sent, Guid Accepted, Guid Declined, Guid Attended, Guid Draft)
{
    public IEnumerable<Guid> Shared => [Sent, Accepted, Declined, Attended];
}

public static class FhirEpisodes
{
    public const string DeclineWords = "We are not able to offer a service where there is a high risk of further self-harm; our groups are not set up for this.";
    public const string CriterionAnswer = "Robin is 26 and lives in the area the service covers.";
    public const string Addendum = "Spoke with her sister after sign-off: she will stay there this week.";
    public const string ClosedReason = "Moved to Leeds and is seen by the team there";
    public const string SentBody = "Dear Robin,\n\nIt is about three months since we first met. \u201CMy sister and my dog\u201D matter to you.";
    public const string ApprovedBody = "Dear Robin,\n\nHalf a year on, your plan is still here for you.";
    public const string DraftBody = "Dear Robin,\n\nThis is a draft nobody has read yet.";

    public static readonly SafetyPlanContent Plan = SafetyPlanContent.Empty with
    {
        WarningSigns = [new("Not sleeping, staying in my room")],
        ThingsICanDo = [new("Take Bella round the park")],
        PeopleICanAsk = [new("My sister Jo", "07700 900456"), new("Sam from work")],
        Professionals = [new("Crisis team", "0161 496 0000", "Any time, day or night")],
        ReasonsForLiving = [new("Bella, who needs me")],
    };

    public static async Task<Episode> NewEpisode(this AftercareFactory app, TeamAtSite? team = null, StaffAccount? practitioner = null)
    {
        team ??= await app.NewTeam();
        practitioner ??= await app.NewStaff(StaffRole.Practitioner, team);
        var now = DateTimeOffset.UtcNow;
        var (person, pathwayId) = await app.NewPathway(team, practitioner, now.AddMonths(-10));
        var nhs = TestWorld.NewNhsNumber();
        var by = new StaffId(practitioner.Id);
        var service = await app.NewService(DirectoryTestData.Details(TestWorld.Unique("Riverside Wellbeing ")));
        return await app.WithDb(async db =>
        {
            var contacts = JsonSerializer.Serialize(new List<PersonContact> { new("Jo Taylor", "Sister", "07700 900456") });
            await db.Database.ExecuteSqlAsync(
                $"""
                UPDATE persons SET nhs_number = {nhs}, preferred_name = 'Robbie', phone = '07700 900123', email = 'robin@example.com',
                       gp_practice = 'Fallowfield Medical Practice', postcode = 'M14 6HR', gender_identity = 'Woman', contacts = {contacts}::jsonb
                WHERE id = {person.Value}
                """);
            var family = await db.Persons.Where(p => p.Id == person).Select(p => p.FamilyName).SingleAsync();
            var assessment = await db.Assessments.SingleAsync(a => a.PersonId == person);
            assessment.AddAddendum(Addendum, by, practitioner.Name, now.AddMonths(-10).AddHours(2));

            var (plan, version) = SafetyPlan.Create(person, Plan, Author.ForStaff(by, practitioner.Name), now.AddMonths(-10));
            db.SafetyPlans.Add(plan);
            db.SafetyPlanVersions.Add(version);

            var pathway = await db.Pathways.Include(p => p.Contacts).SingleAsync(p => p.Id == pathwayId);
            Guid Contact(string key) => pathway.Contacts.Single(c => c.Key == key).Id.Value;
            var checkIn = pathway.Contacts.Single(c => c.Key == "check-in");
            var session = CareSession.Record(person, pathway.Id, checkIn.Id, by, practitioner.Name, now.AddMonths(-10).AddHours(20), ContactMode.Phone,
                ContactOutcome.Attended, null, SolutionFocusedNotes.Create("To feel less alone", null, null, 4, null), Adaptations.None, null, now);
            db.CareSessions.Add(session);
            pathway.CompleteContact(checkIn.Id, session.OccurredAt, by, session.Id, now);
            pathway.CloseContact(new PlannedContactId(Contact("session-1")), ClosedReason, by, now);

            var sent = AftercareLetter.Draft(pathway.Contacts.Single(c => c.Key == "letter-3"), SentBody, now.AddMonths(-7));
            sent.Approve(by, practitioner.Name, now.AddMinutes(-30));
            sent.RecordSent(LetterSending.Post, now.AddMinutes(-20), by, now);
            pathway.CompleteContact(new PlannedContactId(Contact("letter-3")), now.AddMinutes(-20), by, null, now);
            var approved = AftercareLetter.Draft(pathway.Contacts.Single(c => c.Key == "letter-6"), ApprovedBody, now.AddMonths(-4));
            approved.Approve(by, practitioner.Name, now.AddMinutes(-10));
            var draft = AftercareLetter.Draft(pathway.Contacts.Single(c => c.Key == "letter-9"), DraftBody, now.AddMonths(-1));
            db.Letters.AddRange(sent, approved, draft);

            var story = "I had been holding it together for months. " + Guid.NewGuid().ToString("N");
            var narrative = NarrativeInterview.Record(person, story, NarrativeSharing.CareTeamReferredServicesAndGp, by, now);
            db.Narratives.Add(narrative);

            var sources = new ReferralLetterSources(
                await db.Persons.SingleAsync(p => p.Id == person), await db.Presentations.SingleAsync(p => p.Id == assessment.PresentationId),
                new ReceivingService(service.Id, service.Name, service.EligibilityCriteria), practitioner.Name, team.TeamName)
            {
                Assessment = assessment,
                SafetyPlan = plan,
                Narrative = narrative,
            };
            Referral Referred(int daysAgo)
            {
                var referral = Referral.Draft(sources, by, team.TeamId, now.AddDays(-daysAgo));
                referral.ReviseLetter(referral.Letter.OfKind(LetterSectionKind.Criterion).ToDictionary(c => c.Key, _ => (string?)CriterionAnswer), by, now.AddDays(-daysAgo));
                referral.Send(narrative, by, practitioner.Name, now.AddDays(-daysAgo).AddHours(1));
                db.Referrals.Add(referral);
                return referral;
            }
            var waiting = Referred(2);
            var accepted = Referred(8);
            accepted.Accept(null, ReferralActor.ForStaff(by, practitioner.Name), now.AddDays(-7));
            var declined = Referred(9);
            declined.Decline(DeclineReason.RiskOfSuicideOrSelfHarm, DeclineWords, null, ReferralActor.ForStaff(by, practitioner.Name), now.AddDays(-8));
            var attended = Referred(30);
            attended.Accept(null, ReferralActor.ForStaff(by, practitioner.Name), now.AddDays(-28));
            attended.OfferFirstAppointment(now.AddDays(-14), ReferralActor.ForStaff(by, practitioner.Name), now.AddDays(-27));
            attended.RecordFirstAppointmentAttended(now.AddDays(-14), ReferralActor.ForStaff(by, practitioner.Name), now.AddDays(-13));
            var drafted = Referral.Draft(sources, by, team.TeamId, now.AddDays(-1));
            db.Referrals.Add(drafted);
            await db.SaveChangesAsync();
            return new Episode(team, practitioner, person, family, nhs, pathwayId,
                assessment.PresentationId.Value, assessment.Id.Value, plan.Id.Value, checkIn.Id.Value, Contact("session-1"), Contact("session-4"),
                sent.Id.Value, approved.Id.Value, draft.Id.Value, story,
                new EpisodeReferrals(service.Name, waiting.Id.Value, accepted.Id.Value, declined.Id.Value, attended.Id.Value, drafted.Id.Value));
        });
    }

    /// <summary>A FHIR answer: its status, its content type, and its JSON (null when the body is not JSON).</summary>
    public sealed record FhirAnswer(HttpStatusCode Status, string? ContentType, string Body, JsonNode? Json)
    {
        public string? ResourceType => Json?["resourceType"]?.GetValue<string>();

        /// <summary>The resources of a bundle's entries.</summary>
        public List<JsonObject> Entries => Json?["entry"]?.AsArray().Select(e => e!["resource"]!.AsObject()).ToList() ?? [];
    }

    public static async Task<FhirAnswer> Fhir(this WebSession session, string url)
    {
        var response = await session.Get(url);
        return await Answer(response);
    }

    public static async Task<FhirAnswer> Answer(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try { json = JsonNode.Parse(body); } catch (JsonException) { }
        return new FhirAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, json);
    }

    /// <summary>A staff member's session, signed in.</summary>
    public static async Task<WebSession> SignedIn(this AftercareFactory app, StaffAccount staff)
    {
        var session = app.NewSession();
        await session.SignIn(staff);
        return session;
    }
}
