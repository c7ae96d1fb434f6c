using Aftercare.Domain.Pathways;
using Aftercare.Web.Features.Pathways;
using Microsoft.Extensions.Configuration;

namespace Aftercare.Web.Tests.Features.Pathways;

public sealed class PathwayCatalogueTests
{
    private static PathwayCatalogue From(Dictionary<string, string?> settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void TheShippedConfiguration_OffersAssuredFirst_ThenThePlainLiaisonFollowUp()
    {
        var config = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json").Build();
        var catalogue = new PathwayCatalogue(config);
        Assert.Equal([PathwayDefinition.AssuredCode, "liaison"], catalogue.All.Select(d => d.Code));
        Assert.Same(PathwayDefinition.Assured, catalogue.Default);
        var liaison = catalogue.Find("liaison")!;
        Assert.Equal(PathwayOffset.OfHours(48), liaison.Contacts[0].Due);
        Assert.Equal(new PathwayOffset(Days: 17), liaison.Contacts[1].Due);
    }

    [Fact]
    public void APathwayInConfiguration_WithoutThe48HourFollowUp_StopsStartUp_NamingIt()
    {
        var e = Assert.Throws<InvalidOperationException>(() => From(new()
        {
            ["Aftercare:Pathways:0:Code"] = "slow",
            ["Aftercare:Pathways:0:Name"] = "Slow",
            ["Aftercare:Pathways:0:Contacts:0:Key"] = "call",
            ["Aftercare:Pathways:0:Contacts:0:Label"] = "Call",
            ["Aftercare:Pathways:0:Contacts:0:Kind"] = "FollowUp",
            ["Aftercare:Pathways:0:Contacts:0:Due:Days"] = "3",
        }));
        Assert.Contains("Aftercare:Pathways:0", e.Message);
        Assert.Contains("48 hours", e.Message);
    }

    [Fact]
    public void APathwayCode_UsedTwice_OrTakingAssuredsCode_IsRefused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => From(new()
        {
            ["Aftercare:Pathways:0:Code"] = "assured",
            ["Aftercare:Pathways:0:Name"] = "Another",
            ["Aftercare:Pathways:0:Contacts:0:Key"] = "call",
            ["Aftercare:Pathways:0:Contacts:0:Label"] = "Call",
            ["Aftercare:Pathways:0:Contacts:0:Kind"] = "FollowUp",
            ["Aftercare:Pathways:0:Contacts:0:Due:Hours"] = "24",
        }));
        Assert.Contains("used twice", e.Message);
    }
}
