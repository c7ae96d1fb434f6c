using System.Text.Json;
using Aftercare.Domain.Assessments;
using Npgsql;

namespace Aftercare.Web.Fhir.Resources;

/// <summary>
/// A psychosocial assessment as a QuestionnaireResponse to <see cref="AssessmentQuestionnaire"/>:
/// each written section exactly as saved, in the form's order, and each addendum with who added
/// it and when. A draft is "in-progress", a signed-off assessment "completed", and one with
/// addenda "amended". The author is whoever signed it off (a draft's, whoever last saved it).
/// </summary>
public sealed class QuestionnaireResponseMap : IFhirResourceMap
{
    public string ResourceType => "QuestionnaireResponse";
    public string AuditEntity => "Assessment";
    public string OwnerSql => "SELECT person_id FROM assessments WHERE id = $1";

    public string ReadSql(bool byId) =>
        $"""
        SELECT a.id, a.person_id, a.presentation_id, a.status, a.sections, coalesce(a.signed_off_at, a.last_saved_at),
               (SELECT u.display_name FROM user_accounts u WHERE u.id = coalesce(a.signed_off_by, a.last_saved_by)),
               d.texts, d.names, d.times
        FROM assessments a
        LEFT JOIN LATERAL (
            SELECT array_agg(x.text ORDER BY x.added_at, x.id) AS texts,
                   array_agg(x.added_by_name ORDER BY x.added_at, x.id) AS names,
                   array_agg(x.added_at ORDER BY x.added_at, x.id) AS times
            FROM assessment_addenda x WHERE x.assessment_id = a.id) d ON true
        WHERE a.person_id = $1 {(byId ? "AND a.id = $2" : "")}
        ORDER BY coalesce(a.signed_off_at, a.last_saved_at) DESC, a.id
        """;

    public FhirResource Read(NpgsqlDataReader r)
    {
        var addenda = new List<(string Text, string By, DateTimeOffset At)>();
        if (!r.IsDBNull(7))
        {
            var texts = r.GetFieldValue<string[]>(7);
            var names = r.GetFieldValue<string[]>(8);
            var times = r.GetFieldValue<DateTime[]>(9);
            for (var i = 0; i < texts.Length; i++) addenda.Add((texts[i], names[i], new DateTimeOffset(times[i], TimeSpan.Zero)));
        }
        return new QuestionnaireResponseResource(
            r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), (AssessmentStatus)r.GetInt32(3),
            JsonSerializer.Deserialize(r.GetString(4), StoredJson.Default.AssessmentSections) ?? AssessmentSections.Empty,
            r.GetFieldValue<DateTimeOffset>(5), r.IsDBNull(6) ? null : r.GetString(6), addenda);
    }
}

public sealed class QuestionnaireResponseResource(
    Guid id, Guid personId, Guid presentationId, AssessmentStatus status, AssessmentSections sections, DateTimeOffset authored, string? author,
    List<(string Text, string By, DateTimeOffset At)> addenda) : FhirResource("QuestionnaireResponse", id)
{
    public override void Write(FhirWriter w)
    {
        var json = w.Json;
        Open(w);
        json.WriteString("questionnaire", AssessmentQuestionnaire.Url(w));
        json.WriteString("status", status != AssessmentStatus.SignedOff ? "in-progress" : addenda.Count > 0 ? "amended" : "completed");
        w.Reference("subject", "Patient", personId);
        w.Reference("encounter", "Encounter", presentationId);
        w.Instant("authored", authored);
        if (author is not null)
        {
            json.WriteStartObject("author");
            w.Text("display", author);
            json.WriteEndObject();
        }
        var answered = AssessmentSections.InOrder.Where(s => sections.Get(s.Name) is not null).ToList();
        if (answered.Count > 0 || addenda.Count > 0)
        {
            json.WriteStartArray("item");
            foreach (var section in answered)
            {
                json.WriteStartObject();
                json.WriteString("linkId", section.Name);
                json.WriteString("text", section.Heading);
                json.WriteStartArray("answer");
                json.WriteStartObject();
                w.Text("valueString", sections.Get(section.Name)!);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }
            foreach (var (text, by, at) in addenda)
            {
                json.WriteStartObject();
                json.WriteString("linkId", AssessmentQuestionnaire.AddendumGroup);
                json.WriteStartArray("item");
                Answer(w, AssessmentQuestionnaire.AddendumText, "valueString", text);
                Answer(w, AssessmentQuestionnaire.AddendumAddedBy, "valueString", by);
                json.WriteStartObject();
                json.WriteString("linkId", AssessmentQuestionnaire.AddendumAddedAt);
                json.WriteStartArray("answer");
                json.WriteStartObject();
                w.Instant("valueDateTime", at);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void Answer(FhirWriter w, string linkId, string type, string value)
    {
        var json = w.Json;
        json.WriteStartObject();
        json.WriteString("linkId", linkId);
        json.WriteStartArray("answer");
        json.WriteStartObject();
        w.Text(type, value);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
