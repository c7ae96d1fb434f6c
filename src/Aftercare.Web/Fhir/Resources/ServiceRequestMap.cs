using Aftercare.Domain.Assessments;
using Aftercare.Domain.Referrals;
using Npgsql;

namespace Aftercare.Web.Fhir.Resources;

/// <summary>
/// A referral to an aftercare service (M9) as a ServiceRequest, once it has been sent: a draft is
/// the team's working copy, as an unapproved letter is, and is never shared (its id is answered as
/// nobody's). The letter itself is not copied here (it may carry the person's story, which they
/// agreed only the service may read): the request says who asked whom for what, when, where it
/// stands, what the service answered in its own words, and points to the assessment the letter
/// drew from and the safety plan, both of which this API serves to the same reader.
/// The status is the requester's, as R4 defines it (docs/decisions/0009): with the service, and a
/// standing decline the team may still escalate, is "active"; seen is "completed"; closed,
/// whatever the outcome, is "revoked".
/// </summary>
public sealed class ServiceRequestMap : IFhirResourceMap
{
    public string ResourceType => "ServiceRequest";
    public string AuditEntity => "Referral";
    public string OwnerSql => "SELECT person_id FROM referrals WHERE id = $1 AND sent_at IS NOT NULL";

    // The assessment is the one the letter drew from: the signed-off assessment of the referral's
    // presentation, only when the letter carries its sections (a letter drafted before sign-off has
    // none). Both it and the plan are this person's, so whoever reads the referral reads them too.
    // The letter is only tested for that, never read.
    public string ReadSql(bool byId) =>
        $$"""
        SELECT r.id, r.person_id, r.presentation_id, r.status, r.service_name, r.referrer_name, t.name, r.sent_at, r.first_appointment_at,
               r.decline_reason, r.decline_explanation, r.decline_alternative_service, r.declined_at, r.is_contrary_to_guidance,
               r.closure, r.closed_at, prev.id, a.id, sp.id
        FROM referrals r
        JOIN teams t ON t.id = r.team_id
        LEFT JOIN referrals prev ON prev.id = r.resubmission_of AND prev.person_id = r.person_id AND prev.sent_at IS NOT NULL
        LEFT JOIN assessments a ON a.presentation_id = r.presentation_id AND a.person_id = r.person_id AND a.status = {{(int)AssessmentStatus.SignedOff}}
             AND (r.letter @> '[{"Kind": {{(int)LetterSectionKind.Assessment}}}]' OR r.letter @> '[{"Kind": {{(int)LetterSectionKind.AssessmentAddenda}}}]')
        LEFT JOIN safety_plans sp ON sp.person_id = r.person_id
        WHERE r.person_id = $1 AND r.sent_at IS NOT NULL {{(byId ? "AND r.id = $2" : "")}}
        ORDER BY r.sent_at DESC, r.id
        """;

    public FhirResource Read(NpgsqlDataReader r) => new ServiceRequestResource(
        r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), (ReferralStatus)r.GetInt32(3), r.GetString(4), r.GetString(5), r.GetString(6),
        r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
        r.IsDBNull(9) ? null : new Decline((DeclineReason)r.GetInt32(9), r.GetString(10), r.IsDBNull(11) ? null : r.GetString(11),
            r.GetFieldValue<DateTimeOffset>(12), r.GetBoolean(13)),
        r.IsDBNull(14) ? null : (ReferralClosure)r.GetInt32(14), r.IsDBNull(15) ? null : r.GetFieldValue<DateTimeOffset>(15),
        r.IsDBNull(16) ? null : r.GetGuid(16), r.IsDBNull(17) ? null : r.GetGuid(17), r.IsDBNull(18) ? null : r.GetGuid(18));

    /// <summary>The service's latest decline, kept after an overturn or a resubmission as what the service said.</summary>
    public sealed record Decline(DeclineReason Reason, string Explanation, string? AlternativeService, DateTimeOffset At, bool IsContraryToGuidance);
}

