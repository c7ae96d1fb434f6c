using Npgsql;

namespace Aftercare.Web.Fhir;

/// <summary>
/// One FHIR resource type of a person's record, mapped from our own model (we do not store FHIR).
/// A map says where its records are (SQL over our tables: a projection of the columns it writes,
/// read with the others in one round trip) and how a row is written as FHIR. Every map is served
/// the same way: read by id, search by patient, and as part of Patient/$everything; access and
/// audit are decided outside the map, by <see cref="FhirRecords"/> through CareAccess.
/// A new type is one more map and one line in <see cref="FhirSetup"/>, as referrals (ServiceRequest) were.
/// </summary>
public interface IFhirResourceMap
{
    /// <summary>The FHIR resource type, e.g. "Encounter".</summary>
    string ResourceType { get; }

    /// <summary>What the audit trail calls the record this is made from, as the pages do ("Presentation").</summary>
    string AuditEntity { get; }

    /// <summary>For a read by id: the person whose record holds the id ($1). One uuid column; no row when there is none.</summary>
    string OwnerSql { get; }

    /// <summary>
    /// The statement that reads this type for one person ($1), in the order a bundle lists them;
    /// when <paramref name="byId"/>, only the one whose id is $2.
    /// </summary>
    string ReadSql(bool byId);

    /// <summary>One row of <see cref="ReadSql"/>, ready to be written.</summary>
    FhirResource Read(NpgsqlDataReader row);
}

/// <summary>A resource read from our model, which writes itself as FHIR JSON.</summary>
public abstract class FhirResource(string type, Guid id)
{
    public string Type => type;
    public Guid Id => id;

    public abstract void Write(FhirWriter w);

    /// <summary>The opening every resource shares: its type and id.</summary>
    protected void Open(FhirWriter w)
    {
        w.Json.WriteStartObject();
        w.Json.WriteString("resourceType", type);
        w.Json.WriteString("id", id.ToString());
    }
}

/// <summary>The maps this API serves, in the order Patient/$everything lists them (Patient first).</summary>
public sealed class FhirMaps(IEnumerable<IFhirResourceMap> maps)
{
    public IReadOnlyList<IFhirResourceMap> All { get; } = maps.ToList();

    /// <summary>The map of a type by its exact name (FHIR types are case-sensitive), or null.</summary>
    public IFhirResourceMap? Find(string type) => All.FirstOrDefault(m => m.ResourceType == type);
}
