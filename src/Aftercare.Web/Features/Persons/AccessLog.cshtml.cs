using Aftercare.Domain.Common;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Persons;

/// <summary>A supervisor sees who has looked at or changed a record of their team, and why.</summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class AccessLogModel(AftercareDb db, CareAccess access) : PageModel
{
    public const int PageSize = 50;
    public string PersonName { get; private set; } = "";
    public Guid PersonId { get; private set; }
    public List<AuditEvent> Events { get; private set; } = [];
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public bool HasMore { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await access.ReadPerson(new PersonId(id), User, ct);
        if (found is null) return NotFound();
        PersonName = found.Person.DisplayName;
        PersonId = id;
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        Events = await db.AuditEvents.AsNoTracking()
            .Where(a => a.PersonId == id)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .ToListAsync(ct);
        HasMore = Events.Count > PageSize;
        Events = Events.Take(PageSize).ToList();
        return Page();
    }
}
