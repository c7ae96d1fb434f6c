using System.Net;
using Aftercare.Domain.Staff;
using Aftercare.Web.Security;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Aftercare.Web.Tests.Security;

/// <summary>Demo mode excuses seeded demo accounts from the second factor, and no one else.</summary>
public sealed class DemoModeSignInTests(DemoModeFactory app) : IClassFixture<DemoModeFactory>
{
    [Fact]
    public async Task ADemoAccount_SignsInWithoutASecondFactor_AndEveryPageShowsTheDemoBanner()
    {
        var account = await app.NewStaff(StaffRole.Practitioner, await app.NewTeam(), secondFactor: false);
        await using (var scope = app.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var user = (await users.FindByIdAsync(account.Id.ToString()))!;
            user.IsDemoAccount = true;
            await users.UpdateAsync(user);
        }
        var session = app.NewSession();
        await session.SignIn(account);
        foreach (var url in new[] { "/", "/persons", "/persons/register" })
            Assert.Contains("Demo mode", (await session.GetPage(url)).QuerySelector(".app-demo-banner")!.TextContent);
        Assert.NotNull((await session.GetPage("/account/sign-in")).QuerySelector(".app-demo-banner"));
    }

    [Fact]
    public async Task TheDemoSeed_GivesAPatientAccount_ThatSignsInToTheirOwnPlan()
    {
        await using (var scope = app.Scope())
            await scope.ServiceProvider.GetRequiredService<Aftercare.Web.Data.Demo.DemoSeeder>().SeedIfEmptyAsync();
        var (email, role) = Aftercare.Web.Data.Demo.DemoSeeder.Accounts.Single(a => a.Role == "Patient");
        var session = app.NewSession();
        var person = await app.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.Email == email));
        await session.SignIn(new PatientAccount(person.Id, email, Aftercare.Web.Data.Demo.DemoSeeder.DemoPassword, person.PersonId!.Value));
        Assert.Contains("My niece, Maya", (await session.GetPage("/my/plan")).QuerySelector("[data-testid=plan]")!.TextContent);
        Assert.Equal("Patient", role);
    }

    [Fact]
    public async Task TheDemoSeed_GivesAReceivingServiceAccount_ThatLandsOnItsServicesReferrals()
    {
        const string name = Aftercare.Web.Data.Demo.DemoSeeder.DemoReceivingService;
        await using (var scope = app.Scope())
            await scope.ServiceProvider.GetRequiredService<Aftercare.Web.Data.Demo.DemoSeeder>().SeedIfEmptyAsync();
        var (email, role) = Aftercare.Web.Data.Demo.DemoSeeder.Accounts.Single(a => a.Role == "Service");
        var account = await app.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.Email == email));
        var service = await app.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Services, s => s.Id == account.ServiceId));
        Assert.Equal(name, service.Name);
        Assert.True(account.IsDemoAccount);

        var session = app.NewSession();
        await session.SignIn(new ServiceUserAccount(account.Id, email, Aftercare.Web.Data.Demo.DemoSeeder.DemoPassword, null, service.Id, name, account.DisplayName));
        Assert.Equal("Referrals to " + name, (await session.GetPage("/service")).QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Service", role);
    }

    [Fact]
    public async Task AnOrdinaryAccount_StillNeedsItsSecondFactor_InDemoMode()
    {
        var account = await app.NewStaff(StaffRole.Practitioner, await app.NewTeam(), secondFactor: false);
        var session = app.NewSession();
        await session.PostForm("/account/sign-in", new Dictionary<string, string?> { ["Form.Email"] = account.Email, ["Form.Password"] = account.Password });
        var response = await session.Get("/persons");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/set-up-two-factor", response.Headers.Location!.ToString());
    }
}
