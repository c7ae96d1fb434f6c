using Aftercare.Domain.Pathways;
using Npgsql;

namespace Aftercare.Web.Fhir.Resources;

/// <summary>
/// The pathway's planned contacts with the person (the 48-hour check-in call and the sessions) as
/// Appointments; the letters are Communications instead. A contact still to happen is "proposed",
/// with its window (from when it opens to when it is due) as the requested period, overdue or
/// not; one that took place is "fulfilled", at the time it happened; one closed without taking
/// place is "cancelled", with the reason given. The practitioner is the one named for it, or the
/// one who recorded it once done.
/// </summary>
public sealed class AppointmentMap : IFhirResourceMap
{
    public string ResourceType => "Appointment";
    public string AuditEntity => "PlannedContact";
    public string OwnerSql => $"SELECT person_id FROM planned_contacts WHERE id = $1 AND kind <> {(int)ContactKind.Letter}";

    public string ReadSql(bool byId) =>
        $"""
        SELECT c.id, c.person_id, c.label, c.kind, c.status, c.opens_at, c.due_at, coalesce(s.occurred_at, c.done_at), c.closed_reason,
               (SELECT u.display_name FROM user_accounts u WHERE u.id = coalesce(c.done_by, c.practitioner_id))
        FROM planned_contacts c
        LEFT JOIN care_sessions s ON s.id = c.session_id
        WHERE c.person_id = $1 AND c.kind <> {(int)ContactKind.Letter} {(byId ? "AND c.id = $2" : "")}
        ORDER BY c.due_at, c.sequence, c.id
        """;

    public FhirResource Read(NpgsqlDataReader r) => new AppointmentResource(
        r.GetGuid(0), r.GetGuid(1), r.GetString(2), (ContactKind)r.GetInt32(3), (ContactStatus)r.GetInt32(4),
        r.GetFieldValue<DateTimeOffset>(5), r.GetFieldValue<DateTimeOffset>(6),
        r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9));
}

public sealed class AppointmentResource(
    Guid id, Guid personId, string label, ContactKind kind, ContactStatus status, DateTimeOffset opensAt, DateTimeOffset dueAt,
    DateTimeOffset? tookPlaceAt, string? closedReason, string? practitioner) : FhirResource("Appointment", id)
{
    public override void Write(FhirWriter w)
    {
        var json = w.Json;
        Open(w);
        var done = status == ContactStatus.Done && tookPlaceAt is not null;
        json.WriteString("status", done ? "fulfilled" : status == ContactStatus.Closed ? "cancelled" : "proposed");
        if (status == ContactStatus.Closed && closedReason is not null) w.Words("cancelationReason", closedReason);
        w.Words("appointmentType", kind == ContactKind.FollowUp ? "Follow-up within 48 hours of the assessment" : "Brief intervention session");
        w.Text("description", label);
        if (done)
        {
            // When it took place; we keep the moment, not how long it lasted.
            w.Instant("start", tookPlaceAt);
            w.Instant("end", tookPlaceAt);
        }
        json.WriteStartArray("participant");
        json.WriteStartObject();
        w.Reference("actor", "Patient", personId);
        json.WriteString("status", done ? "accepted" : "needs-action");
        json.WriteEndObject();
        if (practitioner is not null)
        {
            json.WriteStartObject();
            json.WriteStartObject("actor");
            w.Text("display", practitioner);
            json.WriteEndObject();
            json.WriteString("status", "accepted");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("requestedPeriod");
        json.WriteStartObject();
        w.Instant("start", opensAt);
        w.Instant("end", dueAt);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
