namespace Aftercare.Web.Features.Directory;

/// <summary>How the directory puts a service's details into words, the same on every page.</summary>
public static class DirectoryText
{
    /// <summary>"National", or the areas listed ("LS6, LS7 and Leeds"), shortened when there are many.</summary>
    public static string Coverage(bool national, IReadOnlyList<string> districts, IReadOnlyList<string> authorities, int show = 6)
    {
        if (national) return "Anywhere in the country (national)";
        var all = districts.Concat(authorities).ToList();
        if (all.Count == 0) return "No areas listed";
        if (all.Count > show) return string.Join(", ", all.Take(show)) + $" and {all.Count - show} more";
        return all.Count == 1 ? all[0] : string.Join(", ", all.Take(all.Count - 1)) + " and " + all[^1];
    }
}

public static class DirectoryAudit
{
    /// <summary>The entity type of directory services in the audit trail.</summary>
    public const string Entity = "AftercareService";
}
