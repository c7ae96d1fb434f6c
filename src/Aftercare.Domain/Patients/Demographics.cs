namespace Aftercare.Domain.Patients;

/// <summary>Sex as recorded in the NHS Data Dictionary ("person stated sex").</summary>
public enum Sex
{
    NotKnown = 0,
    Male = 1,
    Female = 2,
    NotSpecified = 9,
}

/// <summary>The NHS ethnic category codes (2001 census categories, as used in NHS datasets).</summary>
public static class EthnicCategory
{
    public static readonly IReadOnlyList<(string Code, string Group, string Label)> All =
    [
        ("A", "White", "British"),
        ("B", "White", "Irish"),
        ("C", "White", "Any other White background"),
        ("D", "Mixed", "White and Black Caribbean"),
        ("E", "Mixed", "White and Black African"),
        ("F", "Mixed", "White and Asian"),
        ("G", "Mixed", "Any other mixed background"),
        ("H", "Asian or Asian British", "Indian"),
        ("J", "Asian or Asian British", "Pakistani"),
        ("K", "Asian or Asian British", "Bangladeshi"),
        ("L", "Asian or Asian British", "Any other Asian background"),
        ("M", "Black or Black British", "Caribbean"),
        ("N", "Black or Black British", "African"),
        ("P", "Black or Black British", "Any other Black background"),
        ("R", "Other ethnic groups", "Chinese"),
        ("S", "Other ethnic groups", "Any other ethnic group"),
        ("Z", "Not stated", "Not stated"),
    ];

    public static bool IsKnown(string? code) => code is not null && All.Any(c => c.Code == code);

    public static string Describe(string? code)
    {
        var hit = All.FirstOrDefault(c => c.Code == code);
        return hit.Code is null ? "Not recorded" : $"{hit.Group}: {hit.Label}";
    }
}

/// <summary>Someone the person names as a contact: family, friend, carer, support worker.</summary>
public sealed record PersonContact(string Name, string? Relationship, string? Phone);
