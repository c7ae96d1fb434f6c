using Aftercare.Domain.Common;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.My;

/// <summary>The signed-in patient's own record: the only record any page in this folder can reach.</summary>
public sealed record MyRecord(PersonId Person, string Name, string FullName);

public static class MyPlanAccess
{
    /// <summary>
    /// The patient's own record, taken from their session (never from the address), so no page a
    /// patient can open takes a record id: another person's plan cannot even be asked for.
    /// </summary>
    public static async Task<MyRecord?> Mine(this AftercareDb db, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        var patient = CurrentPatient.From(user);
        if (patient is null) return null;
        return await db.Persons.AsNoTracking().Where(p => p.Id == patient.PersonId)
            .Select(p => new MyRecord(p.Id, p.PreferredName ?? p.GivenName, (p.PreferredName ?? p.GivenName) + " " + p.FamilyName))
            .FirstOrDefaultAsync(ct);
    }
}
