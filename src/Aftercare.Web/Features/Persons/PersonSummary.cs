namespace Aftercare.Web.Features.Persons;

/// <summary>A line in a list of people: enough to recognise someone, nothing clinical.</summary>
public sealed record PersonSummary(Guid Id, string GivenName, string FamilyName, string? PreferredName, DateOnly DateOfBirth, string? NhsNumber, string? Postcode, DateTimeOffset? LastArrival, string? TeamName = null)
{
    public string Name => PreferredName is null ? $"{GivenName} {FamilyName}" : $"{PreferredName} {FamilyName} ({GivenName})";

    public string NhsNumberDisplay => NhsNumber is { Length: 10 } n ? $"{n[..3]} {n[3..6]} {n[6..]}" : "Not known";
}
