using Aftercare.Domain.Dashboards;
using Aftercare.Domain.Patients;

namespace Aftercare.Domain.Tests.Dashboards;

public class EquityGroupsTests
{
    [Theory]
    [InlineData("2008-06-15", "2026-06-14", 17, "Under 18")]
    [InlineData("2008-06-15", "2026-06-15", 18, "18 to 24")] // the 18th birthday itself counts
    [InlineData("2001-06-15", "2026-06-14", 24, "18 to 24")]
    [InlineData("2001-06-15", "2026-06-15", 25, "25 to 34")]
    [InlineData("1991-01-01", "2026-01-01", 35, "35 to 44")]
    [InlineData("1981-12-31", "2026-12-30", 44, "35 to 44")]
    [InlineData("1981-12-31", "2026-12-31", 45, "45 to 54")]
    [InlineData("1962-03-01", "2026-03-01", 64, "55 to 64")]
    [InlineData("1961-03-01", "2026-03-01", 65, "65 and over")]
    [InlineData("2008-02-29", "2026-02-28", 17, "Under 18")] // a leap-day birthday falls on 1 March in other years
    [InlineData("2008-02-29", "2026-03-01", 18, "18 to 24")]
    public void TheAgeBand_IsTheAgeOnTheDayOfTheEvent(string born, string on, int age, string band)
    {
        var dob = DateOnly.Parse(born);
        var day = DateOnly.Parse(on);
        Assert.Equal(age, EquityGroups.AgeOn(dob, day));
        Assert.Equal(band, EquityGroups.AgeBand(dob, day));
    }

    [Theory]
    [InlineData("A", "White")]
    [InlineData("C", "White")]
    [InlineData("D", "Mixed")]
    [InlineData("G", "Mixed")]
    [InlineData("H", "Asian or Asian British")]
    [InlineData("L", "Asian or Asian British")]
    [InlineData("M", "Black or Black British")]
    [InlineData("P", "Black or Black British")]
    [InlineData("R", "Other ethnic groups")]
    [InlineData("S", "Other ethnic groups")]
    [InlineData("Z", "Not stated")]
    [InlineData(null, "Not stated")]
    [InlineData("", "Not stated")]
    [InlineData("Q", "Not stated")]
    public void EthnicCategories_FallInTheNhsGroups(string? code, string group) =>
        Assert.Equal(group, EquityGroups.EthnicGroup(code));

    [Fact]
    public void EveryEthnicCategoryCode_HasTheGroupTheRecordNamesItIn()
    {
        foreach (var (code, group, _) in EthnicCategory.All)
            Assert.Equal(group, EquityGroups.EthnicGroup(code));
    }

    [Theory]
    [InlineData("LS6 2AB", "LS")]
    [InlineData("ls6 2ab", "LS")]
    [InlineData("B15 2TT", "B")]
    [InlineData("EC1A 1BB", "EC")]
    [InlineData("  M1 1AE ", "M")]
    [InlineData("SW1A1AA", "SW")]
    [InlineData(null, "Not known")]
    [InlineData("", "Not known")]
    [InlineData("12345", "Not known")]
    [InlineData("LSX", "Not known")]
    public void TheArea_IsTheLettersOfTheOutwardCode(string? postcode, string area) =>
        Assert.Equal(area, EquityGroups.PostcodeArea(postcode));

    [Theory]
    [InlineData(Sex.Female, "Female")]
    [InlineData(Sex.Male, "Male")]
    [InlineData(Sex.NotSpecified, "Not specified")]
    [InlineData(Sex.NotKnown, "Not known")]
    public void Sex_IsShownAsRecorded(Sex sex, string group) => Assert.Equal(group, EquityGroups.SexGroup(sex));
}
