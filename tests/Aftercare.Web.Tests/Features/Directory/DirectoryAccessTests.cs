using System.Net;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Directory;

/// <summary>
/// Staff read the directory; only administrators change it; patients cannot reach any of it, and
/// someone not signed in is asked to sign in.
/// </summary>
[Collection("web")]
public sealed class DirectoryAccessTests(AftercareFactory app)
{
    public static readonly TheoryData<string> ManagePages = new()
    {
        "/directory/manage",
        "/directory/manage/add",
        "/directory/manage/{id}",
        "/directory/manage/import",
        "/directory/manage/export",
    };

    public static readonly TheoryData<string> EveryPage = new()
    {
        "/directory",
        "/directory/services/{id}",
        "/directory/manage",
        "/directory/manage/add",
        "/directory/manage/{id}",
        "/directory/manage/import",
        "/directory/manage/export",
    };

    private async Task<(string Url, string Name)> Page(string page)
    {
        var service = await app.NewService(DirectoryTestData.Details(TestWorld.Unique("Hidden Service ")));
        return (page.Replace("{id}", service.Id.ToString()), service.Name);
    }

    private async Task<WebSession> SignedIn(StaffRole role)
    {
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(role, role == StaffRole.Administrator ? null : await app.NewTeam()));
        return session;
    }

    private static async Task AssertNotFound(WebSession session, string url, string name)
    {
        var response = await session.Get(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(name, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(ManagePages))]
    public async Task ManagingTheDirectory_ForAPractitionerOrSupervisor_IsNotFound(string page)
    {
        var (url, name) = await Page(page);
        await AssertNotFound(await SignedIn(StaffRole.Practitioner), url, name);
        await AssertNotFound(await SignedIn(StaffRole.Supervisor), url, name);
    }

    [Theory]
    [MemberData(nameof(EveryPage))]
    public async Task EveryDirectoryPage_ForAPatient_IsNotFound(string page)
    {
        var (url, name) = await Page(page);
        var (person, _) = await app.NewPerson(await app.NewTeam());
        var patient = app.NewSession();
        await patient.SignIn(await app.NewPatientAccount(person));
        await AssertNotFound(patient, url, name);
    }

    [Theory]
    [MemberData(nameof(EveryPage))]
    public async Task EveryDirectoryPage_WhenNotSignedIn_GoesToSignIn(string page)
    {
        var (url, name) = await Page(page);
        var response = await app.NewSession().Get(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location!.ToString());
        Assert.DoesNotContain(name, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(StaffRole.Practitioner)]
    [InlineData(StaffRole.Supervisor)]
    [InlineData(StaffRole.Administrator)]
    public async Task EveryMemberOfStaff_ReadsTheDirectory(StaffRole role)
    {
        var (url, name) = await Page("/directory/services/{id}");
        var session = await SignedIn(role);
        Assert.Contains(name, (await session.GetPage(url)).QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await session.Get("/directory")).StatusCode);
    }

    [Fact]
    public async Task APractitionerPostingToAnAdministratorsForm_IsNotFound_AndNothingIsAdded()
    {
        var practitioner = await SignedIn(StaffRole.Practitioner);
        var name = TestWorld.Unique("Sneaky Service ");

        var response = await practitioner.PostForm("/account/sign-out", new Dictionary<string, string?>
        {
            ["Form.Name"] = name,
            ["Form.Type"] = "Other",
            ["Form.Coverage"] = "national",
            ["Form.Phone"] = "0113 496 0000",
        }, "/directory/manage/add");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await app.WithDb(db => db.Services.AnyAsync(s => s.Name == name)));
    }

    [Fact]
    public async Task AnUnknownService_IsNotFound()
    {
        var admin = await SignedIn(StaffRole.Administrator);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Get($"/directory/services/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Get($"/directory/manage/{Guid.NewGuid()}")).StatusCode);
    }
}
