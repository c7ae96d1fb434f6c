using System.Text.Json;
using Aftercare.Domain.Patients;
using Npgsql;

namespace Aftercare.Web.Fhir.Resources;

/// <summary>
/// The person as a Patient, with UK Core's identifiers: the NHS number (only when it is known)
/// under UK Core's system, their names (the name they prefer as the "usual" one), date of birth,
/// sex as recorded, contact details, the people they named, their GP practice, and the team whose
/// care they are in. Left out for now: pronouns and communication needs (R4 has no element for
/// them), ethnic category, and what matters to them and their strengths (docs/decisions/0009).
/// </summary>
public sealed class PatientMap : IFhirResourceMap
{
    public string ResourceType => "Patient";
    public string AuditEntity => "Person";
    public string OwnerSql => "SELECT id FROM persons WHERE id = $1";

    private const string Select =
        """
        SELECT p.id, p.nhs_number, p.given_name, p.family_name, p.preferred_name, p.date_of_birth, p.sex, p.gender_identity,
               p.postcode, p.gp_practice, p.phone, p.email, p.contacts, t.name, s.name, s.ods_code
        FROM persons p
        JOIN teams t ON t.id = p.care_team_id
        JOIN sites s ON s.id = t.site_id
        WHERE p.id = $1
        """;

    public string ReadSql(bool byId) => byId ? Select + " AND p.id = $2" : Select;

    public FhirResource Read(NpgsqlDataReader r) => new PatientResource(
        r.GetGuid(0), Text(r, 1), r.GetString(2), r.GetString(3), Text(r, 4), r.GetFieldValue<DateOnly>(5), (Sex)r.GetInt32(6), Text(r, 7),
        Text(r, 8), Text(r, 9), Text(r, 10), Text(r, 11),
        JsonSerializer.Deserialize(r.GetString(12), StoredJson.Default.ListPersonContact) ?? [],
        r.GetString(13), r.GetString(14), Text(r, 15));

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary>
    /// Sex as recorded (NHS "person stated sex") in FHIR's administrative gender. "Not specified"
    /// and "not known" both stay "unknown": the form does not say whether "not specified" means
    /// indeterminate or not said, and "other" would claim something that was not recorded.
    /// </summary>
    public static string Gender(Sex sex) => sex switch
    {
        Sex.Female => "female",
        Sex.Male => "male",
        _ => "unknown",
    };
}

public sealed class PatientResource(
    Guid id, string? nhsNumber, string givenName, string familyName, string? preferredName, DateOnly dateOfBirth, Sex sex, string? genderIdentity,
    string? postcode, string? gpPractice, string? phone, string? email, List<PersonContact> contacts,
    string teamName, string siteName, string? siteOdsCode) : FhirResource("Patient", id)
{
    public override void Write(FhirWriter w)
    {
        var json = w.Json;
        Open(w);
        if (genderIdentity is not null)
        {
            // The person's gender in their own words, beside the sex recorded for administration.
            json.WriteStartArray("extension");
            json.WriteStartObject();
            json.WriteString("url", "http://hl7.org/fhir/StructureDefinition/patient-genderIdentity");
            w.Words("valueCodeableConcept", genderIdentity);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        if (nhsNumber is not null)
        {
            json.WriteStartArray("identifier");
            json.WriteStartObject();
            json.WriteString("system", FhirSystems.NhsNumber);
            json.WriteString("value", nhsNumber);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteStartArray("name");
        Name(w, "official", givenName, familyName);
        if (preferredName is not null) Name(w, "usual", preferredName, familyName);
        json.WriteEndArray();
        if (phone is not null || email is not null)
        {
            json.WriteStartArray("telecom");
            if (phone is not null) Telecom(w, "phone", phone);
            if (email is not null) Telecom(w, "email", email);
            json.WriteEndArray();
        }
        json.WriteString("gender", PatientMap.Gender(sex));
        w.Date("birthDate", dateOfBirth);
        if (postcode is not null)
        {
            // The postcode alone: the only part of the address we keep.
            json.WriteStartArray("address");
            json.WriteStartObject();
            w.Text("postalCode", postcode);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        if (contacts.Count > 0)
        {
            json.WriteStartArray("contact");
            foreach (var c in contacts)
            {
                json.WriteStartObject();
                if (c.Relationship is not null) w.WordsList("relationship", c.Relationship);
                json.WriteStartObject("name");
                w.Text("text", c.Name);
                json.WriteEndObject();
                if (c.Phone is not null)
                {
                    json.WriteStartArray("telecom");
                    Telecom(w, "phone", c.Phone);
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        if (gpPractice is not null)
        {
            json.WriteStartArray("generalPractitioner");
            json.WriteStartObject();
            w.Text("display", gpPractice);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        w.NamedReference("managingOrganization", $"{teamName}, {siteName}", siteOdsCode);
        json.WriteEndObject();
    }

    private static void Name(FhirWriter w, string use, string given, string family)
    {
        var json = w.Json;
        json.WriteStartObject();
        json.WriteString("use", use);
        w.Text("family", family);
        json.WriteStartArray("given");
        w.TextValue(given);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Telecom(FhirWriter w, string system, string value)
    {
        var json = w.Json;
        json.WriteStartObject();
        json.WriteString("system", system);
        w.Text("value", value);
        json.WriteEndObject();
    }
}
