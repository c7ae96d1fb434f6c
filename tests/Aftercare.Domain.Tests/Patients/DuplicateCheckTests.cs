using Aftercare.Domain.Patients;

namespace Aftercare.Domain.Tests.Patients;

public class DuplicateCheckTests
{
    private static readonly DateOnly Dob = new(2001, 3, 14);

    private static PersonDetails Candidate(
        string given = "Siobhan",
        string family = "O'Neill",
        DateOnly? dob = null,
        string? nhs = null,
        string? postcode = null) => new()
        {
            GivenName = given,
            FamilyName = family,
            DateOfBirth = dob ?? Dob,
            NhsNumber = nhs,
            Postcode = postcode,
        };

    private static ExistingPerson Existing(
        string given = "Siobhan",
        string family = "O'Neill",
        DateOnly? dob = null,
        string? nhs = null,
        string? postcode = null) => new(Guid.NewGuid(), nhs, given, family, dob ?? Dob, postcode);

    [Fact]
    public void SameNhsNumber_Matches_EvenWithADifferentNameAndDateOfBirth()
    {
        var existing = Existing(given: "Jordan", family: "Smith", dob: new DateOnly(1990, 1, 1), nhs: "9434765919");

        var match = Assert.Single(DuplicateCheck.Find(Candidate(nhs: "943 476 5919"), [existing]));

        Assert.Same(existing, match.Person);
        Assert.Equal("Same NHS number", match.Reason);
    }

    [Fact]
    public void InvalidNhsNumber_DoesNotMatchOnNhsNumber()
    {
        // A candidate's mistyped number must never be compared as if it were a real one.
        var existing = Existing(given: "Jordan", family: "Smith", dob: new DateOnly(1990, 1, 1), nhs: "9434765918");

        Assert.Empty(DuplicateCheck.Find(Candidate(nhs: "9434765918"), [existing]));
    }

    [Fact]
    public void DifferentNhsNumbers_DoNotMatchOnNhsNumber()
    {
        var existing = Existing(given: "Jordan", family: "Smith", dob: new DateOnly(1990, 1, 1), nhs: "4010232137");

        Assert.Empty(DuplicateCheck.Find(Candidate(nhs: "9434765919"), [existing]));
    }

    [Fact]
    public void NoNhsNumberOnEitherSide_IsNotASameNhsNumberMatch()
    {
        var existing = Existing(given: "Jordan", family: "Smith", dob: new DateOnly(1990, 1, 1), nhs: null);

        Assert.Empty(DuplicateCheck.Find(Candidate(nhs: null), [existing]));
    }

    [Theory]
    [InlineData("O'Neill", "oneill")]
    [InlineData("O'Neill", "O NEILL")]
    [InlineData("Smith-Jones", "smith jones")]
    [InlineData("McDonald", "Mc Donald")]
    public void SameDateOfBirth_SameNormalisedFamilyName_AndSameInitial_Matches(string candidateFamily, string existingFamily)
    {
        var existing = Existing(given: "siobhan", family: existingFamily);

        var match = Assert.Single(DuplicateCheck.Find(Candidate(given: "Siobhan", family: candidateFamily), [existing]));

        Assert.Same(existing, match.Person);
        Assert.Equal("Same date of birth and a similar name", match.Reason);
    }

    [Fact]
    public void SameDateOfBirth_SameFamilyName_AndOnlyTheSameInitial_Matches()
    {
        // "Sam" and "Samantha", "Sam" and "Siobhan": a shortened or misheard given name still warns.
        var existing = Existing(given: "Sam", family: "Oneill");

        Assert.Single(DuplicateCheck.Find(Candidate(given: "Siobhan", family: "O'Neill"), [existing]));
    }

    [Fact]
    public void SameDateOfBirth_SameFamilyName_DifferentInitial_DoesNotMatch()
    {
        var existing = Existing(given: "Aoife", family: "O'Neill");

        Assert.Empty(DuplicateCheck.Find(Candidate(given: "Siobhan", family: "O'Neill"), [existing]));
    }

