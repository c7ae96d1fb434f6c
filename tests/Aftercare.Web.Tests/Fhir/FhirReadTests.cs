using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Aftercare.Domain.Assessments;
using Aftercare.Domain.Common;
using Aftercare.Domain.Patients;
using Aftercare.Domain.SafetyPlans;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Aftercare.Web.Tests.Fhir.FhirEpisodes;

namespace Aftercare.Web.Tests.Fhir;

/// <summary>The episode as FHIR R4: what each resource says, read by id, searched by patient and with $everything, each checked by the validators.</summary>
[Collection("web")]
public sealed partial class FhirReadTests(AftercareFactory app)
{
    private async Task<(Episode Episode, WebSession Session, FhirAnswer Everything)> Everything()
    {
        var episode = await app.NewEpisode();
        var session = await app.SignedIn(episode.Practitioner);
        var everything = await session.Fhir(episode.Everything);
        Assert.Equal(HttpStatusCode.OK, everything.Status);
        return (episode, session, everything);
    }

    private static JsonObject Only(FhirAnswer bundle, string type) => Assert.Single(bundle.Entries, e => (string?)e["resourceType"] == type);

    [Fact]
    public async Task Everything_ForAPersonWithAnAssessmentPlanPathwayAndLetters_HoldsEachOfTheirRecords_AsValidFhir()
    {
        var (episode, _, everything) = await Everything();

        Assert.Equal("application/fhir+json", everything.ContentType);
        Assert.Equal("Bundle", everything.ResourceType);
        Assert.Equal("searchset", (string?)everything.Json!["type"]);
        var ids = everything.Entries.Select(e => $"{e["resourceType"]}/{e["id"]}").ToList();
        Assert.Equal($"Patient/{episode.Person}", ids[0]);
        Assert.Contains($"Encounter/{episode.Presentation}", ids);
        Assert.Contains($"QuestionnaireResponse/{episode.Assessment}", ids);
        Assert.Contains($"CarePlan/{episode.Plan}", ids);
        Assert.Contains($"Appointment/{episode.CheckIn}", ids);
        Assert.Contains($"Communication/{episode.SentLetter}", ids);
        Assert.Contains($"Communication/{episode.ApprovedLetter}", ids);
        Assert.All(episode.Referrals.Shared, r => Assert.Contains($"ServiceRequest/{r}", ids));
        Assert.Contains("Questionnaire/psychosocial-assessment", ids);
        // The check-in call and three sessions; the letters are communications, never appointments.
        Assert.Equal(4, everything.Entries.Count(e => (string?)e["resourceType"] == "Appointment"));
        // A letter nobody has approved is not a communication; the story is not shared by this API.
        Assert.DoesNotContain($"Communication/{episode.DraftLetter}", ids);
        Assert.DoesNotContain(DraftBody, everything.Body);
        Assert.DoesNotContain(episode.Story, everything.Body);
        Assert.Equal(ids.Count - 1, (int)everything.Json!["total"]!);
        foreach (var entry in everything.Json!["entry"]!.AsArray())
            Assert.EndsWith($"/fhir/{entry!["resource"]!["resourceType"]}/{entry["resource"]!["id"]}", (string?)entry["fullUrl"]);

        await FhirValidator.AssertValid(everything.Body);
    }

