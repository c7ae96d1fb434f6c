using System.Net;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Persons;

[Collection("web")]
public sealed class RegisterTests(AftercareFactory app)
{
    private async Task<(WebSession Session, TeamAtSite Team)> Practitioner()
    {
        var team = await app.NewTeam();
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Practitioner, team));
        return (session, team);
    }

    private static Dictionary<string, string?> Person(string family, string? nhs = null, string day = "12", string month = "4", string year = "1999") => new()
    {
        ["Form.GivenName"] = "Jordan",
        ["Form.FamilyName"] = family,
        ["Form.Sex"] = "NotSpecified",
        ["Form.NhsNumber"] = nhs,
        ["Form.DateOfBirth.Day"] = day,
        ["Form.DateOfBirth.Month"] = month,
        ["Form.DateOfBirth.Year"] = year,
        ["Form.WhatMattersToMe"] = "  My band, and my nan  ",
        ["Form.Pronouns"] = "they/them",
        ["Form.Postcode"] = "m13 9pl",
        ["Form.EthnicCategory"] = "N",
    };

    [Fact]
    public async Task RegisteringAPerson_ShowsTheirRecord_WithWhatMattersFirst_InTheirWords()
    {
        var (session, _) = await Practitioner();
        var family = TestWorld.Unique("Reg");
        var nhs = TestWorld.NewNhsNumber();
        var response = await session.PostForm("/persons/register", Person(family, nhs));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var record = await session.GetPage(response.Headers.Location!.OriginalString);
        var text = record.Body!.TextContent;
        Assert.Contains($"Jordan {family}", record.QuerySelector("h1")!.TextContent);
        Assert.Contains("My band, and my nan", text);
        Assert.Contains("M13 9PL", text);
        Assert.Contains($"{nhs[..3]} {nhs[3..6]} {nhs[6..]}", text);
        Assert.True(text.IndexOf("What matters to them", StringComparison.Ordinal) < text.IndexOf("Presentations", StringComparison.Ordinal));
        var stored = await app.WithDb(db => db.Persons.Where(p => p.FamilyName == family).Select(p => p.WhatMattersToMe).SingleAsync());
        Assert.Equal("My band, and my nan", stored);
    }

    [Theory]
    [InlineData("Form.NhsNumber", "1234567890", "valid 10-digit NHS number")]
    [InlineData("Form.GivenName", "", "Enter the person's given name")]
    [InlineData("Form.DateOfBirth.Month", "13", "must be a real date")]
    [InlineData("Form.DateOfBirth.Year", "", "must include a year")]
    [InlineData("Form.DateOfBirth.Year", "2999", "today or in the past")]
    [InlineData("Form.Postcode", "not a postcode", "real postcode")]
    public async Task BadInput_IsShownNextToTheField_AndWhatWasTypedIsKept(string field, string value, string message)
    {
        var (session, _) = await Practitioner();
        var family = TestWorld.Unique("Bad");
        var form = Person(family);
        form[field] = value;
        var response = await session.PostForm("/persons/register", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, page.QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.Contains(message, page.QuerySelector(".nhsuk-form-group--error")!.TextContent);
        Assert.Equal(family, page.QuerySelector("input[name='Form.FamilyName']")!.GetAttribute("value"));
        Assert.StartsWith("Error:", page.Title);
        Assert.Equal(0, await app.WithDb(db => db.Persons.CountAsync(p => p.FamilyName == family)));
    }

    [Fact]
    public async Task AnEmptyForm_ListsItsErrorsInTheOrderOfTheFields_EachLinkedToItsField()
    {
        var (session, _) = await Practitioner();
        var response = await session.PostForm("/persons/register", new Dictionary<string, string?>());
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        var links = page.QuerySelectorAll(".nhsuk-error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#Form_GivenName", "#Form_FamilyName", "#Form_DateOfBirth", "#Form_Sex"], links);
        Assert.All(links, href => Assert.NotNull(page.QuerySelector(href!)));
    }

    [Fact]
    public async Task ALikelyDuplicate_IsShownBeforeRegistering_AndCanBeConfirmedAsSomeoneElse()
    {
        var (session, team) = await Practitioner();
        var (existingId, family) = await app.NewPerson(team);
        var form = Person(family);
        form["Form.GivenName"] = "Robyn"; // same initial, same date of birth (12/4/1999), same family name
        var response = await session.PostForm("/persons/register", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        var warning = page.QuerySelector("[data-testid=possible-duplicates]")!;
        Assert.Contains(family, warning.TextContent);
        Assert.NotNull(warning.QuerySelector($"a[href='/persons/{existingId}']"));
        Assert.Equal(1, await app.WithDb(db => db.Persons.CountAsync(p => p.FamilyName == family)));
        // Seeing someone's name and date of birth in the warning is a read of their record, and is audited.
        Assert.Equal(1, await app.WithDb(db => db.AuditEvents.CountAsync(a => a.PersonId == existingId.Value && a.Reason == "Shown as a possible duplicate while registering")));

        form["ConfirmedNew"] = "true";
        response = await session.PostForm("/persons/register", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, await app.WithDb(db => db.Persons.CountAsync(p => p.FamilyName == family)));
    }

    [Fact]
    public async Task TheSameNhsNumber_CannotBeRegisteredTwice_EvenInAnotherTeam()
    {
        var nhs = TestWorld.NewNhsNumber();
        var (_, family) = await app.NewPerson(await app.NewTeam(), nhs);
        var (session, _) = await Practitioner();
        var form = Person(TestWorld.Unique("Other"), nhs);
        form["ConfirmedNew"] = "true";
        var response = await session.PostForm("/persons/register", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("already registered", page.QuerySelector(".nhsuk-error-summary")!.TextContent);
        var warning = page.QuerySelector("[data-testid=possible-duplicates]")!.TextContent;
        Assert.Contains(family, warning);
        Assert.Contains("Held by", warning);
        Assert.Equal(1, await app.WithDb(db => db.Persons.CountAsync(p => p.NhsNumber == nhs)));
    }

    [Fact]
    public async Task Search_FindsByNhsNumber_ByNameAndDateOfBirth_AndShowsAnotherTeamsPersonOnlyForBreakGlass()
    {
        var (session, team) = await Practitioner();
        var nhs = TestWorld.NewNhsNumber();
        var (mine, family) = await app.NewPerson(team, nhs);
        var (theirs, theirFamily) = await app.NewPerson(await app.NewTeam(), TestWorld.NewNhsNumber());

        var byNhs = await session.GetPage($"/persons?Nhs={nhs[..3]}+{nhs[3..6]}+{nhs[6..]}");
        Assert.NotNull(byNhs.QuerySelector($"[data-testid=results] a[href='/persons/{mine}']"));
        var byName = await session.GetPage($"/persons?Name=robin+{family[..8].ToLowerInvariant()}&Dob.Day=12&Dob.Month=4&Dob.Year=1999");
        Assert.NotNull(byName.QuerySelector($"[data-testid=results] a[href='/persons/{mine}']"));

        var elsewhere = await session.GetPage($"/persons?Name={theirFamily}&Dob.Day=12&Dob.Month=4&Dob.Year=1999");
        Assert.Null(elsewhere.QuerySelector($"[data-testid=results] a[href='/persons/{theirs}']"));
        Assert.NotNull(elsewhere.QuerySelector($"[data-testid=elsewhere] a[href='/persons/{theirs}/break-glass']"));
        // A partial name alone never reaches beyond the team.
        var partial = await session.GetPage($"/persons?Name={theirFamily[..8]}");
        Assert.DoesNotContain(theirFamily, partial.Body!.TextContent);

        var bad = await session.Get("/persons?Nhs=12345");
        Assert.Contains("Enter a 10-digit NHS number", await bad.Content.ReadAsStringAsync());
    }
}
