using Aftercare.Domain.Directory;
using Aftercare.Web.Data;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Directory;

/// <summary>
/// The directory's search, the same wherever a practitioner looks for a service (the directory
/// itself, and choosing a service to refer a person to): by the area they live in (a postcode, a
/// postcode district or a local authority) and by what they need. Services covering the area come
/// first, then national services, which are offered whatever the area; retired services never appear.
/// </summary>
public static class ServiceSearch
{
    public const int PageSize = 20;

    public sealed record Result(Guid Id, string Name, ServiceType Type, string? Provider, bool IsNational, bool CoversTheArea,
        List<string> Needs, int? TypicalWaitDays, string? Phone);

    /// <summary>What was asked for, read: the area keys to match, what they matched on in words, and whether it is by area at all.</summary>
    public sealed record Query(List<string> Keys, string? AreaMatched, string? Need)
    {
        public bool ByArea => Keys.Count > 0;
    }

    public static IReadOnlyList<SelectListItem> NeedOptions { get; } =
        [new("Any need", ""), .. ServiceNeeds.All.Select(n => new SelectListItem(n.Name, n.Code))];

    /// <summary>
    /// Reads the area, local authority and need typed; a problem is added to <paramref name="state"/>
    /// under <paramref name="prefix"/> + the field's name, and the answer is then null.
    /// </summary>
    public static Query? Read(string? area, string? authority, string? need, ModelStateDictionary state, string prefix = "")
    {
        var keys = new List<string>();
        string? matched = null;
        var ok = true;
        area = area?.Trim();
        if (!string.IsNullOrEmpty(area))
        {
            if (area.Length > 100)
            {
                state.AddModelError(prefix + "Area", "Area must be 100 characters or fewer");
                ok = false;
            }
            else if (ServiceAreas.TryDistrict(area, out var district))
            {
                keys.Add(district);
                matched = $"postcode district {district}";
            }
            else if (area.Any(char.IsAsciiDigit))
            {
                state.AddModelError(prefix + "Area", "Enter a postcode (such as LS6 2AB), a postcode district (such as LS6) or a local authority (such as Leeds)");
                ok = false;
            }
            else
            {
                keys.Add(ServiceAreas.LocalAuthorityKey(area));
                matched = area;
            }
        }
        if (!string.IsNullOrWhiteSpace(authority))
        {
            keys.Add(ServiceAreas.LocalAuthorityKey(authority));
            matched = matched is null ? authority.Trim() : $"{matched} or {authority.Trim()}";
        }
        if (!string.IsNullOrEmpty(need) && !ServiceNeeds.IsKnown(need))
        {
            state.AddModelError(prefix + "Need", "Choose a need from the list");
            ok = false;
        }
        return ok ? new Query(keys, matched, string.IsNullOrEmpty(need) ? null : need) : null;
    }

    /// <summary>A page of active services matching the query, and whether there are more.</summary>
    public static async Task<(List<Result> Results, bool HasMore)> Find(AftercareDb db, Query query, int pageNumber, CancellationToken ct)
    {
        var keys = query.Keys;
        var services = db.Services.AsNoTracking().Where(s => s.IsActive);
        if (query.ByArea) services = services.Where(s => s.IsNational || s.AreaKeys.Any(k => keys.Contains(k)));
        if (query.Need is { } need)
        {
            // "Holds all of these" (@>), which the GIN index on needs answers.
            var needs = new[] { need };
            services = services.Where(s => needs.All(n => s.Needs.Contains(n)));
        }
        // Services covering the area first, national ones after; then by name, with the id so pages never overlap.
        var ordered = query.ByArea
            ? services.OrderBy(s => s.AreaKeys.Any(k => keys.Contains(k)) ? 0 : 1).ThenBy(s => s.Name).ThenBy(s => s.Id)
            : services.OrderBy(s => s.Name).ThenBy(s => s.Id);
        var rows = await ordered.Skip((Math.Max(1, pageNumber) - 1) * PageSize).Take(PageSize + 1)
            .Select(s => new Result(s.Id.Value, s.Name, s.Type, s.Provider, s.IsNational, s.AreaKeys.Any(k => keys.Contains(k)),
                s.Needs, s.TypicalWaitDays, s.Contacts.Phone))
            .ToListAsync(ct);
        return ([.. rows.Take(PageSize)], rows.Count > PageSize);
    }

    /// <summary>
    /// The local authorities the directory's services list, to choose from: a postcode cannot say
    /// which authority it is in, so a service listed only by authority is found by choosing it.
    /// Read from the whole directory, so kept by <see cref="DirectoryAuthorities"/> until it changes.
    /// </summary>
    public static async Task<string[]> AuthorityNames(AftercareDb db, CancellationToken ct)
    {
        var names = await db.Services.AsNoTracking().Where(s => s.IsActive).SelectMany(s => s.LocalAuthorities).Distinct().ToListAsync(ct);
        return [.. names.GroupBy(ServiceAreas.LocalAuthorityKey).Select(g => g.OrderBy(n => n, StringComparer.Ordinal).First())
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)];
    }
}

/// <summary>
/// The local authorities to choose from, kept in memory for as long as the directory's version
/// (moved by the database in the same transaction as any change to a service, migration 0016)
/// stays the same: each search then costs one key lookup instead of reading every service, and a
/// change made on any node, or straight into the database, is seen by the next search.
/// </summary>
public sealed class DirectoryAuthorities
{
    private sealed record Kept(long Version, string[] Names);

    private Kept? _kept;

    public async Task<List<SelectListItem>> Options(AftercareDb db, CancellationToken ct)
    {
        var version = await db.Database.SqlQuery<long>($"SELECT version AS \"Value\" FROM directory_version WHERE id = 1").SingleAsync(ct);
        var kept = Volatile.Read(ref _kept);
        if (kept is null || kept.Version != version)
        {
            // Read after the version, so never older than it; if newer, the next search reads it again.
            kept = new Kept(version, await ServiceSearch.AuthorityNames(db, ct));
            Volatile.Write(ref _kept, kept);
        }
        return [new("Any local authority", ""), .. kept.Names.Select(n => new SelectListItem(n, n))];
    }
}
