using Aftercare.Web.Data.Demo;
using Aftercare.Web.Tests.Infrastructure;
using Aftercare.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Aftercare.Web.Tests.Features.Directory;

/// <summary>The demo shows a directory worth searching: local services for its hospitals' areas, national lines after them.</summary>
public sealed class DemoDirectoryTests(DemoModeFactory app) : IClassFixture<DemoModeFactory>
{
    [Fact]
    public async Task TheDemoSeed_GivesADirectory_ThatTheDemoPractitionerSearches()
    {
        await using (var scope = app.Scope())
        {
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            await seeder.SeedIfEmptyAsync();
            await seeder.SeedIfEmptyAsync();
        }
        Assert.Equal(DemoDirectory.Services().Count, await app.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Services)));
        var (email, _) = DemoSeeder.Accounts[0];
        var asha = await app.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.Email == email));
        var session = app.NewSession();
        await session.SignIn(new StaffAccount(asha.Id, email, DemoSeeder.DemoPassword, null, asha.Role!.Value, asha.TeamId, asha.DisplayName));

        var page = await session.GetPage("/directory?Area=Northgate&Need=crisis-support");

        var names = page.QuerySelectorAll("[data-testid=results] li > a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Kirkstall Lane Crisis Café", "Northgate Crisis and Home Treatment Team", "Harbour Line"], names);
    }
}
