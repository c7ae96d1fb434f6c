using Aftercare.Domain.Supervision;
using Aftercare.Web.Data.Demo;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aftercare.Web.Tests.Features.Supervision;

/// <summary>The demo team has supervision sessions with Asha, an open action about the demo patient, and training in every state.</summary>
public sealed class DemoSupervisionTests(DemoModeFactory app) : IClassFixture<DemoModeFactory>
{
    [Fact]
    public async Task TheDemoTeam_HasSupervisionAndTraining_AddedOnce_ThatAshaSeesOnHerPages()
    {
        for (var i = 0; i < 2; i++)
            await using (var scope = app.Scope())
                await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();

        var asha = await app.WithDb(db => db.Users.SingleAsync(u => u.Email == DemoSeeder.Accounts[0].Email));
        Assert.Equal(2, await app.WithDb(db => db.SupervisionSessions.CountAsync(s => s.PractitionerId == asha.StaffId)));
        var session = app.NewSession();
        await session.SignIn(new StaffAccount(asha.Id, asha.Email!, DemoSeeder.DemoPassword, null, asha.Role!.Value, asha.TeamId, asha.DisplayName));
        var mine = await session.GetPage("/my/supervision");
        Assert.Contains("Jo has a copy of the safety plan", mine.QuerySelector("[data-testid=open-actions]")!.TextContent);
        Assert.Single(mine.QuerySelectorAll("[data-testid=closed-action]"));
        var training = await session.GetPage("/my/training");
        var states = training.QuerySelectorAll("[data-testid=training-cell]").Select(c => c.GetAttribute("data-state")).ToHashSet();
        Assert.Superset(new HashSet<string?> { nameof(TrainingState.Overdue), nameof(TrainingState.DueSoon), nameof(TrainingState.Current), nameof(TrainingState.NotDone) }, states);
        Assert.NotNull((await session.GetPage("/work")).QuerySelector("[data-testid=overdue-training]"));
    }
}
