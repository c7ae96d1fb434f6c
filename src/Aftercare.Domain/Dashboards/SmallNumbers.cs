using System.Globalization;

namespace Aftercare.Domain.Dashboards;

/// <summary>One group of a breakdown as counted: how many met the figure, out of how many.</summary>
public sealed record GroupCount(string Group, long Numerator, long Denominator);

public enum Suppression
{
    Shown = 0,
    /// <summary>Fewer than 10 in the denominator.</summary>
    SmallNumber = 1,
    /// <summary>Hidden so that a group hidden for small numbers cannot be worked out from the total by subtraction.</summary>
    Secondary = 2,
}

/// <summary>A group as a dashboard may show it: its counts and rate, or neither when suppressed.</summary>
public sealed record ShownGroup(string Group, long Numerator, long Denominator, Suppression Suppression)
{
    public bool IsSuppressed => Suppression != Suppression.Shown;
    /// <summary>The rate as a share from 0 to 1; null when suppressed or when nobody is in the group.</summary>
    public double? Rate => IsSuppressed || Denominator == 0 ? null : (double)Numerator / Denominator;
}

/// <summary>The difference between the highest and lowest rate of the groups shown, in percentage points.</summary>
public sealed record Gap(string Highest, double HighestRate, string Lowest, double LowestRate)
{
    public double PercentagePoints => Math.Round((HighestRate - LowestRate) * 100, 1);

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"Gap {PercentagePoints:0.#} percentage points: highest {Highest} ({HighestRate * 100:0.#}%), lowest {Lowest} ({LowestRate * 100:0.#}%).");
}

/// <summary>
/// Small numbers are not shown, so nobody can be recognised from a dashboard or its CSV (hazard H58):
/// a group with fewer than 10 in its denominator shows "fewer than 10", no count and no rate, and
/// takes no part in the gap. When exactly one group of a breakdown is hidden and the total is shown,
/// the next-smallest group is hidden too, or the hidden one could be worked out by subtraction.
/// </summary>
public static class SmallNumbers
{
    public const int Threshold = 10;
    public const string Label = "fewer than 10";

    public static bool IsSmall(long denominator) => denominator < Threshold;

    public static IReadOnlyList<ShownGroup> Suppress(IReadOnlyList<GroupCount> groups, bool totalShown)
    {
        var shown = groups.Select(g => new ShownGroup(g.Group, g.Numerator, g.Denominator,
            IsSmall(g.Denominator) ? Suppression.SmallNumber : Suppression.Shown)).ToList();
        if (totalShown && shown.Count(g => g.Suppression == Suppression.SmallNumber) == 1)
        {
            var next = shown.Where(g => !g.IsSuppressed).OrderBy(g => g.Denominator).ThenBy(g => g.Group, StringComparer.Ordinal).FirstOrDefault();
            if (next is not null) shown[shown.IndexOf(next)] = next with { Suppression = Suppression.Secondary };
        }
        return shown;
    }

    /// <summary>The gap between the groups shown: none unless at least two groups have a rate.</summary>
    public static Gap? GapBetween(IEnumerable<ShownGroup> groups)
    {
        var rated = groups.Where(g => g.Rate is not null).ToList();
        if (rated.Count < 2) return null;
        var high = rated.OrderByDescending(g => g.Rate).ThenBy(g => g.Group, StringComparer.Ordinal).First();
        var low = rated.OrderBy(g => g.Rate).ThenBy(g => g.Group, StringComparer.Ordinal).First();
        return new Gap(high.Group, high.Rate!.Value, low.Group, low.Rate!.Value);
    }
}
