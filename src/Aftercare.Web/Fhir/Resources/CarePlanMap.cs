using System.Text.Json;
using Aftercare.Domain.SafetyPlans;
using Npgsql;

namespace Aftercare.Web.Fhir.Resources;

/// <summary>
/// The safety plan as a CarePlan: each entry of each section is an activity, in the plan's order,
/// named by the section's heading and described in the person's own words exactly as they wrote
/// them. A person or service with a phone number (and a service's hours) is a contained
/// RelatedPerson or HealthcareService, so the number is never run into the person's words. The
/// version number and time of the current version are the resource's version and last update.
/// </summary>
public sealed class CarePlanMap : IFhirResourceMap
{
    public string ResourceType => "CarePlan";
    public string AuditEntity => "SafetyPlan";
    public string OwnerSql => "SELECT person_id FROM safety_plans WHERE id = $1";

    public string ReadSql(bool byId) =>
        $"""
        SELECT sp.id, sp.person_id, sp.current_version, sp.current_content, sp.created_at, sp.updated_at
        FROM safety_plans sp
        WHERE sp.person_id = $1 {(byId ? "AND sp.id = $2" : "")}
        """;

    public FhirResource Read(NpgsqlDataReader r) => new CarePlanResource(
        r.GetGuid(0), r.GetGuid(1), r.GetInt32(2),
        JsonSerializer.Deserialize(r.GetString(3), StoredJson.Default.SafetyPlanContent) ?? SafetyPlanContent.Empty,
        r.GetFieldValue<DateTimeOffset>(4), r.GetFieldValue<DateTimeOffset>(5));
}

public sealed class CarePlanResource(Guid id, Guid personId, int version, SafetyPlanContent content, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    : FhirResource("CarePlan", id)
{
    public override void Write(FhirWriter w)
    {
        var json = w.Json;
        Open(w);
        json.WriteStartObject("meta");
        json.WriteString("versionId", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.Instant("lastUpdated", updatedAt);
        json.WriteEndObject();

        var entries = SafetyPlanContent.Sections
            .SelectMany(s => content[s.Key].Select((e, i) => (Section: s, Entry: e, Ref: e.Phone is null && e.Hours is null ? null : $"{ContainedPrefix(s.Key)}-{i + 1}")))
            .ToList();
        if (entries.Any(e => e.Ref is not null))
        {
            json.WriteStartArray("contained");
            foreach (var (section, entry, reference) in entries.Where(e => e.Ref is not null))
                Contained(w, section.Key, entry, reference!);
            json.WriteEndArray();
        }

        json.WriteString("status", "active");
        json.WriteString("intent", "plan");
        w.WordsList("category", "Safety plan");
        json.WriteString("title", "Safety plan");
        json.WriteString("description", "The person's own safety plan, written with them and in their words");
        w.Reference("subject", "Patient", personId);
        w.Instant("created", createdAt);
        if (entries.Count > 0)
        {
            json.WriteStartArray("activity");
            foreach (var (section, entry, reference) in entries)
            {
                json.WriteStartObject();
                json.WriteStartObject("detail");
                w.Words("code", section.Heading);
                // The plan is in use: each step stands until the person changes their plan.
                json.WriteString("status", "in-progress");
                if (reference is not null)
                {
                    json.WriteStartArray("performer");
                    json.WriteStartObject();
                    json.WriteString("reference", "#" + reference);
                    w.Text("display", entry.Text);
                    json.WriteEndObject();
                    json.WriteEndArray();
                }
                w.Text("description", entry.Text);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static string ContainedPrefix(SafetyPlanSection section) => section == SafetyPlanSection.PeopleICanAsk ? "person" : "service";

    /// <summary>Someone the person can ask (a RelatedPerson) or a service (a HealthcareService), with the number and hours they gave.</summary>
    private void Contained(FhirWriter w, SafetyPlanSection section, PlanEntry entry, string reference)
    {
        var json = w.Json;
        json.WriteStartObject();
        if (section == SafetyPlanSection.PeopleICanAsk)
        {
            json.WriteString("resourceType", "RelatedPerson");
            json.WriteString("id", reference);
            w.Reference("patient", "Patient", personId);
            json.WriteStartArray("name");
            json.WriteStartObject();
            w.Text("text", entry.Text);
            json.WriteEndObject();
            json.WriteEndArray();
            Phone(w, entry.Phone);
        }
        else
        {
            json.WriteString("resourceType", "HealthcareService");
            json.WriteString("id", reference);
            w.Text("name", entry.Text);
            Phone(w, entry.Phone);
            w.String("availabilityExceptions", entry.Hours);
        }
        json.WriteEndObject();
    }

    private static void Phone(FhirWriter w, string? phone)
    {
        if (phone is null) return;
        var json = w.Json;
        json.WriteStartArray("telecom");
        json.WriteStartObject();
        json.WriteString("system", "phone");
        w.Text("value", phone);
        json.WriteEndObject();
        json.WriteEndArray();
    }
}
