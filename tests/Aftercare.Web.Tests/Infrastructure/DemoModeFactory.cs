using Microsoft.AspNetCore.Hosting;

namespace Aftercare.Web.Tests.Infrastructure;

/// <summary>
/// The application in demo mode, with the demo data left for the test to seed (and seed again,
/// to show it is added once): each test class that uses it as its class fixture gets its own.
/// </summary>
public class DemoModeFactory : AftercareFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Aftercare:DemoMode", "true");
        builder.UseSetting("Aftercare:SeedDemoData", "false");
    }
}
