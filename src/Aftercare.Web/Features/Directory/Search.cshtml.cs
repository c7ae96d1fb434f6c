using Aftercare.Domain.Directory;
using Aftercare.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Directory;

/// <summary>
/// Practitioners find services for the person in front of them: by the area they live in (a
/// postcode, a postcode district or a local authority) and by what they need. Services covering
/// the area come first, then national services, which are offered whatever the area; retired
/// services never appear.
/// </summary>
public sealed class SearchModel(AftercareDb db) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public string? Authority { get; set; }
    [BindProperty(SupportsGet = true)] public string? Need { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<Result> Results { get; private set; } = [];
    public bool HasMore { get; private set; }
    public bool ByArea { get; private set; }
    /// <summary>What the area search matched on, in words ("postcode district LS6").</summary>
    public string? AreaMatched { get; private set; }
    public List<SelectListItem> AuthorityOptions { get; private set; } = [];

    public sealed record Result(Guid Id, string Name, ServiceType Type, string? Provider, bool IsNational, bool CoversTheArea,
        List<string> Needs, int? TypicalWaitDays, string? Phone);

    public static IReadOnlyList<SelectListItem> NeedOptions { get; } =
        [new("Any need", ""), .. ServiceNeeds.All.Select(n => new SelectListItem(n.Name, n.Code))];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        AuthorityOptions = await Authorities(ct);
        var keys = new List<string>();
        var area = Area?.Trim();
        if (!string.IsNullOrEmpty(area))
        {
            if (area.Length > 100)
                ModelState.AddModelError(nameof(Area), "Area must be 100 characters or fewer");
            else if (ServiceAreas.TryDistrict(area, out var district))
            {
                keys.Add(district);
                AreaMatched = $"postcode district {district}";
            }
            else if (area.Any(char.IsAsciiDigit))
                ModelState.AddModelError(nameof(Area), "Enter a postcode (such as LS6 2AB), a postcode district (such as LS6) or a local authority (such as Leeds)");
            else
            {
                keys.Add(ServiceAreas.LocalAuthorityKey(area));
                AreaMatched = area;
            }
        }
        if (!string.IsNullOrWhiteSpace(Authority))
        {
            keys.Add(ServiceAreas.LocalAuthorityKey(Authority));
            AreaMatched = AreaMatched is null ? Authority.Trim() : $"{AreaMatched} or {Authority.Trim()}";
        }
        if (!string.IsNullOrEmpty(Need) && !ServiceNeeds.IsKnown(Need))
            ModelState.AddModelError(nameof(Need), "Choose a need from the list");
        if (!ModelState.IsValid) return Page();

        ByArea = keys.Count > 0;
        var query = db.Services.AsNoTracking().Where(s => s.IsActive);
        if (ByArea) query = query.Where(s => s.IsNational || s.AreaKeys.Any(k => keys.Contains(k)));
        if (!string.IsNullOrEmpty(Need))
        {
            // "Holds all of these" (@>), which the GIN index on needs answers.
            var need = new[] { Need };
            query = query.Where(s => need.All(n => s.Needs.Contains(n)));
        }
        // Services covering the area first, national ones after; then by name, with the id so pages never overlap.
        var ordered = ByArea
            ? query.OrderBy(s => s.AreaKeys.Any(k => keys.Contains(k)) ? 0 : 1).ThenBy(s => s.Name).ThenBy(s => s.Id)
            : query.OrderBy(s => s.Name).ThenBy(s => s.Id);
        var rows = await ordered.Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(s => new Result(s.Id.Value, s.Name, s.Type, s.Provider, s.IsNational, s.AreaKeys.Any(k => keys.Contains(k)),
                s.Needs, s.TypicalWaitDays, s.Contacts.Phone))
            .ToListAsync(ct);
        HasMore = rows.Count > PageSize;
        Results = [.. rows.Take(PageSize)];
        return Page();
    }

    public string PageLink(int pageNumber)
    {
        var parts = new (string Key, string? Value)[] { ("Area", Area), ("Authority", Authority), ("Need", Need), ("p", pageNumber.ToString()) };
        return "?" + string.Join("&", parts.Where(x => !string.IsNullOrEmpty(x.Value)).Select(x => $"{x.Key}={Uri.EscapeDataString(x.Value!)}"));
    }

    /// <summary>
    /// The local authorities the directory's services list, to choose from: a postcode cannot say
    /// which authority it is in, so a service listed only by authority is found by choosing it.
    /// </summary>
    private async Task<List<SelectListItem>> Authorities(CancellationToken ct)
    {
        var names = await db.Services.AsNoTracking().Where(s => s.IsActive).SelectMany(s => s.LocalAuthorities).Distinct().ToListAsync(ct);
        return [new("Any local authority", ""), .. names
            .GroupBy(ServiceAreas.LocalAuthorityKey).Select(g => g.OrderBy(n => n, StringComparer.Ordinal).First())
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase).Select(n => new SelectListItem(n, n))];
    }
}
