using Aftercare.Domain.Presentations;
using Aftercare.Web.Features.Persons;
using Npgsql;

namespace Aftercare.Web.Fhir.Resources;

/// <summary>
/// A presentation (one attendance at hospital after self-harm) as an emergency Encounter: when the
/// person arrived, where, and how they harmed themselves in our broad categories, in words. Its
/// status is "unknown": we record the arrival, not when the person left. The person's account and
/// intent in their own words are in the assessment (QuestionnaireResponse) that refers to it.
/// </summary>
public sealed class EncounterMap : IFhirResourceMap
{
    public string ResourceType => "Encounter";
    public string AuditEntity => "Presentation";
    public string OwnerSql => "SELECT person_id FROM presentations WHERE id = $1";

    public string ReadSql(bool byId) =>
        $"""
        SELECT p.id, p.person_id, p.arrived_at, p.method, s.name, s.ods_code
        FROM presentations p
        JOIN sites s ON s.id = p.site_id
        WHERE p.person_id = $1 {(byId ? "AND p.id = $2" : "")}
        ORDER BY p.arrived_at DESC, p.id
        """;

    public FhirResource Read(NpgsqlDataReader r) => new EncounterResource(
        r.GetGuid(0), r.GetGuid(1), r.GetFieldValue<DateTimeOffset>(2), (MethodCategory)r.GetInt32(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5));
}

public sealed class EncounterResource(Guid id, Guid personId, DateTimeOffset arrivedAt, MethodCategory method, string siteName, string? siteOdsCode)
    : FhirResource("Encounter", id)
{
    public override void Write(FhirWriter w)
    {
        var json = w.Json;
        Open(w);
        json.WriteString("status", "unknown");
        json.WriteStartObject("class");
        json.WriteString("system", FhirSystems.ActCode);
        json.WriteString("code", "EMER");
        json.WriteString("display", "emergency");
        json.WriteEndObject();
        w.Reference("subject", "Patient", personId);
        json.WriteStartObject("period");
        w.Instant("start", arrivedAt);
        json.WriteEndObject();
        w.WordsList("reasonCode", Reason(method));
        w.NamedReference("serviceProvider", siteName, siteOdsCode);
        json.WriteEndObject();
    }

    /// <summary>"Self-harm (self-poisoning)": the method in the words the record page uses.</summary>
    public static string Reason(MethodCategory method)
    {
        if (method == MethodCategory.NotKnown) return "Self-harm";
        var described = RecordModel.Describe(method);
        return $"Self-harm ({char.ToLowerInvariant(described[0])}{described[1..]})";
    }
}
