using Aftercare.Domain.Common;
using Aftercare.Domain.Patients;

namespace Aftercare.Domain.Tests.Patients;

public class PatientInvitationCodeTests
{
    [Fact]
    public void NewCode_IsTwelveCharactersInThreeGroupsOfFour()
    {
        var code = PatientInvitationCode.New();

        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", code);
    }

    [Fact]
    public void NewCodes_NeverUseLookAlikeCharacters()
    {
        var characters = string.Concat(Enumerable.Range(0, 500).Select(_ => PatientInvitationCode.New()));

        Assert.DoesNotContain('0', characters);
        Assert.DoesNotContain('O', characters);
        Assert.DoesNotContain('1', characters);
        Assert.DoesNotContain('I', characters);
        Assert.DoesNotContain('L', characters);
        Assert.All(characters.Replace("-", ""), c => Assert.Contains(c, PatientInvitationCode.Alphabet));
        // 6,000 random characters from a 31-character alphabet use every one of them.
        Assert.Equal(PatientInvitationCode.Alphabet.Length, characters.Replace("-", "").Distinct().Count());
    }

    [Fact]
    public void NewCodes_AreDifferentEachTime()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => PatientInvitationCode.New()).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Theory]
    [InlineData("ABCD-EFGH-JKMN")]
    [InlineData("abcd-efgh-jkmn")]
    [InlineData(" abcd efgh jkmn ")]
    [InlineData("ABCDEFGHJKMN")]
    [InlineData("ab cd-ef gh–jk mn")]
    public void Normalise_IgnoresCaseSpacesAndDashes(string typed)
    {
        Assert.Equal("ABCDEFGHJKMN", PatientInvitationCode.Normalise(typed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCD-EFGH-JKM")]
    [InlineData("ABCD-EFGH-JKMNP")]
    [InlineData("ABCD-EFGH-JKM0")]
    [InlineData("ABCD-EFGH-JKMI")]
    [InlineData("ABCD_EFGH_JKMN")]
    public void Normalise_OfSomethingThatCannotBeACode_IsNull(string? typed)
    {
        Assert.Null(PatientInvitationCode.Normalise(typed));
    }

    [Fact]
    public void Hash_IsTheSameHoweverTheCodeIsTyped()
    {
        var code = PatientInvitationCode.New();

        Assert.Equal(PatientInvitationCode.Hash(code), PatientInvitationCode.Hash(code.ToLowerInvariant().Replace("-", " ")));
        Assert.Matches("^[0-9A-F]{64}$", PatientInvitationCode.Hash(code));
    }

    [Fact]
    public void Hash_IsSha256OfTheNormalisedCode()
    {
        Assert.Equal(
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("ABCDEFGHJKMN"u8)),
            PatientInvitationCode.Hash("abcd-efgh-jkmn"));
    }

    [Fact]
    public void Hash_OfDifferentCodes_Differs()
    {
        Assert.NotEqual(PatientInvitationCode.Hash("ABCD-EFGH-JKMN"), PatientInvitationCode.Hash("ABCD-EFGH-JKMP"));
    }

    [Fact]
    public void Hash_OfSomethingThatCannotBeACode_IsRefused()
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => PatientInvitationCode.Hash("not a code"));

        Assert.Equal("Code", ex.Field);
    }
}
