using Aftercare.Domain.Directory;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aftercare.Web.Features.Directory;

/// <summary>What loading a file did to the directory.</summary>
public sealed record ImportOutcome(int Added, int Updated, int Unchanged, int Retired, int Reinstated)
{
    public string Describe() =>
        $"{Count(Added, "service")} added, {Count(Updated, "service")} changed, {Count(Unchanged, "service")} unchanged" +
        (Retired > 0 ? $", {Count(Retired, "service")} retired" : "") + (Reinstated > 0 ? $", {Count(Reinstated, "service")} back in use" : "");

    private static string Count(int n, string what) => $"{n} {what}{(n == 1 ? "" : "s")}";
}

/// <summary>The directory changed while a file was being loaded; nothing from the file was kept.</summary>
public sealed class DirectoryChangedException() : Exception("The directory changed while the file was being loaded");

/// <summary>
/// Loads services read from an Open Referral file. A service the directory already holds (the
/// same Open Referral id) is updated, never added twice; services the file does not mention are
/// left as they are. Everything is saved in one transaction with its audit events: the whole
/// file, or nothing.
/// </summary>
public sealed class DirectoryImporter(AftercareDb db, AuditTrail audit, TimeProvider clock)
{
    public async Task<ImportOutcome> Load(IReadOnlyList<ImportedService> services, CurrentStaff by, string source, CancellationToken ct)
    {
        var ids = services.Select(s => s.OpenReferralId).ToList();
        var existing = await db.Services.Where(s => ids.Contains(s.OpenReferralId)).ToDictionaryAsync(s => s.OpenReferralId, ct);
        var now = clock.GetUtcNow();
        var reason = $"Imported from {source}";
        int added = 0, updated = 0, unchanged = 0, retired = 0, reinstated = 0;
        foreach (var imported in services)
        {
            if (!existing.TryGetValue(imported.OpenReferralId, out var service))
            {
                service = AftercareService.Add(imported.Details, imported.OpenReferralId, by.Id, by.Name, now);
                db.Services.Add(service);
                audit.Add(AuditActions.Create, DirectoryAudit.Entity, service.Id.ToString(), reason: reason);
                added++;
                if (!imported.IsActive)
                {
                    service.Retire(by.Id, by.Name, now);
                    audit.Add(AuditActions.Retire, DirectoryAudit.Entity, service.Id.ToString(), reason: reason);
                }
                continue;
            }
            var changed = service.Revise(imported.Details, by.Id, by.Name, now);
            if (changed) audit.Add(AuditActions.Update, DirectoryAudit.Entity, service.Id.ToString(), reason: reason);
            if (service.IsActive && !imported.IsActive)
            {
                service.Retire(by.Id, by.Name, now);
                audit.Add(AuditActions.Retire, DirectoryAudit.Entity, service.Id.ToString(), reason: reason);
                retired++;
                changed = true;
            }
            else if (!service.IsActive && imported.IsActive)
            {
                service.Reinstate(by.Id, by.Name, now);
                audit.Add(AuditActions.Reinstate, DirectoryAudit.Entity, service.Id.ToString(), reason: reason);
                reinstated++;
                changed = true;
            }
            if (changed) updated++; else unchanged++;
        }
        var outcome = new ImportOutcome(added, updated, unchanged, retired, reinstated);
        audit.Add(AuditActions.Import, DirectoryAudit.Entity, null, reason: $"{reason}: {services.Count} services in the file; {outcome.Describe()}");
        try
        {
            // One SaveChanges is one transaction: every service of the file and its audit rows, or none.
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || e is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } })
        {
            db.ChangeTracker.Clear();
            throw new DirectoryChangedException();
        }
        return outcome;
    }
}
