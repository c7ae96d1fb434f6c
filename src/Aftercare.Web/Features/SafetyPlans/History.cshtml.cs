using Aftercare.Domain.Common;
using Aftercare.Domain.SafetyPlans;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aftercare.Web.Features.SafetyPlans;

/// <summary>Every version of the plan, who saved it and when, and what changed between any two.</summary>
public sealed class HistoryModel(CareAccess access, SafetyPlanStore store) : PageModel
{
    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public PlanHistory History { get; private set; } = PlanHistory.None;

    public async Task<IActionResult> OnGetAsync(Guid id, int? from, int? to, CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(id), User, ct);
        if (found is null) return NotFound();
        PersonId = id;
        PersonName = found.Person.DisplayName;
        History = await PlanHistory.Load(store, found.Person.Id, from, to, $"/persons/{id}/safety-plan/history", ct, CareAccess.BreakGlassNote(found));
        return Page();
    }
}

/// <summary>The history and the comparison of two versions, for the practitioner's and the patient's pages alike.</summary>
public sealed record PlanHistory(IReadOnlyList<PlanVersionRow> Versions, int From, int To, SafetyPlanDiff? Diff, string Address)
{
    public static readonly PlanHistory None = new([], 0, 0, null, "");

    public static async Task<PlanHistory> Load(SafetyPlanStore store, PersonId person, int? from, int? to, string address, CancellationToken ct, string? note = null)
    {
        var plan = await store.Read(person, ct, note is null ? "History" : "History; " + note);
        if (plan is null) return None with { Address = address };
        var versions = await store.History(plan, ct);
        // By default: the latest version against the one before it.
        var newer = Math.Clamp(to ?? plan.Version, 1, plan.Version);
        var older = Math.Clamp(from ?? newer - 1, 0, plan.Version);
        var diff = SafetyPlanDiff.Between(await store.ContentAt(person, older, ct), await store.ContentAt(person, newer, ct));
        return new PlanHistory(versions, older, newer, diff, address);
    }
}
