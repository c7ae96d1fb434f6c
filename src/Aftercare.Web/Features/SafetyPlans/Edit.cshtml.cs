using Aftercare.Domain.Common;
using Aftercare.Domain.SafetyPlans;
using Aftercare.Web.Security;

namespace Aftercare.Web.Features.SafetyPlans;

/// <summary>The practitioner writes the plan with the person, in their words.</summary>
public sealed class EditModel(CareAccess access, SafetyPlanStore store) : PlanEditorPage(store)
{
    public Guid PersonId => Guid.TryParse(RouteData.Values["id"]?.ToString(), out var id) ? id : Guid.Empty;

    protected override string PlanAddress => $"/persons/{PersonId}/safety-plan";

    protected override async Task<PlanEditor?> Editor(CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(PersonId), User, ct);
        return found is null ? null : new PlanEditor(found.Person.Id, found.Person.DisplayName, Author.ForStaff(found.Reader.Id, found.Reader.Name));
    }
}