    [Fact]
    public async Task EachResource_ReadById_AndSearchedByPatient_IsTheSameValidFhir()
    {
        var (episode, session, everything) = await Everything();
        foreach (var resource in everything.Entries)
        {
            var type = (string)resource["resourceType"]!;
            var read = await session.Fhir($"/fhir/{type}/{resource["id"]}");
            Assert.Equal(HttpStatusCode.OK, read.Status);
            Assert.Equal("application/fhir+json", read.ContentType);
            Assert.True(JsonNode.DeepEquals(resource, read.Json), $"{type}/{resource["id"]} read by id differs from $everything:\n{read.Body}");
            await FhirValidator.AssertValid(read.Body);
        }
        foreach (var type in new[] { "Encounter", "QuestionnaireResponse", "CarePlan", "Appointment", "Communication", "ServiceRequest" })
        {
            foreach (var reference in new[] { episode.Person.ToString(), $"Patient/{episode.Person}" })
            {
                var search = await session.Fhir($"/fhir/{type}?patient={reference}");
                Assert.Equal(HttpStatusCode.OK, search.Status);
                Assert.Equal(
                    everything.Entries.Where(e => (string?)e["resourceType"] == type).Select(e => (string?)e["id"]),
                    search.Entries.Select(e => (string?)e["id"]));
                Assert.All(search.Entries, e => Assert.Equal($"Patient/{episode.Person}", (string?)(e["subject"] ?? e["participant"]![0]!["actor"])!["reference"]));
                await FhirValidator.AssertValid(search.Body);
            }
        }
        var byId = await session.Fhir($"/fhir/Patient?_id={episode.Person}");
        Assert.Equal($"{episode.Person}", (string?)Assert.Single(byId.Entries)["id"]);
        var questionnaires = await session.Fhir("/fhir/Questionnaire");
        Assert.Equal("psychosocial-assessment", (string?)Assert.Single(questionnaires.Entries)["id"]);
        await FhirValidator.AssertValid(questionnaires.Body);
    }

    [Fact]
    public async Task ThePatient_CarriesTheNhsNumberUnderUkCoresSystem_TheirNames_AndWhatWasRecorded()
    {
        var (episode, session, everything) = await Everything();
        var patient = Only(everything, "Patient");
        var identifier = Assert.Single(patient["identifier"]!.AsArray())!;
        Assert.Equal("https://fhir.nhs.uk/Id/nhs-number", (string?)identifier["system"]);
        Assert.Equal(episode.NhsNumber, (string?)identifier["value"]);
        var names = patient["name"]!.AsArray();
        Assert.Contains(names, n => (string?)n!["use"] == "official" && (string?)n["given"]![0] == "Robin" && (string?)n["family"] == episode.Family);
        Assert.Contains(names, n => (string?)n!["use"] == "usual" && (string?)n["given"]![0] == "Robbie");
        Assert.Equal("female", (string?)patient["gender"]);
        Assert.Equal("1999-04-12", (string?)patient["birthDate"]);
        Assert.Equal("Woman", (string?)patient["extension"]![0]!["valueCodeableConcept"]!["text"]);
        Assert.Equal("Fallowfield Medical Practice", (string?)patient["generalPractitioner"]![0]!["display"]);
        Assert.Equal("M14 6HR", (string?)patient["address"]![0]!["postalCode"]);
        var contact = Assert.Single(patient["contact"]!.AsArray())!;
        Assert.Equal("Jo Taylor", (string?)contact["name"]!["text"]);
        Assert.Equal("Sister", (string?)contact["relationship"]![0]!["text"]);
        Assert.Equal("07700 900456", (string?)contact["telecom"]![0]!["value"]);
        Assert.Contains(episode.Team.TeamName, (string?)patient["managingOrganization"]!["display"]);

        // Without an NHS number there is no identifier at all (never an empty or made-up one),
        // and a sex recorded as "not specified" is not turned into "other".
        var (other, _) = await app.NewPerson(episode.Team);
        await app.WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE persons SET sex = {(int)Sex.NotSpecified} WHERE id = {other.Value}"));
        var bare = await session.Fhir($"/fhir/Patient/{other}");
        Assert.Null(bare.Json!["identifier"]);
        Assert.Null(bare.Json!["name"]!.AsArray().FirstOrDefault(n => (string?)n!["use"] == "usual"));
        Assert.Equal("unknown", (string?)bare.Json!["gender"]);
        await FhirValidator.AssertValid(bare.Body);
    }

