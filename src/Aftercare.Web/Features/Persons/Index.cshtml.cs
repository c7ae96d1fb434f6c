using Aftercare.Domain.Patients;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Shared;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Persons;

/// <summary>
/// Find a person: by NHS number, or by name and (optionally) date of birth, among the people in
/// the team's care. An exact NHS number, or an exact name with date of birth, also finds someone
/// held by another team, so a repeat presentation is linked to the one person rather than
/// registered again; that record opens only through break-glass.
/// </summary>
public sealed class IndexModel(AftercareDb db, CareAccess access, AuditTrail audit) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public string? Nhs { get; set; }
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public DateParts Dob { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<PersonSummary> Results { get; private set; } = [];
    public List<PersonSummary> ElsewhereResults { get; private set; } = [];
    public bool Searched { get; private set; }
    public bool HasMore { get; private set; }
    public bool MayBreakGlass { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var staff = CurrentStaff.From(User)!;
        MayBreakGlass = Domain.Access.CareAccessRule.MayBreakGlass(staff.Role);
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        var inReach = access.PersonsInReach(staff);
        var everywhere = db.Persons.AsNoTracking();

        DateOnly? dob = null;
        if (!Dob.IsEmpty)
        {
            if (Dob.TryGetDate(ModelState, nameof(Dob), "Date of birth", out var d)) dob = d;
            else return Page();
        }
        string? nhs = null;
        if (!string.IsNullOrWhiteSpace(Nhs))
        {
            if (!NhsNumber.TryParse(Nhs, out var parsed))
            {
                ModelState.AddModelError(nameof(Nhs), "Enter a 10-digit NHS number, like 943 476 5919");
                return Page();
            }
            nhs = parsed.Digits;
        }
        var name = Name?.Trim();
        if (name is { Length: > 100 }) { ModelState.AddModelError(nameof(Name), "Name must be 100 characters or fewer"); return Page(); }

        if (nhs is null && string.IsNullOrEmpty(name) && dob is null)
        {
            // Nothing asked: the people most recently registered by the team.
            Results = await Page(inReach.OrderByDescending(p => p.RegisteredAt), ct);
            audit.Add(AuditActions.Search, "Person", null, reason: $"Recently registered list: {Results.Count} people shown");
            await db.SaveChangesAsync(ct);
            return Page();
        }

        Searched = true;
        if (nhs is not null)
        {
            Results = await Page(inReach.Where(p => p.NhsNumber == nhs).OrderBy(p => p.FamilyName), ct);
            if (MayBreakGlass) ElsewhereResults = await Elsewhere(everywhere.Where(p => p.NhsNumber == nhs), staff, ct);
        }
        else
        {
            var query = inReach;
            string? family = null;
            if (!string.IsNullOrEmpty(name))
            {
                var words = name.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                family = words[^1];
                var familyPrefix = Like(family);
                query = query.Where(p => EF.Functions.Like(p.FamilyName.ToLower(), familyPrefix));
                if (words.Length > 1)
                {
                    var givenPrefix = Like(words[0]);
                    query = query.Where(p => EF.Functions.Like(p.GivenName.ToLower(), givenPrefix) || EF.Functions.Like((p.PreferredName ?? "").ToLower(), givenPrefix));
                }
            }
            if (dob is { } day) query = query.Where(p => p.DateOfBirth == day);
            Results = await Page(query.OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName).ThenBy(p => p.Id), ct);
            // Only someone who could open the record (a practitioner, through break-glass) is shown who holds it.
            if (MayBreakGlass && family is not null && dob is { } exactDob)
                ElsewhereResults = await Elsewhere(everywhere.Where(p => p.DateOfBirth == exactDob && p.FamilyName.ToLower() == family), staff, ct);
        }
        audit.Add(AuditActions.Search, "Person", null, reason: $"{Results.Count + ElsewhereResults.Count} people shown");
        await db.SaveChangesAsync(ct);
        return Page();
    }

    public string PageLink(int page)
    {
        var parts = new (string Key, string? Value)[]
        {
            ("Nhs", Nhs), ("Name", Name), ("Dob.Day", Dob.Day?.ToString()), ("Dob.Month", Dob.Month?.ToString()), ("Dob.Year", Dob.Year?.ToString()), ("p", page.ToString()),
        };
        return "?" + string.Join("&", parts.Where(x => !string.IsNullOrEmpty(x.Value)).Select(x => $"{x.Key}={Uri.EscapeDataString(x.Value!)}"));
    }

    private static string Like(string prefix) => prefix.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";

    private async Task<List<PersonSummary>> Page(IQueryable<Person> query, CancellationToken ct)
    {
        var rows = await query.Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(p => new PersonSummary(p.Id.Value, p.GivenName, p.FamilyName, p.PreferredName, p.DateOfBirth, p.NhsNumber, p.Postcode,
                db.Presentations.Where(x => x.PersonId == p.Id).Max(x => (DateTimeOffset?)x.ArrivedAt), null))
            .ToListAsync(ct);
        HasMore = rows.Count > PageSize;
        return rows.Take(PageSize).ToList();
    }

    private async Task<List<PersonSummary>> Elsewhere(IQueryable<Person> query, CurrentStaff staff, CancellationToken ct) =>
        await query.Where(p => p.CareTeamId != staff.TeamId).OrderBy(p => p.FamilyName).ThenBy(p => p.Id).Take(10)
            .Join(db.Teams, p => p.CareTeamId, t => t.Id, (p, t) => new PersonSummary(p.Id.Value, p.GivenName, p.FamilyName, p.PreferredName,
                p.DateOfBirth, p.NhsNumber, null, null, t.Name))
            .ToListAsync(ct);
}
