using Microsoft.Extensions.Configuration;

namespace Aftercare.Web.Tests.Security;

public sealed class DemoModeTests
{
    private static IConfiguration Config(bool demo) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Aftercare:DemoMode"] = demo.ToString(), ["Aftercare:LocalDatabase"] = "Host=local" })
        .Build();

    [Fact]
    public void DemoMode_CannotBeOn_WhenAftercareDatabaseNamesARealDatabase()
    {
        var settings = AftercareSettings.Resolve(Config(demo: true), name => name == "AFTERCARE_DATABASE" ? "Host=db.example;Database=aftercare" : null);
        Assert.False(settings.DemoMode);
        Assert.False(settings.SeedDemoData);
        Assert.True(settings.UsesExternalDatabase);
        Assert.Equal("Host=db.example;Database=aftercare", settings.ConnectionString);
    }

    [Fact]
    public void DemoMode_IsOn_ForTheLocalDatabase_WhenAskedFor()
    {
        var settings = AftercareSettings.Resolve(Config(demo: true), _ => null);
        Assert.True(settings.DemoMode);
        Assert.Equal("Host=local", settings.ConnectionString);
        Assert.False(AftercareSettings.Resolve(Config(demo: false), _ => null).DemoMode);
    }
}