    [Fact]
    public async Task APatient_SearchedByNhsNumber_IsFound_ButAnotherTeamsPersonWithTheNumberIsNot()
    {
        var (episode, session, _) = await Everything();
        foreach (var token in new[] { $"https://fhir.nhs.uk/Id/nhs-number|{episode.NhsNumber}", episode.NhsNumber })
        {
            var found = await session.Fhir($"/fhir/Patient?identifier={Uri.EscapeDataString(token)}");
            Assert.Equal(HttpStatusCode.OK, found.Status);
            Assert.Equal(episode.Person.ToString(), (string?)Assert.Single(found.Entries)["id"]);
            await FhirValidator.AssertValid(found.Body);
        }
        var elsewhere = await app.NewEpisode();
        var none = await session.Fhir($"/fhir/Patient?identifier={Uri.EscapeDataString("https://fhir.nhs.uk/Id/nhs-number|" + elsewhere.NhsNumber)}");
        Assert.Equal(HttpStatusCode.OK, none.Status);
        Assert.Empty(none.Entries);
        Assert.Equal(0, (int)none.Json!["total"]!);
        var otherSystem = await session.Fhir($"/fhir/Patient?identifier={Uri.EscapeDataString("https://example.org/mrn|" + episode.NhsNumber)}");
        Assert.Empty(otherSystem.Entries);
        await FhirValidator.AssertValid(none.Body);
    }

    [Fact]
    public async Task TheAssessment_IsAnsweredInItsOwnWords_WithItsAddendum_AndTheFormHasNoScoreOrLevel()
    {
        var (episode, session, everything) = await Everything();
        var response = Only(everything, "QuestionnaireResponse");
        Assert.Equal("amended", (string?)response["status"]);
        Assert.Equal($"Encounter/{episode.Presentation}", (string?)response["encounter"]!["reference"]);
        Assert.EndsWith("/fhir/Questionnaire/psychosocial-assessment", (string?)response["questionnaire"]);
        var saved = await app.WithDb(db => db.Assessments.AsNoTracking().SingleAsync(a => a.Id == new AssessmentId(episode.Assessment)));
        var items = response["item"]!.AsArray();
        foreach (var section in AssessmentSections.InOrder.Where(s => saved.Sections.Get(s.Name) is not null))
            Assert.Equal(saved.Sections.Get(section.Name), (string?)items.Single(i => (string?)i!["linkId"] == section.Name)!["answer"]![0]!["valueString"]);
        var addendum = items.Single(i => (string?)i!["linkId"] == "addendum")!["item"]!.AsArray();
        Assert.Equal(Addendum, (string?)addendum.Single(i => (string?)i!["linkId"] == "addendum.text")!["answer"]![0]!["valueString"]);
        Assert.Equal(episode.Practitioner.Name, (string?)addendum.Single(i => (string?)i!["linkId"] == "addendum.added-by")!["answer"]![0]!["valueString"]);

        var questionnaire = await session.Fhir("/fhir/Questionnaire/psychosocial-assessment");
        Assert.Equal(HttpStatusCode.OK, questionnaire.Status);
        await FhirValidator.AssertValid(questionnaire.Body);
        var questions = Flatten(questionnaire.Json!["item"]!.AsArray()).ToList();
        Assert.Equal(AssessmentSections.InOrder.Select(s => s.Name), questions.Where(q => (string?)q["type"] == "text" && !((string)q["linkId"]!).StartsWith("addendum")).Select(q => (string?)q["linkId"]));
        // Nothing is scored or stratified: every answer is words (or who and when for an addendum),
        // there are no options to choose from, and no risk, score or low/medium/high anywhere.
        Assert.All(questions, q => Assert.Contains((string)q["type"]!, new[] { "text", "display", "group", "string", "dateTime" }));
        Assert.All(questions, q => Assert.Null(q["answerOption"] ?? q["answerValueSet"] ?? q["initial"]));
        foreach (var text in new[] { questionnaire.Body, response.ToJsonString() })
        {
            Assert.DoesNotMatch(RiskWords(), text);
        }
    }

    private static IEnumerable<JsonObject> Flatten(JsonArray items) =>
        items.Select(i => i!.AsObject()).SelectMany(i => new[] { i }.Concat(i["item"] is JsonArray children ? Flatten(children) : []));

    [GeneratedRegex(@"(?i)\brisk|\bscore\b|\bscale\b|\b(low|medium|moderate|high)\b")]
    private static partial Regex RiskWords();

    [Fact]
    public async Task TheSafetyPlan_KeepsThePersonsWordsExactly_WithTheirNumbersAndHoursApart()
    {
        var (_, _, everything) = await Everything();
        var plan = Only(everything, "CarePlan");
        Assert.Equal("1", (string?)plan["meta"]!["versionId"]);
        var activities = plan["activity"]!.AsArray().Select(a => a!["detail"]!).ToList();
        var expected = new[]
        {
            ("Warning signs that a crisis may be coming", "Not sleeping, staying in my room"),
            ("Things I can do on my own to take my mind off things", "Take Bella round the park"),
            ("People I can ask for help", "My sister Jo"),
            ("People I can ask for help", "Sam from work"),
            ("Professionals and services I can contact", "Crisis team"),
            ("My reasons for living", "Bella, who needs me"),
        };
        Assert.Equal(expected, activities.Select(a => ((string)a["code"]!["text"]!, (string)a["description"]!)));
        var contained = plan["contained"]!.AsArray();
        var sister = contained.Single(c => (string?)c!["resourceType"] == "RelatedPerson")!;
        Assert.Equal("07700 900456", (string?)sister["telecom"]![0]!["value"]);
        Assert.Equal("#" + sister["id"], (string?)activities[2]["performer"]![0]!["reference"]);
        Assert.Null(activities[3]["performer"]);
        var crisis = contained.Single(c => (string?)c!["resourceType"] == "HealthcareService")!;
        Assert.Equal("0161 496 0000", (string?)crisis["telecom"]![0]!["value"]);
        Assert.Equal("Any time, day or night", (string?)crisis["availabilityExceptions"]);
    }

    [Fact]
    public async Task TheAppointments_SayWhatBecameOfEachPlannedContact()
    {
        var (episode, _, everything) = await Everything();
        var appointments = everything.Entries.Where(e => (string?)e["resourceType"] == "Appointment").ToDictionary(e => (Guid)e["id"]!);
        var checkIn = appointments[episode.CheckIn];
        Assert.Equal("fulfilled", (string?)checkIn["status"]);
        Assert.NotNull(checkIn["start"]);
        Assert.Equal(episode.Practitioner.Name, (string?)checkIn["participant"]![1]!["actor"]!["display"]);
        var closed = appointments[episode.FirstSession];
        Assert.Equal("cancelled", (string?)closed["status"]);
        Assert.Equal(ClosedReason, (string?)closed["cancelationReason"]!["text"]);
        var later = appointments[episode.LaterSession];
        Assert.Equal("proposed", (string?)later["status"]);
        Assert.Null(later["start"]);
        var window = later["requestedPeriod"]![0]!;
        var contact = await app.WithDb(db => db.PlannedContacts.AsNoTracking().SingleAsync(c => c.Id == new PlannedContactId(episode.LaterSession)));
        Assert.Equal(contact.OpensAt, DateTimeOffset.Parse((string)window["start"]!));
        Assert.Equal(contact.DueAt, DateTimeOffset.Parse((string)window["end"]!));
    }

    [Fact]
    public async Task TheLetters_AreOnlyThoseApproved_WithTheTextAsApproved()
    {
        var (episode, session, everything) = await Everything();
        var letters = everything.Entries.Where(e => (string?)e["resourceType"] == "Communication").ToDictionary(e => (Guid)e["id"]!);
        var sent = letters[episode.SentLetter];
        Assert.Equal("completed", (string?)sent["status"]);
        Assert.Equal(SentBody, (string?)sent["payload"]![0]!["contentString"]);
        Assert.Equal("Post", (string?)sent["medium"]![0]!["text"]);
        Assert.NotNull(sent["sent"]);
        Assert.Equal("Letter at 3 months", (string?)sent["topic"]!["text"]);
        var approved = letters[episode.ApprovedLetter];
        Assert.Equal("preparation", (string?)approved["status"]);
        Assert.Null(approved["sent"]);
        Assert.Equal(ApprovedBody, (string?)approved["payload"]![0]!["contentString"]);
        var draft = await session.Fhir($"/fhir/Communication/{episode.DraftLetter}");
        Assert.Equal(HttpStatusCode.NotFound, draft.Status);
        Assert.Equal("OperationOutcome", draft.ResourceType);
    }

    [Fact]
    public async Task WordsWithUnusualSpacesOrControlCharacters_AreStillValidFhir_WithEveryWordKept()
    {
        var team = await app.NewTeam();
        var practitioner = await app.NewStaff(StaffRole.Practitioner, team);
        var (person, _) = await app.NewPerson(team);
        // A non-breaking space (as phones type), a stray control character, a line separator.
        const string typed = "Call\u00a0Mum,\u0001 then\u2028walk";
        await app.WithDb(async db =>
        {
            var (plan, version) = SafetyPlan.Create(person, SafetyPlanContent.Empty with { ThingsICanDo = [new(typed)] },
                Author.ForStaff(new StaffId(practitioner.Id), practitioner.Name), DateTimeOffset.UtcNow);
            db.SafetyPlans.Add(plan);
            db.SafetyPlanVersions.Add(version);
            await db.Database.ExecuteSqlAsync($"UPDATE persons SET gp_practice = {"Fallowfield\u00a0Medical"} WHERE id = {person.Value}");
            return await db.SaveChangesAsync();
        });
        var session = await app.SignedIn(practitioner);
        var everything = await session.Fhir($"/fhir/Patient/{person}/$everything");
        await FhirValidator.AssertValid(everything.Body);
        Assert.Equal("Call Mum, then walk", (string?)Only(everything, "CarePlan")["activity"]![0]!["detail"]!["description"]);
        Assert.Equal("Fallowfield Medical", (string?)Only(everything, "Patient")["generalPractitioner"]![0]!["display"]);
    }

    [Fact]
    public async Task TheCapabilityStatement_IsOpenWithoutSigningIn_ValidFhir_AndListsWhatIsServed()
    {
        var metadata = await app.NewSession().Fhir("/fhir/metadata");
        Assert.Equal(HttpStatusCode.OK, metadata.Status);
        Assert.Equal("application/fhir+json", metadata.ContentType);
        Assert.Equal("CapabilityStatement", metadata.ResourceType);
        Assert.Equal("4.0.1", (string?)metadata.Json!["fhirVersion"]);
        var types = metadata.Json!["rest"]![0]!["resource"]!.AsArray().Select(r => (string?)r!["type"]).ToList();
        Assert.Equal(["Patient", "Encounter", "QuestionnaireResponse", "CarePlan", "Appointment", "Communication", "ServiceRequest", "Questionnaire"], types);
        var referrals = metadata.Json!["rest"]![0]!["resource"]!.AsArray().Single(r => (string?)r!["type"] == "ServiceRequest")!;
        var searchParam = Assert.Single(referrals["searchParam"]!.AsArray())!;
        Assert.Equal(("patient", "reference"), ((string?)searchParam["name"], (string?)searchParam["type"]));
        Assert.DoesNotContain(metadata.Json!["rest"]![0]!["resource"]!.AsArray().SelectMany(r => r!["interaction"]!.AsArray()),
            i => (string?)i!["code"] is not ("read" or "search-type"));
        await FhirValidator.AssertValid(metadata.Body);
    }

    [Fact]
    public async Task ASearchForSomeoneWithNothingOfThatKind_IsAnEmptyValidBundle()
    {
        var team = await app.NewTeam();
        var practitioner = await app.NewStaff(StaffRole.Practitioner, team);
        var (person, _) = await app.NewPerson(team);
        var session = await app.SignedIn(practitioner);
        var none = await session.Fhir($"/fhir/Communication?patient={person}");
        Assert.Equal(HttpStatusCode.OK, none.Status);
        Assert.Empty(none.Entries);
        await FhirValidator.AssertValid(none.Body);
        var everything = await session.Fhir($"/fhir/Patient/{person}/$everything");
        Assert.Equal(["Patient", "Encounter"], everything.Entries.Select(e => (string?)e["resourceType"]));
        await FhirValidator.AssertValid(everything.Body);
    }
}