    [Fact]
    public void SameDateOfBirth_DifferentFamilyName_AndDifferentInitial_DoesNotMatch()
    {
        var existing = Existing(given: "Priya", family: "Patel");

        Assert.Empty(DuplicateCheck.Find(Candidate(given: "Siobhan", family: "O'Neill"), [existing]));
    }

    [Fact]
    public void SameDateOfBirth_DifferentFamilyName_SameInitial_WithoutPostcode_DoesNotMatch()
    {
        var existing = Existing(given: "Siobhan", family: "Patel");

        Assert.Empty(DuplicateCheck.Find(Candidate(given: "Siobhan", family: "O'Neill"), [existing]));
    }

    [Fact]
    public void DifferentDateOfBirth_WithoutNhsNumber_NeverMatches()
    {
        // Same name, same postcode: a day apart is still somebody else.
        var existing = Existing(dob: Dob.AddDays(1), postcode: "M13 9PL");

        Assert.Empty(DuplicateCheck.Find(Candidate(postcode: "M13 9PL"), [existing]));
    }

    [Theory]
    [InlineData("Aoife", "O'Neill")]
    [InlineData("Siobhan", "Patel")]
    public void SameDateOfBirth_SamePostcode_AndOneNamePart_Matches(string existingGiven, string existingFamily)
    {
        var existing = Existing(given: existingGiven, family: existingFamily, postcode: "M13 9PL");

        var match = Assert.Single(DuplicateCheck.Find(Candidate(given: "Siobhan", family: "O'Neill", postcode: "m139pl"), [existing]));

        Assert.Same(existing, match.Person);
        Assert.Equal("Same date of birth and postcode, and part of the name", match.Reason);
    }

    [Fact]
    public void SameDateOfBirth_SamePostcode_ButNoNamePart_DoesNotMatch()
    {
        var existing = Existing(given: "Priya", family: "Patel", postcode: "M13 9PL");

        Assert.Empty(DuplicateCheck.Find(Candidate(given: "Siobhan", family: "O'Neill", postcode: "M13 9PL"), [existing]));
    }

    [Fact]
    public void SameDateOfBirth_DifferentPostcode_AndOneNamePart_DoesNotMatch()
    {
        var existing = Existing(given: "Aoife", family: "O'Neill", postcode: "M14 5AB");

        Assert.Empty(DuplicateCheck.Find(Candidate(given: "Siobhan", family: "O'Neill", postcode: "M13 9PL"), [existing]));
    }

    [Fact]
    public void Find_ReturnsEveryMatch_AndOnlyTheMatches()
    {
        var byNhs = Existing(given: "Jordan", family: "Smith", dob: new DateOnly(1990, 1, 1), nhs: "9434765919");
        var byName = Existing(given: "Sam", family: "ONeill");
        var stranger = Existing(given: "Priya", family: "Patel");
        var otherDob = Existing(dob: Dob.AddYears(1));

        var matches = DuplicateCheck.Find(Candidate(nhs: "9434765919"), [byNhs, stranger, byName, otherDob]);

        Assert.Equal(new[] { byNhs, byName }, matches.Select(m => m.Person));
    }

    [Fact]
    public void Find_WithNoExistingRecords_FindsNothing()
    {
        Assert.Empty(DuplicateCheck.Find(Candidate(nhs: "9434765919"), []));
    }

    [Theory]
    [InlineData("O'Neill-Smith", "oneillsmith")]
    [InlineData("oneill smith", "oneillsmith")]
    [InlineData("  D'ARCY ", "darcy")]
    [InlineData(null, "")]
    public void Normalise_KeepsLowerCaseLettersOnly(string? name, string expected)
    {
        Assert.Equal(expected, DuplicateCheck.Normalise(name));
    }
}
