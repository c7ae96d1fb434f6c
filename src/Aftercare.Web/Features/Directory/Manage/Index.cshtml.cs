using Aftercare.Domain.Directory;
using Aftercare.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Directory.Manage;

/// <summary>Administrators see every service in the directory, in use and retired, and go on to add, change, import or export.</summary>
public sealed class IndexModel(AftercareDb db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public List<Row> Services { get; private set; } = [];
    public bool HasMore { get; private set; }
    public int InUse { get; private set; }
    public int Retired { get; private set; }
    [TempData] public string? Notice { get; set; }

    public sealed record Row(Guid Id, string Name, ServiceType Type, bool IsNational, List<string> Districts, List<string> Authorities, bool IsActive, DateTimeOffset UpdatedAt);

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        var counts = await db.Services.GroupBy(s => s.IsActive).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        InUse = counts.FirstOrDefault(c => c.Key)?.Count ?? 0;
        Retired = counts.FirstOrDefault(c => !c.Key)?.Count ?? 0;
        var rows = await db.Services.AsNoTracking()
            .OrderByDescending(s => s.IsActive).ThenBy(s => s.Name).ThenBy(s => s.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(s => new Row(s.Id.Value, s.Name, s.Type, s.IsNational, s.PostcodeDistricts, s.LocalAuthorities, s.IsActive, s.UpdatedAt))
            .ToListAsync(ct);
        HasMore = rows.Count > PageSize;
        Services = [.. rows.Take(PageSize)];
    }

    public static string Coverage(Row row) => DirectoryText.Coverage(row.IsNational, row.Districts, row.Authorities);
}
