using Aftercare.Domain.Common;
using Aftercare.Domain.Directory;

namespace Aftercare.Domain.Tests.Directory;

public class ServiceAreasTests
{
    [Theory]
    [InlineData("LS6", "LS6")]
    [InlineData(" ls6 ", "LS6")]
    [InlineData("SW1A", "SW1A")]
    [InlineData("M13", "M13")]
    [InlineData("LS6 2AB", "LS6")]
    [InlineData("ls62ab", "LS6")]
    [InlineData("EC1A 1BB", "EC1A")]
    public void APostcodeOrDistrict_IsReadAsItsDistrict(string given, string district)
    {
        Assert.True(ServiceAreas.TryDistrict(given, out var found));
        Assert.Equal(district, found);
    }

    [Theory]
    [InlineData("Leeds")]
    [InlineData("LS")]
    [InlineData("QS6")]
    [InlineData("LZ6")]
    [InlineData("6LS")]
    [InlineData("LS6 2A")]
    [InlineData("")]
    public void TextThatIsNotADistrictOrPostcode_IsNotADistrict(string given)
    {
        Assert.False(ServiceAreas.TryDistrict(given, out _));
    }

    [Fact]
    public void Areas_AreSortedIntoDistrictsAndLocalAuthorities_EachOnce()
    {
        var areas = ServiceAreas.Read(false, ["LS6", "ls7", "LS6 2AB", "Leeds", " leeds ", "Brighton & Hove", ""]);

        Assert.False(areas.IsNational);
        Assert.Equal(["LS6", "LS7"], areas.PostcodeDistricts);
        Assert.Equal(["Leeds", "Brighton & Hove"], areas.LocalAuthorities);
    }

    [Fact]
    public void ANationalService_CoversEverywhere_AndListsNoAreas()
    {
        var areas = ServiceAreas.Read(true, ["LS6", "Leeds"]);

        Assert.True(areas.IsNational);
        Assert.Empty(areas.PostcodeDistricts);
        Assert.Empty(areas.LocalAuthorities);
    }

    [Fact]
    public void AServiceWithNoAreas_AndNotNational_IsRefused_BecauseNoSearchWouldFindIt()
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => ServiceAreas.Read(false, [" ", ""]));

        Assert.Equal("Areas", ex.Field);
        Assert.Contains("or say it is national", ex.Message);
    }

    [Theory]
    [InlineData("LS6X9")]
    [InlineData("Area 51")]
    [InlineData("<script>")]
    public void AnAreaThatIsNeitherADistrictNorAnAuthority_IsRefused_Naming_It(string bad)
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => ServiceAreas.Read(false, ["LS6", bad]));

        Assert.Contains(bad, ex.Message);
        Assert.Equal("Areas", ex.Field);
    }

    [Theory]
    [InlineData("Leeds City Council", "Leeds")]
    [InlineData("LEEDS", "leeds")]
    [InlineData("Brighton and Hove", "Brighton & Hove")]
    [InlineData("Kirklees Council", "Kirklees")]
    [InlineData("Wigan Metropolitan Borough Council", "Wigan")]
    public void ALocalAuthority_IsMatchedWhicheverWayItIsWritten(string a, string b)
    {
        Assert.Equal(ServiceAreas.LocalAuthorityKey(a), ServiceAreas.LocalAuthorityKey(b));
    }

    [Theory]
    [InlineData("LS6 2AB", "LS6")]
    [InlineData("ls6", "LS6")]
    [InlineData("Leeds", "la:leeds")]
    [InlineData("  ", null)]
    public void ASearch_IsByDistrict_OrByLocalAuthority(string area, string? key)
    {
        Assert.Equal(key, ServiceAreas.SearchKey(area));
    }

    [Theory]
    [InlineData("National", true)]
    [InlineData("united  kingdom", true)]
    [InlineData("England", true)]
    [InlineData("Leeds", false)]
    public void APublishedArea_MayMeanTheWholeCountry(string name, bool national)
    {
        Assert.Equal(national, ServiceAreas.MeansNational(name));
    }
}
