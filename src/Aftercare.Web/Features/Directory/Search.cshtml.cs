using Aftercare.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Aftercare.Web.Features.Directory;

/// <summary>
/// Practitioners find services for the person in front of them, with the directory's search
/// (<see cref="ServiceSearch"/>): by the area they live in and by what they need, services covering
/// the area first and national ones after; retired services never appear.
/// </summary>
public sealed class SearchModel(AftercareDb db, DirectoryAuthorities authorities) : PageModel
{
    public const int PageSize = ServiceSearch.PageSize;

    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public string? Authority { get; set; }
    [BindProperty(SupportsGet = true)] public string? Need { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<ServiceSearch.Result> Results { get; private set; } = [];
    public bool HasMore { get; private set; }
    public bool ByArea { get; private set; }
    /// <summary>What the area search matched on, in words ("postcode district LS6").</summary>
    public string? AreaMatched { get; private set; }
    public List<SelectListItem> AuthorityOptions { get; private set; } = [];

    public static IReadOnlyList<SelectListItem> NeedOptions => ServiceSearch.NeedOptions;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        AuthorityOptions = await authorities.Options(db, ct);
        var query = ServiceSearch.Read(Area, Authority, Need, ModelState);
        if (query is null || !ModelState.IsValid) return Page();
        ByArea = query.ByArea;
        AreaMatched = query.AreaMatched;
        (Results, HasMore) = await ServiceSearch.Find(db, query, PageNumber, ct);
        return Page();
    }

    public string PageLink(int pageNumber)
    {
        var parts = new (string Key, string? Value)[] { ("Area", Area), ("Authority", Authority), ("Need", Need), ("p", pageNumber.ToString()) };
        return "?" + string.Join("&", parts.Where(x => !string.IsNullOrEmpty(x.Value)).Select(x => $"{x.Key}={Uri.EscapeDataString(x.Value!)}"));
    }
}
