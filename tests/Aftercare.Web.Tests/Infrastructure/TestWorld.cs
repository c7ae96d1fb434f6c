using Aftercare.Domain.Common;
using Aftercare.Domain.Organisation;
using Aftercare.Domain.Patients;
using Aftercare.Domain.Presentations;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Aftercare.Web.Tests.Infrastructure;

public sealed record StaffAccount(Guid Id, string Email, string Password, string? TotpKey, StaffRole Role, TeamId? TeamId, string Name);

public sealed record PatientAccount(Guid Id, string Email, string Password, PersonId PersonId);

public sealed record TeamAtSite(SiteId SiteId, TeamId TeamId, string SiteName, string TeamName);

/// <summary>Makes the sites, teams, staff and people a test needs, each with unique names.</summary>
public static class TestWorld
{
    public const string Password = "a calm harbour at dawn";

    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    public static async Task<TeamAtSite> NewTeam(this AftercareFactory f)
    {
        await using var scope = f.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AftercareDb>();
        var site = Site.Create(Unique("Hospital "), null, DateTimeOffset.UtcNow);
        var team = Team.Create(site.Id, Unique("Liaison "), DateTimeOffset.UtcNow);
        db.Sites.Add(site);
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return new TeamAtSite(site.Id, team.Id, site.Name, team.Name);
    }

    public static async Task<StaffAccount> NewStaff(this AftercareFactory f, StaffRole role, TeamAtSite? team, bool secondFactor = true)
    {
        await using var scope = f.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var email = Unique("staff.") + "@example.nhs.uk";
        var user = new UserAccount
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = Unique("Staff "),
            Role = role,
            TeamId = team?.TeamId,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        string? key = null;
        if (secondFactor)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        return new StaffAccount(user.Id, email, Password, key, role, team?.TeamId, user.DisplayName);
    }

    public static async Task<(PersonId Id, string FamilyName)> NewPerson(this AftercareFactory f, TeamAtSite team, string? nhsNumber = null, int presentations = 1)
    {
        await using var scope = f.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AftercareDb>();
        var family = Unique("Family");
        var now = DateTimeOffset.UtcNow;
        var person = Person.Register(new PersonDetails
        {
            NhsNumber = nhsNumber,
            GivenName = "Robin",
            FamilyName = family,
            DateOfBirth = new DateOnly(1999, 4, 12),
            Sex = Sex.Female,
            WhatMattersToMe = "My sister and my dog",
            Strengths = "I keep going",
        }, team.TeamId, new StaffId(Guid.NewGuid()), now);
        db.Persons.Add(person);
        for (var i = 0; i < presentations; i++)
            db.Presentations.Add(Presentation.Record(person.Id, team.SiteId, team.TeamId, new PresentationDetails
            {
                ArrivedAt = now.AddDays(-10 * (i + 1)),
                AccountInOwnWords = "I took tablets after an argument",
                Method = MethodCategory.SelfPoisoning,
            }, new StaffId(Guid.NewGuid()), now));
        await db.SaveChangesAsync();
        return (person.Id, family);
    }

    /// <summary>An account for the person, as if they had accepted their practitioner's invitation.</summary>
    public static async Task<PatientAccount> NewPatientAccount(this AftercareFactory f, PersonId person)
    {
        await using var scope = f.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var email = Unique("patient.") + "@example.com";
        var user = new UserAccount
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            DisplayName = "Robin",
            PersonId = person,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return new PatientAccount(user.Id, email, Password, person);
    }

    /// <summary>A valid NHS number in the range kept for testing (starts 999).</summary>
    public static string NewNhsNumber()
    {
        while (true)
        {
            var digits = "999" + Random.Shared.Next(0, 10_000_000).ToString("0000000");
            if (NhsNumber.HasValidCheckDigit(digits)) return digits;
        }
    }
}
