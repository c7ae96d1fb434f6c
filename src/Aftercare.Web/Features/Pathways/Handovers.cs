using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Web.Security;

namespace Aftercare.Web.Features.Pathways;

/// <summary>
/// A change of named practitioner, for one person or a whole caseload, worded the same in the
/// audit trail either way: who from, who to, how many open contacts went with it, and why.
/// </summary>
public static class Handovers
{
    /// <summary>Hands a tracked pathway over with every open contact and audits it in the same unit of work; answers how many open contacts moved.</summary>
    public static int HandOver(Pathway pathway, StaffId to, string toName, string fromName, string reason, CurrentStaff by, DateTimeOffset now, AuditTrail audit)
    {
        var open = pathway.OpenContacts.Count();
        pathway.HandOver(to, reason, by.Id, now);
        audit.Add(AuditActions.HandOver, "Pathway", pathway.Id.ToString(), pathway.PersonId.Value,
            $"Named practitioner changed from {fromName} to {toName}, with {Contacts(open)}: {reason}");
        return open;
    }

    public static string Contacts(int n) => $"{n} open {(n == 1 ? "contact" : "contacts")}";

    public static string People(int n) => $"{n} {(n == 1 ? "person" : "people")}";
}
