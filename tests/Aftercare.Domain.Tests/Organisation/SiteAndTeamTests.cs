using Aftercare.Domain.Common;
using Aftercare.Domain.Organisation;

namespace Aftercare.Domain.Tests.Organisation;

public class SiteAndTeamTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Site_WithoutName_IsRefused(string? name)
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => Site.Create(name, "RW3", Now));

        Assert.Equal("Name", ex.Field);
    }

    [Theory]
    [InlineData("rw3", "RW3")]
    [InlineData(" rw3mr ", "RW3MR")]
    [InlineData("RW3", "RW3")]
    public void Site_OdsCode_IsUpperCasedAndTrimmed(string given, string expected)
    {
        Assert.Equal(expected, Site.Create("Manchester Royal Infirmary", given, Now).OdsCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Site_WithoutOdsCode_IsAllowed(string? odsCode)
    {
        Assert.Null(Site.Create("Manchester Royal Infirmary", odsCode, Now).OdsCode);
    }

    [Fact]
    public void Site_KeepsItsTrimmedNameAndCreationTime()
    {
        var site = Site.Create("  Manchester Royal Infirmary ", null, Now);

        Assert.Equal("Manchester Royal Infirmary", site.Name);
        Assert.Equal(Now, site.CreatedAt);
        Assert.NotEqual(Guid.Empty, site.Id.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Team_WithoutName_IsRefused(string? name)
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => Team.Create(SiteId.New(), name, Now));

        Assert.Equal("Name", ex.Field);
    }

    [Fact]
    public void Team_BelongsToItsSite_WithATrimmedName()
    {
        var site = Site.Create("Manchester Royal Infirmary", "RW3", Now);

        var team = Team.Create(site.Id, " Liaison Psychiatry ", Now);

        Assert.Equal(site.Id, team.SiteId);
        Assert.Equal("Liaison Psychiatry", team.Name);
        Assert.Equal(Now, team.CreatedAt);
        Assert.NotEqual(site.Id.Value, team.Id.Value);
    }
}
