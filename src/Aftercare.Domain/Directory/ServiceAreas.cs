using System.Text.RegularExpressions;
using Aftercare.Domain.Common;

namespace Aftercare.Domain.Directory;

/// <summary>Where a service takes people from: everywhere (national), or listed postcode districts and local authorities.</summary>
public sealed record CoveredAreas(bool IsNational, IReadOnlyList<string> PostcodeDistricts, IReadOnlyList<string> LocalAuthorities);

/// <summary>
/// Reads the areas a service covers, as an administrator types them or a published directory
/// lists them. A postcode district is the outward code of a postcode ("LS6", "SW1A"); a full
/// postcode given as an area is taken as its district, because services cover districts, never
/// single streets. Anything else without digits is a local authority's name.
/// </summary>
public static partial class ServiceAreas
{
    public const int MaxAreas = 500;
    public const int MaxLocalAuthorityLength = 100;

    /// <summary>What a national service is listed as when the directory is exchanged.</summary>
    public const string NationalName = "National";

    private static readonly string[] NationalNames = ["national", "nationwide", "england", "united kingdom", "uk", "great britain", "england and wales"];

    /// <summary>Whether a published directory's area name means "anywhere in the country".</summary>
    public static bool MeansNational(string? name) =>
        Text.Clean(name) is { } n && NationalNames.Contains(Spaces().Replace(n, " ").ToLowerInvariant());

    /// <summary>
    /// The postcode district of a district or full postcode ("ls6", "LS6 2AB", "ls62ab" are all
    /// "LS6"); false when the text is neither.
    /// </summary>
    public static bool TryDistrict(string? text, out string district)
    {
        district = "";
        var compact = Text.Clean(text)?.Replace(" ", "").ToUpperInvariant();
        if (compact is null) return false;
        if (District().IsMatch(compact)) { district = compact; return true; }
        if (compact.Length >= 5 && Inward().IsMatch(compact[^3..]) && District().IsMatch(compact[..^3]))
        {
            district = compact[..^3];
            return true;
        }
        return false;
    }

    /// <summary>A full postcode, normalised ("LS6 2AB"); false when the text is not one.</summary>
    public static bool TryPostcode(string? text, out string postcode)
    {
        postcode = "";
        var compact = Text.Clean(text)?.Replace(" ", "").ToUpperInvariant();
        if (compact is null || compact.Length < 5 || !Inward().IsMatch(compact[^3..]) || !District().IsMatch(compact[..^3])) return false;
        postcode = compact[..^3] + " " + compact[^3..];
        return true;
    }

    /// <summary>
    /// The areas a service covers. A national service covers everywhere, so any areas listed with
    /// it are dropped. Otherwise at least one area is needed: a service nobody's area matches would
    /// never be found.
    /// </summary>
    public static CoveredAreas Read(bool national, IEnumerable<string?> entries, string field = "Areas")
    {
        if (national) return new CoveredAreas(true, [], []);
        var districts = new List<string>();
        var authorities = new List<string>();
        var keys = new HashSet<string>();
        foreach (var entry in entries)
        {
            var text = Text.Clean(entry);
            if (text is null) continue;
            text = Spaces().Replace(text, " ");
            if (TryDistrict(text, out var district))
            {
                if (!districts.Contains(district)) districts.Add(district);
            }
            else if (LocalAuthority().IsMatch(text) && text.Length <= MaxLocalAuthorityLength)
            {
                if (keys.Add(LocalAuthorityKey(text))) authorities.Add(text);
            }
            else if (text.Length > MaxLocalAuthorityLength)
            {
                throw new ClinicalRuleException($"A local authority's name must be {MaxLocalAuthorityLength} characters or fewer: check \"{Shorten(text)}\"", field);
            }
            else
            {
                throw new ClinicalRuleException($"\"{Shorten(text)}\" is not a postcode district (such as LS6 or SW1A) or a local authority's name (such as Leeds)", field);
            }
        }
        if (districts.Count + authorities.Count == 0)
            throw new ClinicalRuleException("Enter the postcode districts or local authorities the service covers, or say it is national", field);
        if (districts.Count + authorities.Count > MaxAreas)
            throw new ClinicalRuleException($"A service can list up to {MaxAreas} areas. For a service that covers the whole country, say it is national", field);
        return new CoveredAreas(false, districts, authorities);
    }

    /// <summary>
    /// How a local authority is matched: case, spacing, "&amp;" for "and", and a trailing
    /// "Council" ("Leeds City Council") do not matter, so an area typed either way finds the
    /// service. Different names for one place ("City of York" and "York") still differ.
    /// </summary>
    public static string LocalAuthorityKey(string name)
    {
        var key = Spaces().Replace(name.Trim().ToLowerInvariant().Replace('’', '\'').Replace("&", " and "), " ").Trim();
        key = CouncilSuffix().Replace(key, "");
        return "la:" + key;
    }

    /// <summary>The search keys of the covered areas: each district as itself, each authority by <see cref="LocalAuthorityKey"/>.</summary>
    public static List<string> Keys(CoveredAreas areas) =>
        [.. areas.PostcodeDistricts, .. areas.LocalAuthorities.Select(LocalAuthorityKey)];

    /// <summary>
    /// What a practitioner's search for an area matches: a postcode or district matches its
    /// district; anything else is taken as a local authority's name. Null when nothing was asked.
    /// </summary>
    public static string? SearchKey(string? area)
    {
        var text = Text.Clean(area);
        if (text is null) return null;
        return TryDistrict(text, out var district) ? district : LocalAuthorityKey(text);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    // An outward code: A9, A99, AA9, AA99, A9A or AA9A; no Q, V or X first and no I, J or Z second.
    [GeneratedRegex("^(?:[A-PR-UWYZ][0-9][0-9A-Z]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9A-Z]?)$")]
    private static partial Regex District();

    [GeneratedRegex("^[0-9][A-Z]{2}$")]
    private static partial Regex Inward();

    // Letters (any alphabet), spaces, hyphens, apostrophes, full stops, ampersands and brackets: no digits.
    [GeneratedRegex(@"^[\p{L}][\p{L} '’.&()\-]*$")]
    private static partial Regex LocalAuthority();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s+(?:(?:metropolitan\s+)?(?:city|borough|county|district)\s+)?council$")]
    private static partial Regex CouncilSuffix();
}
