using System.Security.Claims;
using Aftercare.Domain.Common;
using Aftercare.Web.Security;
using Npgsql;

namespace Aftercare.Web.Fhir;

/// <summary>A resource the API is about to show, with the map it came from (which names it for the audit trail).</summary>
public sealed record Shown(IFhirResourceMap Map, FhirResource Resource);

/// <summary>
/// Reads FHIR resources of a person's record for the signed-in reader. Whether the reader may see
/// the person is decided by CareAccess, the same choke point and the same rules as the pages
/// (care team, break-glass, nobody else); a person outside reach is answered exactly as one who
/// does not exist. Everything shown is audited, one row per record shown, as the pages audit
/// them ("Presentation", "Assessment", "SafetyPlan", ...), in one statement.
/// A person's resources are read in one round trip: one statement per map, in one batch.
/// </summary>
public sealed class FhirRecords(NpgsqlDataSource dataSource, CareAccess access, AuditTrail audit, FhirMaps maps)
{
    public const string AuditReason = "Read through the FHIR API";

    /// <summary>One resource by its id; null when there is none or the reader may not see whose it is.</summary>
    public async Task<FhirResource?> ReadById(IFhirResourceMap map, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var owner = dataSource.CreateCommand(map.OwnerSql);
        owner.Parameters.Add(new() { Value = id });
        if (await owner.ExecuteScalarAsync(ct) is not Guid personId) return null;
        var person = await access.PersonForAuditedPart(new PersonId(personId), user, ct);
        if (person is null) return null;
        var shown = await Read(person, [map], id, ct);
        await Audit(person, shown, null, ct);
        return shown.FirstOrDefault()?.Resource;
    }

    /// <summary>
    /// Every resource of the given types of one person; null when the reader may not see the
    /// person (or there is no such person), which the caller answers as it answers nobody.
    /// </summary>
    public async Task<List<Shown>?> ForPatient(IReadOnlyList<IFhirResourceMap> which, Guid personId, ClaimsPrincipal user, string search, CancellationToken ct)
    {
        var person = await access.PersonForAuditedPart(new PersonId(personId), user, ct);
        if (person is null) return null;
        var shown = await Read(person, which, null, ct);
        await Audit(person, shown, search, ct);
        return shown;
    }

    /// <summary>
    /// The patients with this NHS number whom the reader may see. A person held by another team
    /// is found only under break-glass, as on the pages; otherwise they are simply not found.
    /// </summary>
    public async Task<List<Shown>> PatientsByNhsNumber(string nhsNumber, ClaimsPrincipal user, CancellationToken ct)
    {
        var patient = maps.Find("Patient")!;
        var ids = new List<Guid>();
        await using (var find = dataSource.CreateCommand("SELECT id FROM persons WHERE nhs_number = $1 ORDER BY id LIMIT 10"))
        {
            find.Parameters.Add(new() { Value = nhsNumber });
            await using var reader = await find.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        }
        var all = new List<Shown>();
        var reads = new List<AuditedRead>();
        foreach (var id in ids)
        {
            var person = await access.PersonForAuditedPart(new PersonId(id), user, ct);
            if (person is null) continue;
            var shown = await Read(person, [patient], null, ct);
            all.AddRange(shown);
            reads.AddRange(shown.Select(s => new AuditedRead(AuditActions.View, s.Map.AuditEntity, s.Resource.Id.ToString(), id, Reason(person))));
        }
        if (reads.Count == 0) reads.Add(new AuditedRead(AuditActions.Search, "Person", null, null, $"{AuditReason}: Patient by NHS number, none shown"));
        await audit.WriteReadsAsync(reads, ct);
        return all;
    }

    private async Task<List<Shown>> Read(PersonAccess person, IReadOnlyList<IFhirResourceMap> which, Guid? id, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var map in which)
        {
            var read = new NpgsqlBatchCommand(map.ReadSql(byId: id is not null));
            read.Parameters.Add(new() { Value = person.Person.Id.Value });
            if (id is { } one) read.Parameters.Add(new() { Value = one });
            batch.BatchCommands.Add(read);
        }
        var shown = new List<Shown>();
        await using var reader = await batch.ExecuteReaderAsync(ct);
        foreach (var map in which)
        {
            while (await reader.ReadAsync(ct)) shown.Add(new Shown(map, map.Read(reader)));
            await reader.NextResultAsync(ct);
        }
        return shown;
    }

    /// <summary>
    /// One row per record shown; a search that showed nothing of a person in reach is recorded too,
    /// as a search of their record.
    /// </summary>
    private Task Audit(PersonAccess person, List<Shown> shown, string? search, CancellationToken ct)
    {
        var reason = Reason(person);
        var personId = person.Person.Id.Value;
        List<AuditedRead> reads = [.. shown.Select(s => new AuditedRead(AuditActions.View, s.Map.AuditEntity, s.Resource.Id.ToString(), personId, reason))];
        if (reads.Count == 0 && search is not null)
            reads.Add(new AuditedRead(AuditActions.Search, "Person", person.Person.Id.ToString(), personId, $"{reason}: {search}, none shown"));
        return audit.WriteReadsAsync(reads, ct);
    }

    private static string Reason(PersonAccess person) =>
        CareAccess.BreakGlassNote(person) is { } glass ? $"{AuditReason}; {glass}" : AuditReason;
}
