using Aftercare.Domain.Directory;
using Aftercare.Domain.Referrals;
using Aftercare.Web.Data.Demo;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aftercare.Web.Tests.Features.Referrals;

/// <summary>The demo shows referrals in different states, with a decline for risk flagged on the team's worklist.</summary>
public sealed class DemoReferralsTests(DemoModeFactory app) : IClassFixture<DemoModeFactory>
{
    [Fact]
    public async Task TheDemoSeed_MakesReferralsInDifferentStates_OneDeclinedForRiskAndFlagged_AndIsAddedOnce()
    {
        for (var i = 0; i < 2; i++)
            await using (var scope = app.Scope())
                await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();

        var all = await app.WithDb(db => db.Referrals.AsNoTracking().AsSplitQuery().ToListAsync());
        var grace = await app.WithDb(db => db.Users.SingleAsync(u => u.Email == DemoSeeder.Accounts[5].Email));
        // Grace's inbox: one waiting for her answer, one she answered herself in Aftercare, added once.
        var answeredByGrace = Assert.Single(all, r => r.History.Any(h => h.ByServiceUser == new Aftercare.Domain.Common.ServiceUserId(grace.Id)));
        Assert.Equal(ReferralStatus.Accepted, answeredByGrace.Status);
        Assert.Equal(grace.ServiceId, answeredByGrace.ServiceId);
        Assert.True(all.Count(r => r.ServiceId == grace.ServiceId && r.Status == ReferralStatus.Sent) >= 1);
        var referrals = all.Where(r => r.ServiceId != grace.ServiceId || r.Status == ReferralStatus.FirstAppointmentOffered).ToList();
        Assert.Equal(6, all.Count);
        Assert.Equal(4, referrals.Count);
        Assert.Equal([ReferralStatus.Draft, ReferralStatus.Sent, ReferralStatus.Declined, ReferralStatus.FirstAppointmentOffered],
            referrals.Select(r => r.Status).Order());
        var declined = referrals.Single(r => r.Status == ReferralStatus.Declined);
        Assert.Equal(DeclineReason.RiskOfSuicideOrSelfHarm, declined.DeclineReason);
        Assert.True(declined.IsDeclinedContraryToGuidance);
        // Referred to the demo directory's own services, each letter answering their criteria.
        var services = await app.WithDb(db => db.Services.AsNoTracking().ToDictionaryAsync(s => s.Id));
        Assert.Equal(ServiceType.NhsTalkingTherapies, services[declined.ServiceId].Type);
        Assert.All(referrals.Where(r => r.SentAt is not null), r => Assert.All(r.Letter.OfKind(LetterSectionKind.Criterion), c => Assert.NotNull(c.Text)));
        Assert.Single(referrals.Single(r => r.Status == ReferralStatus.Draft).ContributorsStillToAdd);

        var tom = await app.WithDb(db => db.Users.SingleAsync(u => u.Email == DemoSeeder.Accounts[1].Email));
        var session = app.NewSession();
        await session.SignIn(new StaffAccount(tom.Id, tom.Email!, DemoSeeder.DemoPassword, null, tom.Role!.Value, tom.TeamId, tom.DisplayName));
        Assert.Single((await session.GetPage($"/teams/{tom.TeamId}/work")).QuerySelectorAll("[data-testid=nice-decline]"));
        Assert.Single((await session.GetPage("/referrals/contributions")).QuerySelectorAll("[data-testid=waiting-item]"));

        var service = app.NewSession();
        await service.SignIn(new ServiceUserAccount(grace.Id, grace.Email!, DemoSeeder.DemoPassword, null, grace.ServiceId!.Value, DemoSeeder.DemoReceivingService, grace.DisplayName));
        var page = await service.GetPage("/service");
        Assert.Single(page.QuerySelectorAll("[data-testid=waiting] [data-testid=inbox-row]"));
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=accepted] [data-testid=inbox-row]").Length);
    }
}
