namespace Aftercare.Domain.Patients;

/// <summary>The fields of an existing record that the duplicate check compares.</summary>
public sealed record ExistingPerson(Guid Id, string? NhsNumber, string GivenName, string FamilyName, DateOnly DateOfBirth, string? Postcode);

public sealed record DuplicateMatch(ExistingPerson Person, string Reason);

/// <summary>
/// Warns before a second record is made for someone already known: a repeat presentation must be
/// linked to the one person, or their history is split and their pattern of attendance unseen.
/// </summary>
public static class DuplicateCheck
{
    public static IReadOnlyList<DuplicateMatch> Find(PersonDetails candidate, IEnumerable<ExistingPerson> existing)
    {
        NhsNumber.TryParse(candidate.NhsNumber, out var nhs);
        var family = Normalise(candidate.FamilyName);
        var given = Normalise(candidate.GivenName);
        var postcode = Postcodes.Normalise(candidate.Postcode);
        var matches = new List<DuplicateMatch>();
        foreach (var p in existing)
        {
            if (nhs.Digits is not null && p.NhsNumber == nhs.Digits)
            {
                matches.Add(new(p, "Same NHS number"));
                continue;
            }
            if (p.DateOfBirth != candidate.DateOfBirth) continue;
            var sameFamily = Normalise(p.FamilyName) == family;
            var givenAlike = SameInitial(Normalise(p.GivenName), given);
            if (sameFamily && givenAlike)
                matches.Add(new(p, "Same date of birth and a similar name"));
            else if (postcode is not null && Postcodes.Normalise(p.Postcode) == postcode && (sameFamily || givenAlike))
                matches.Add(new(p, "Same date of birth and postcode, and part of the name"));
        }
        return matches;
    }

    /// <summary>Lower case letters only: "O'Neill-Smith" and "oneill smith" compare equal.</summary>
    public static string Normalise(string? name) =>
        new((name ?? "").ToLowerInvariant().Where(char.IsLetter).ToArray());

    private static bool SameInitial(string a, string b) => a.Length > 0 && b.Length > 0 && a[0] == b[0];
}
