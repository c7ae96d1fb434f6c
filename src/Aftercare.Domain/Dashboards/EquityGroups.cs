using Aftercare.Domain.Patients;

namespace Aftercare.Domain.Dashboards;

/// <summary>
/// The ways every dashboard figure is broken down, so that unequal access is visible: age at the
/// event, sex, ethnicity (the NHS ethnic category groups) and area (the postcode area). Each group
/// is worked out here once, for the rollups, the pages and the CSV alike.
/// </summary>
public static class EquityGroups
{
    public const string All = "all";
    public const string Age = "age";
    public const string Sex = "sex";
    public const string Ethnicity = "ethnicity";
    public const string Area = "area";
    /// <summary>Referrals only: the receiving service.</summary>
    public const string Service = "service";

    /// <summary>The one group of the "all" breakdown.</summary>
    public const string Everyone = "Everyone";

    /// <summary>The breakdowns a person can choose on a dashboard, in the order offered.</summary>
    public static readonly IReadOnlyList<string> Breakdowns = [Age, Sex, Ethnicity, Area];

    public static string Describe(string breakdown) => breakdown switch
    {
        All => "All",
        Age => "Age band",
        Sex => "Sex",
        Ethnicity => "Ethnicity",
        Area => "Area (postcode area)",
        Service => "Service",
        _ => throw new ArgumentOutOfRangeException(nameof(breakdown), breakdown, null),
    };

    public static readonly IReadOnlyList<string> AgeBands = ["Under 18", "18 to 24", "25 to 34", "35 to 44", "45 to 54", "55 to 64", "65 and over"];

    /// <summary>Age in whole years on the day of the event (a birthday on that day counts; 29 February birthdays fall on 1 March in other years).</summary>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly on)
    {
        var age = on.Year - dateOfBirth.Year;
        if (on.Month < dateOfBirth.Month || (on.Month == dateOfBirth.Month && on.Day < dateOfBirth.Day)) age--;
        return Math.Max(0, age);
    }

    /// <summary>The age band at the event, not today: a person seen at 17 stays under 18 in that month's figures.</summary>
    public static string AgeBand(DateOnly dateOfBirth, DateOnly eventDate) => AgeOn(dateOfBirth, eventDate) switch
    {
        < 18 => AgeBands[0],
        < 25 => AgeBands[1],
        < 35 => AgeBands[2],
        < 45 => AgeBands[3],
        < 55 => AgeBands[4],
        < 65 => AgeBands[5],
        _ => AgeBands[6],
    };

    public static readonly IReadOnlyList<string> Sexes = ["Female", "Male", "Not specified", "Not known"];

    public static string SexGroup(Sex sex) => sex switch
    {
        Patients.Sex.Female => "Female",
        Patients.Sex.Male => "Male",
        Patients.Sex.NotSpecified => "Not specified",
        _ => "Not known",
    };

    public static readonly IReadOnlyList<string> EthnicGroups =
        ["White", "Mixed", "Asian or Asian British", "Black or Black British", "Other ethnic groups", "Not stated"];

    /// <summary>
    /// The NHS ethnic category group of a code: White A–C, Mixed D–G, Asian or Asian British H–L,
    /// Black or Black British M–P, Other R–S; Z, a missing code or one not in the list is "Not stated".
    /// </summary>
    public static string EthnicGroup(string? code) => code?.Trim().ToUpperInvariant() switch
    {
        "A" or "B" or "C" => "White",
        "D" or "E" or "F" or "G" => "Mixed",
        "H" or "J" or "K" or "L" => "Asian or Asian British",
        "M" or "N" or "P" => "Black or Black British",
        "R" or "S" => "Other ethnic groups",
        _ => "Not stated",
    };

    public const string AreaNotKnown = "Not known";

    /// <summary>
    /// The postcode area: the letters at the start of the outward code ("LS" of "LS6 2AB", "B" of
    /// "B15 2TT"). Without a postcode, or with one that does not start with a letter, "Not known".
    /// A local authority or deprivation decile would need the ONS postcode directory (ADR 0014).
    /// </summary>
    public static string PostcodeArea(string? postcode)
    {
        var p = (postcode ?? "").Trim().ToUpperInvariant();
        var letters = new string([.. p.TakeWhile(char.IsAsciiLetter).Take(2)]);
        // An outward code is letters then a digit: "LS6", "B15", "EC1A". Anything else is not a postcode.
        if (letters.Length == 0 || p.Length <= letters.Length || !char.IsAsciiDigit(p[letters.Length])) return AreaNotKnown;
        return letters;
    }

    /// <summary>The groups of a breakdown in the order they are shown; areas and services are shown as found.</summary>
    public static IReadOnlyList<string> KnownOrder(string breakdown) => breakdown switch
    {
        Age => AgeBands,
        Sex => Sexes,
        Ethnicity => EthnicGroups,
        _ => [],
    };

    /// <summary>The group a person falls in, for one breakdown, at an event on <paramref name="eventDate"/>.</summary>
    public static string GroupOf(string breakdown, PersonAtEvent person, DateOnly eventDate) => breakdown switch
    {
        All => Everyone,
        Age => AgeBand(person.DateOfBirth, eventDate),
        Sex => SexGroup(person.Sex),
        Ethnicity => EthnicGroup(person.EthnicCategory),
        Area => PostcodeArea(person.Postcode),
        _ => throw new ArgumentOutOfRangeException(nameof(breakdown), breakdown, null),
    };
}

/// <summary>What of a person the equity breakdowns use: nothing that names them.</summary>
public sealed record PersonAtEvent(DateOnly DateOfBirth, Sex Sex, string? EthnicCategory, string? Postcode);
