using Aftercare.Domain.Pathways;
using Npgsql;

namespace Aftercare.Web.Fhir.Resources;

/// <summary>
/// The pathway's letters at 3, 6 and 9 months as Communications to the person, with the approved
/// text exactly as approved. Only a letter the practitioner has read and approved is a
/// communication: a draft Aftercare wrote and nobody has yet reviewed is never shared. An approved
/// letter not yet recorded as sent is "preparation"; a sent one is "completed", with when and how.
/// </summary>
public sealed class CommunicationMap : IFhirResourceMap
{
    public string ResourceType => "Communication";
    public string AuditEntity => "Letter";
    public string OwnerSql => "SELECT person_id FROM aftercare_letters WHERE id = $1";

    public string ReadSql(bool byId) =>
        $"""
        SELECT l.id, l.person_id, c.label, l.status, l.body, l.approved_by_name, l.sent_by, l.sent_at
        FROM aftercare_letters l
        JOIN planned_contacts c ON c.id = l.planned_contact_id
        WHERE l.person_id = $1 AND l.status IN ({(int)LetterStatus.Approved}, {(int)LetterStatus.Sent}) {(byId ? "AND l.id = $2" : "")}
        ORDER BY c.due_at, l.id
        """;

    public FhirResource Read(NpgsqlDataReader r) => new CommunicationResource(
        r.GetGuid(0), r.GetGuid(1), r.GetString(2), (LetterStatus)r.GetInt32(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
        r.IsDBNull(6) ? null : (LetterSending)r.GetInt32(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7));
}

public sealed class CommunicationResource(
    Guid id, Guid personId, string label, LetterStatus status, string body, string? approvedBy, LetterSending? sentBy, DateTimeOffset? sentAt)
    : FhirResource("Communication", id)
{
    public override void Write(FhirWriter w)
    {
        var json = w.Json;
        Open(w);
        var sent = status == LetterStatus.Sent;
        json.WriteString("status", sent ? "completed" : "preparation");
        w.WordsList("category", "Aftercare letter");
        if (sent && sentBy is { } how)
        {
            json.WriteStartArray("medium");
            json.WriteStartObject();
            json.WriteString("text", How(how));
            json.WriteEndObject();
            json.WriteEndArray();
        }
        w.Reference("subject", "Patient", personId);
        w.Words("topic", label);
        if (sent) w.Instant("sent", sentAt);
        json.WriteStartArray("recipient");
        json.WriteStartObject();
        json.WriteString("reference", $"Patient/{personId}");
        json.WriteEndObject();
        json.WriteEndArray();
        if (approvedBy is not null)
        {
            json.WriteStartObject("sender");
            w.Text("display", approvedBy);
            json.WriteEndObject();
        }
        json.WriteStartArray("payload");
        json.WriteStartObject();
        w.Text("contentString", body);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string How(LetterSending how) => how switch
    {
        LetterSending.Post => "Post",
        LetterSending.Email => "Email",
        LetterSending.HandedToThePerson => "Handed to the person",
        _ => how.ToString(),
    };
}
