using Aftercare.Domain.SafetyPlans;
using Aftercare.Web.Data;
using Aftercare.Web.Features.SafetyPlans;

namespace Aftercare.Web.Features.My;

/// <summary>The patient changes their own plan: the same editor as their practitioner's, saved as them.</summary>
public sealed class EditPlanModel(AftercareDb db, SafetyPlanStore store) : PlanEditorPage(store)
{
    protected override string PlanAddress => "/my/plan";

    protected override async Task<PlanEditor?> Editor(CancellationToken ct)
    {
        var me = await db.Mine(User, ct);
        return me is null ? null : new PlanEditor(me.Person, me.FullName, Author.ForPatient(me.Person, me.FullName));
    }
}
