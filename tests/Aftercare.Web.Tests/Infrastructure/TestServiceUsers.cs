using Aftercare.Domain.Common;
using Aftercare.Domain.Directory;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Aftercare.Web.Tests.Features.Directory;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Aftercare.Web.Tests.Infrastructure;

public sealed record ServiceUserAccount(Guid Id, string Email, string Password, string? TotpKey, ServiceId ServiceId, string ServiceName, string Name);

/// <summary>Receiving services in the directory, and the people of those services who sign in.</summary>
public static class TestServiceUsers
{
    public static async Task<(ServiceId Id, string Name)> NewReceivingService(this AftercareFactory f)
    {
        await using var scope = f.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AftercareDb>();
        var service = AftercareService.Add(new ServiceDetails
        {
            Name = TestWorld.Unique("Talking Therapies "),
            Type = ServiceType.NhsTalkingTherapies,
            // An area of its own, so it never turns up in other tests' searches.
            Areas = [DirectoryTestData.UniqueAuthority()],
            Needs = ["talking-therapy"],
            Contacts = ServiceContacts.Create("0113 496 0000", null, null, null, null, null, null),
        }, null, null, "Test data", DateTimeOffset.UtcNow);
        db.Services.Add(service);
        await db.SaveChangesAsync();
        return (service.Id, service.Name);
    }

    /// <summary>An account of the service, as if its invitation had been accepted and, unless told otherwise, a second factor set up.</summary>
    public static async Task<ServiceUserAccount> NewServiceUser(this AftercareFactory f, (ServiceId Id, string Name)? service = null, bool secondFactor = true)
    {
        var (serviceId, serviceName) = service ?? await f.NewReceivingService();
        await using var scope = f.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var email = TestWorld.Unique("service.") + "@example.org";
        var user = new UserAccount
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = TestWorld.Unique("Therapist "),
            ServiceId = serviceId,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var result = await users.CreateAsync(user, TestWorld.Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        string? key = null;
        if (secondFactor)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        return new ServiceUserAccount(user.Id, email, TestWorld.Password, key, serviceId, serviceName, user.DisplayName);
    }
}
