using Aftercare.Domain.Patients;

namespace Aftercare.Domain.Tests.Patients;

public class PostcodesTests
{
    [Theory]
    [InlineData("m139pl", "M13 9PL")]
    [InlineData("M13 9PL", "M13 9PL")]
    [InlineData("  b1 1bb ", "B1 1BB")]
    [InlineData("ec1a1bb", "EC1A 1BB")]
    public void Postcode_IsUpperCaseWithOneSpaceBeforeTheInwardCode(string given, string expected)
    {
        Assert.Equal(expected, Postcodes.Normalise(given));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Postcode_Blank_StaysNull(string? given)
    {
        Assert.Null(Postcodes.Normalise(given));
    }

    [Theory]
    [InlineData("m139pl", "M13")]
    [InlineData("EC1A 1BB", "EC1A")]
    public void District_IsTheOutwardCodeOnly(string given, string expected)
    {
        Assert.Equal(expected, Postcodes.District(given));
    }

    [Fact]
    public void District_OfBlankPostcode_IsNull()
    {
        Assert.Null(Postcodes.District(" "));
    }
}
