using Aftercare.Web.Data.Demo;
using Aftercare.Web.Features.Dashboards;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aftercare.Web.Tests.Features.Dashboards;

/// <summary>The demo's first team has a year of finished care, so its dashboard shows figures, not "fewer than 10".</summary>
public sealed class DemoDashboardTests(DemoModeFactory app) : IClassFixture<DemoModeFactory>
{
    [Fact]
    public async Task TheDemoTeamsDashboard_ShowsAYearOfFigures_WithNothingLeftOnAnyonesWorklist()
    {
        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();
            var open = await app.WithDb(db => db.PlannedContacts.CountAsync(c => c.Status == Aftercare.Domain.Pathways.ContactStatus.Open));
            for (var i = 0; i < 2; i++) await new DemoHistory(scope.ServiceProvider.GetRequiredService<Aftercare.Web.Data.AftercareDb>(), app.Clock).SeedAsync(DemoSeeder.Accounts[0].Email);
            // The history is finished care: no new open contact for anyone.
            Assert.Equal(open, await app.WithDb(db => db.PlannedContacts.CountAsync(c => c.Status == Aftercare.Domain.Pathways.ContactStatus.Open)));
            await scope.ServiceProvider.GetRequiredService<DashboardRollups>().RebuildAll(app.Clock.GetUtcNow(), CancellationToken.None);
        }
        var tom = await app.WithDb(db => db.Users.SingleAsync(u => u.Email == DemoSeeder.Accounts[1].Email));
        var session = app.NewSession();
        await session.SignIn(new StaffAccount(tom.Id, tom.Email!, DemoSeeder.DemoPassword, null, tom.Role!.Value, tom.TeamId, tom.DisplayName));
        var page = await session.GetPage($"/teams/{tom.TeamId}/dashboard");
        foreach (var figure in new[] { "followup", "referrals", "delivery", "repeat" })
            Assert.Contains(" of ", page.QuerySelector($"[data-testid=figure-{figure}] [data-testid=headline]")!.TextContent);
        Assert.True(page.QuerySelectorAll("svg[data-testid=chart]").Length >= 6);
        Assert.Contains("Gap", page.QuerySelector($"[data-testid=breakdown][data-figure={Figures.FollowUp}] [data-testid=gap]")!.TextContent);
    }
}
