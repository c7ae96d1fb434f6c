using Aftercare.Domain.Common;
using Aftercare.Domain.SafetyPlans;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aftercare.Web.Features.SafetyPlans;

/// <summary>The plan as a page shows it.</summary>
public sealed record PlanSnapshot(SafetyPlanId Id, int Version, SafetyPlanContent Content, Author UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>One line of the history.</summary>
public sealed record PlanVersionRow(int Number, Author SavedBy, DateTimeOffset SavedAt);

public abstract record PlanSaveResult
{
    public sealed record Saved(int Version) : PlanSaveResult;
    /// <summary>The content was the same as the current version: there are no empty versions.</summary>
    public sealed record Unchanged : PlanSaveResult;
    /// <summary>
    /// Someone saved after the writer started. Nothing was saved; <see cref="Merge"/> holds both
    /// people's changes for the writer to check and save against <see cref="Current"/>.
    /// </summary>
    public sealed record Conflict(PlanSnapshot Current, SafetyPlanContent Base, SafetyPlanMergeResult Merge) : PlanSaveResult;
}

/// <summary>
/// Reading and saving safety plans, for staff and for the patient alike. Callers decide access
/// first (CareAccess for staff, the patient's own record for a patient); this class audits every
/// read and change it makes, and turns a save that lost a race into a merge, never an overwrite.
/// </summary>
public sealed class SafetyPlanStore(AftercareDb db, AuditTrail audit, TimeProvider clock)
{
    public const string AuditEntity = "SafetyPlan";

    private static readonly Func<AftercareDb, PersonId, CancellationToken, Task<SafetyPlan?>> PlanOf =
        EF.CompileAsyncQuery((AftercareDb db, PersonId person, CancellationToken ct) =>
            db.SafetyPlans.AsNoTracking().FirstOrDefault(p => p.PersonId == person));

    /// <summary>
    /// The current plan, or null if none has been written. The read is audited, as a read of the
    /// plan when there is one and of the person's record (whose name the page shows) when not.
    /// </summary>
    public async Task<PlanSnapshot?> Read(PersonId person, CancellationToken ct, string? reason = null)
    {
        var plan = await PlanOf(db, person, ct);
        if (plan is null)
        {
            await audit.WriteReadAsync("Person", person.ToString(), person.Value, reason, ct);
            return null;
        }
        await audit.WriteReadAsync(AuditEntity, plan.Id.ToString(), person.Value, reason, ct);
        return Snapshot(plan);
    }

    /// <summary>Every version, newest first: who saved each and when (no content). The caller has audited reading the plan.</summary>
    public async Task<IReadOnlyList<PlanVersionRow>> History(PlanSnapshot plan, CancellationToken ct) =>
        await db.SafetyPlanVersions.AsNoTracking().Where(v => v.SafetyPlanId == plan.Id)
            .OrderByDescending(v => v.Number)
            .Select(v => new PlanVersionRow(v.Number, v.SavedBy, v.SavedAt))
            .ToListAsync(ct);

    /// <summary>
    /// Saves <paramref name="content"/> as a new version if the plan is still at
    /// <paramref name="basedOnVersion"/> (0 when the writer started from no plan), whose content
    /// was <paramref name="startedFrom"/>. Throws <see cref="ClinicalRuleException"/> for content
    /// that cannot be kept (the field says where).
    /// </summary>
    public async Task<PlanSaveResult> Save(PersonId person, int basedOnVersion, SafetyPlanContent startedFrom, SafetyPlanContent content, Author by, CancellationToken ct)
    {
        content = content.Validated();
        var plan = await db.SafetyPlans.FirstOrDefaultAsync(p => p.PersonId == person, ct);
        SafetyPlanVersion? version;
        try
        {
            if (plan is null)
            {
                // Nothing is there to overwrite, whatever version the form claims to start from.
                (plan, version) = SafetyPlan.Create(person, content, by, clock.GetUtcNow());
                db.SafetyPlans.Add(plan);
            }
            else if (basedOnVersion == 0)
            {
                // Two people started the first plan at once: the second merges with the first.
                return ConflictWith(plan, SafetyPlanContent.Empty, content);
            }
            else
            {
                version = plan.Revise(basedOnVersion, content, by, clock.GetUtcNow());
                if (version is null) return new PlanSaveResult.Unchanged();
            }
        }
        catch (SafetyPlanConflictException)
        {
            return ConflictWith(plan!, startedFrom, content);
        }

        db.SafetyPlanVersions.Add(version);
        audit.Add(version.Number == 1 ? AuditActions.Create : AuditActions.Update, AuditEntity, plan.Id.ToString(), person.Value,
            $"Version {version.Number}: " + (Summary(startedFrom, content) ?? "no change"));
        try
        {
            await db.SaveChangesAsync(ct);
            return new PlanSaveResult.Saved(version.Number);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || e is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } })
        {
            // Another save landed between our read and our write (the row version or the unique
            // version number caught it): start again from what is there now, as a merge.
            db.ChangeTracker.Clear();
            var current = await db.SafetyPlans.AsNoTracking().FirstAsync(p => p.PersonId == person, ct);
            return ConflictWith(current, startedFrom, content);
        }
    }

    private static PlanSaveResult.Conflict ConflictWith(SafetyPlan current, SafetyPlanContent @base, SafetyPlanContent mine)
    {
        var merge = SafetyPlanMerge.ThreeWay(@base, mine, current.CurrentContent);
        return new PlanSaveResult.Conflict(Snapshot(current), @base, merge);
    }

    /// <summary>The content of a person's plan at version <paramref name="number"/>; version 0 (or no such version) is the empty plan.</summary>
    public async Task<SafetyPlanContent> ContentAt(PersonId person, int number, CancellationToken ct) =>
        number <= 0 ? SafetyPlanContent.Empty :
        await db.SafetyPlanVersions.AsNoTracking()
            .Where(v => v.Number == number && db.SafetyPlans.Any(p => p.Id == v.SafetyPlanId && p.PersonId == person))
            .Select(v => v.Content).FirstOrDefaultAsync(ct) ?? SafetyPlanContent.Empty;

    private static string? Summary(SafetyPlanContent older, SafetyPlanContent newer)
    {
        var lines = SafetyPlanDiff.Between(older, newer).Summary;
        return lines.Count == 0 ? null : string.Join("; ", lines);
    }

    private static PlanSnapshot Snapshot(SafetyPlan plan) => new(plan.Id, plan.CurrentVersion, plan.CurrentContent, plan.UpdatedBy, plan.UpdatedAt);
}