public sealed class ServiceRequestResource(
    Guid id, Guid personId, Guid presentationId, ReferralStatus status, string serviceName, string referrerName, string teamName,
    DateTimeOffset sentAt, DateTimeOffset? firstAppointmentAt, ServiceRequestMap.Decline? decline, ReferralClosure? closure, DateTimeOffset? closedAt,
    Guid? replaces, Guid? assessmentId, Guid? planId) : FhirResource("ServiceRequest", id)
{
    /// <summary>What the request says beside a decline resting on grounds NICE NG225 rules out, stated plainly for whoever reads it.</summary>
    public const string ContraryToGuidance =
        "This decline is contrary to NICE NG225: the guideline says access to services after self-harm must not be refused because of self-harm, " +
        "risk, diagnosis, age, drug or alcohol use, or a co-existing condition, and this decline rests on one of those grounds.";

    public const string Overturned = "The service's decline was later overturned: the referral went back to the service.";

    public override void Write(FhirWriter w)
    {
        var json = w.Json;
        Open(w);
        json.WriteStartArray("identifier");
        json.WriteStartObject();
        json.WriteString("system", FhirSystems.Referral(w));
        json.WriteString("value", Id.ToString());
        json.WriteEndObject();
        json.WriteEndArray();
        if (replaces is { } earlier)
        {
            // A resubmission replaces the letter the service declined (or that needed changing).
            json.WriteStartArray("replaces");
            json.WriteStartObject();
            json.WriteString("reference", $"ServiceRequest/{earlier}");
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteString("status", Status(status));
        json.WriteString("intent", "order");
        w.WordsList("category", "Referral for aftercare");
        w.Reference("subject", "Patient", personId);
        w.Reference("encounter", "Encounter", presentationId);
        w.Instant("occurrenceDateTime", firstAppointmentAt);
        w.Instant("authoredOn", sentAt);
        json.WriteStartObject("requester");
        w.Text("display", $"{referrerName}, {teamName}");
        json.WriteEndObject();
        json.WriteStartArray("performer");
        json.WriteStartObject();
        w.Text("display", serviceName);
        json.WriteEndObject();
        json.WriteEndArray();
        if (assessmentId is not null || planId is not null)
        {
            json.WriteStartArray("supportingInfo");
            if (assessmentId is { } assessment) ReferenceValue(w, "QuestionnaireResponse", assessment, "The signed-off psychosocial assessment");
            if (planId is { } plan) ReferenceValue(w, "CarePlan", plan, "The person's safety plan");
            json.WriteEndArray();
        }
        var notes = Notes().ToList();
        if (notes.Count > 0)
        {
            json.WriteStartArray("note");
            foreach (var (author, at, text) in notes)
            {
                json.WriteStartObject();
                w.String("authorString", author);
                w.Instant("time", at);
                w.Text("text", text);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    /// <summary>
    /// R4 leaves a request's status to its requester: the performer's refusal belongs to a Task or
    /// an event. A standing decline is the team's to escalate, resubmit or close, and can be
    /// overturned, so the request stays active, with the decline in the notes; only closing it ends it.
    /// </summary>
    public static string Status(ReferralStatus status) => status switch
    {
        ReferralStatus.Sent or ReferralStatus.WaitingList or ReferralStatus.Accepted or ReferralStatus.FirstAppointmentOffered
            or ReferralStatus.Declined => "active",
        ReferralStatus.FirstAppointmentAttended => "completed",
        ReferralStatus.Closed => "revoked",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "A draft is never shared"),
    };

    /// <summary>
    /// The service's answer, its explanation in its own words exactly as recorded, and (in ours) the
    /// NICE NG225 flag, an overturn and the closing outcome. Never the letter or the person's story.
    /// </summary>
    private IEnumerable<(string? Author, DateTimeOffset? At, string Text)> Notes()
    {
        if (decline is { } d)
        {
            yield return (serviceName, d.At, $"{serviceName} declined this referral. The reason it gave: {DeclineReasons.Describe(d.Reason)}.");
            yield return (serviceName, d.At, d.Explanation);
            if (d.AlternativeService is { } other)
                yield return (serviceName, d.At, $"The service named another service that would meet the person's needs better: {other}");
            if (d.IsContraryToGuidance) yield return (null, null, ContraryToGuidance);
            if (status is not (ReferralStatus.Declined or ReferralStatus.Closed)) yield return (null, null, Overturned);
        }
        if (closure is { } outcome) yield return (null, closedAt, $"Closed: {ReferralStatuses.Describe(outcome)}.");
    }

    private static void ReferenceValue(FhirWriter w, string type, Guid id, string display)
    {
        w.Json.WriteStartObject();
        w.Json.WriteString("reference", $"{type}/{id}");
        w.Text("display", display);
        w.Json.WriteEndObject();
    }
}
