using System.Net;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Messages;

/// <summary>
/// A person's messages are read only by them and by those who may read their record; everyone
/// else is answered not found, on every page and on the live connection, and leaves no read behind.
/// </summary>
[Collection("web")]
public sealed class MessageAccessTests(AftercareFactory app)
{
    public enum Outsider { PractitionerOfAnotherTeam, SupervisorOfAnotherTeam, Administrator, AnotherPatientOfTheTeam, ThePersonThemselves, ReceivingService }

    public static readonly TheoryData<Outsider> Outsiders = new(Enum.GetValues<Outsider>());

    private async Task<(MessagingWorld World, string Secret)> AConversation()
    {
        var world = await app.NewMessagingWorld();
        var secret = TestWorld.Unique("secret");
        await (await app.SignedIn(world.Patient)).Send($"Only for my team: {secret}");
        return (world, secret);
    }

    private async Task<(WebSession Session, Guid Account)> SignedIn(Outsider who, MessagingWorld world)
    {
        var session = app.NewSession();
        switch (who)
        {
            case Outsider.PractitionerOfAnotherTeam or Outsider.SupervisorOfAnotherTeam or Outsider.Administrator:
                var staff = await app.NewStaff(who switch
                {
                    Outsider.PractitionerOfAnotherTeam => StaffRole.Practitioner,
                    Outsider.SupervisorOfAnotherTeam => StaffRole.Supervisor,
                    _ => StaffRole.Administrator,
                }, who == Outsider.Administrator ? null : await app.NewTeam());
                await session.SignIn(staff);
                return (session, staff.Id);
            case Outsider.AnotherPatientOfTheTeam:
                var (other, _) = await app.NewPerson(world.Team);
                var account = await app.NewPatientAccount(other);
                await session.SignIn(account);
                return (session, account.Id);
            case Outsider.ThePersonThemselves:
                await session.SignIn(world.Patient);
                return (session, world.Patient.Id);
            default:
                var service = await app.NewServiceUser();
                await session.SignIn(service);
                return (session, service.Id);
        }
    }

    /// <summary>Not found (or the sign-in page), showing nothing of the conversation.</summary>
    private static async Task AssertNotFound(HttpResponseMessage response, string secret, string what)
    {
        var signIn = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/sign-in");
        Assert.True(response.StatusCode == HttpStatusCode.NotFound || signIn, $"{what} answered {(int)response.StatusCode} {response.Headers.Location}");
        Assert.DoesNotContain(secret, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A post as their own form would make it, with a valid anti-forgery token of their session.</summary>
    private static Task<HttpResponseMessage> Post(WebSession session, string url, string body) =>
        session.PostForm("/account/sign-in", new Dictionary<string, string?> { ["Form.Body"] = body }, url);

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task TheStaffMessagesPage_ForEveryoneOutsideTheCareTeam_IsNotFound_ReadOrPosted_AndLeavesNoReadBehind(Outsider who)
    {
        var (world, secret) = await AConversation();
        var (session, account) = await SignedIn(who, world);
        Task<int> Reads() => app.WithDb(db => db.AuditEvents.CountAsync(e => e.ActorId == account && e.PersonId == world.Person.Value && e.EntityType == "Conversation"));
        var before = await Reads();

        foreach (var url in new[] { world.StaffUrl, $"{world.StaffUrl}?q=only", $"{world.StaffUrl}?before=2" })
            await AssertNotFound(await session.Get(url), secret, "GET " + url);
        await AssertNotFound(await Post(session, world.StaffUrl, "Let me in"), secret, "POST");

        Assert.Single(await app.MessagesOf(world.Person));
        Assert.Equal(before, await Reads());
    }

    [Fact]
    public async Task TheStaffMessagesPage_WhenNotSignedIn_GoesToSignIn()
    {
        var (world, secret) = await AConversation();
        var response = await app.NewSession().Get(world.StaffUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location!.ToString());
        Assert.DoesNotContain(secret, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(StaffRole.Practitioner)]
    [InlineData(StaffRole.Supervisor)]
    [InlineData(StaffRole.Administrator)]
    public async Task ThePatientsOwnMessagesPage_ForStaff_IsNotFound_EvenOfTheirTeam(StaffRole role)
    {
        var (world, secret) = await AConversation();
        var session = await app.SignedIn(await app.NewStaff(role, role == StaffRole.Administrator ? null : world.Team));

        await AssertNotFound(await session.Get(MessagingWorld.PatientUrl), secret, "GET");
        await AssertNotFound(await Post(session, MessagingWorld.PatientUrl, "From staff"), secret, "POST");
        Assert.Single(await app.MessagesOf(world.Person));
    }

    [Fact]
    public async Task ThePatientsOwnMessagesPage_ForAReceivingService_IsNotFound_AndSignedOut_GoesToSignIn()
    {
        var (world, secret) = await AConversation();
        var service = app.NewSession();
        await service.SignIn(await app.NewServiceUser());
        await AssertNotFound(await service.Get(MessagingWorld.PatientUrl), secret, "GET");
        await AssertNotFound(await Post(service, MessagingWorld.PatientUrl, "From a service"), secret, "POST");

        var response = await app.NewSession().Get(MessagingWorld.PatientUrl);
        Assert.Contains("/account/sign-in", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task APatient_ReadsOnlyTheirOwnConversation_WhateverTheyAskFor()
    {
        var (world, secret) = await AConversation();
        var (other, _) = await app.NewPerson(world.Team);
        var neighbour = await app.SignedIn(await app.NewPatientAccount(other));

        var page = await neighbour.GetPage(MessagingWorld.PatientUrl);
        Assert.DoesNotContain(secret, page.Body!.TextContent);
        Assert.Empty(page.QuerySelectorAll("[data-testid=message]"));
        // The page takes no person from the address: asking for another's changes nothing.
        page = await neighbour.GetPage($"{MessagingWorld.PatientUrl}?person={world.Person}&id={world.Person}");
        Assert.DoesNotContain(secret, page.Body!.TextContent);
    }

    public enum NotTheirSupervisor { PractitionerOfTheTeam, SupervisorOfAnotherTeam, Administrator, Patient, ReceivingService }

    public static readonly TheoryData<NotTheirSupervisor> NotSupervisors = new(Enum.GetValues<NotTheirSupervisor>());

    [Theory]
    [MemberData(nameof(NotSupervisors))]
    public async Task TheReadingHoursPage_IsTheTeamsSupervisorsAlone(NotTheirSupervisor who)
    {
        var world = await app.NewMessagingWorld();
        var session = app.NewSession();
        switch (who)
        {
            case NotTheirSupervisor.PractitionerOfTheTeam: await session.SignIn(await app.NewStaff(StaffRole.Practitioner, world.Team)); break;
            case NotTheirSupervisor.SupervisorOfAnotherTeam: await session.SignIn(await app.NewStaff(StaffRole.Supervisor, await app.NewTeam())); break;
            case NotTheirSupervisor.Administrator: await session.SignIn(await app.NewStaff(StaffRole.Administrator, null)); break;
            case NotTheirSupervisor.Patient: await session.SignIn(world.Patient); break;
            default: await session.SignIn(await app.NewServiceUser()); break;
        }
        var url = $"/teams/{world.Team.TeamId}/message-hours";

        Assert.Equal(HttpStatusCode.NotFound, (await session.Get(url)).StatusCode);
        var response = await session.PostForm("/account/sign-in", new Dictionary<string, string?> { ["Form.Monday"] = "10:00 to 11:00", ["Form.ReplyWithinHours"] = "1" }, url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(MessagingTestData.AlwaysReading, await app.WithDb(db => db.Teams.Where(t => t.Id == world.Team.TeamId).Select(t => t.MessageReadingHours).SingleAsync()));
    }

    [Theory]
    [InlineData(StaffRole.Administrator)]
    [InlineData(null)]
    public async Task TheLiveConnection_ForAnAdministratorOrAReceivingService_IsNotFound(StaffRole? role)
    {
        var session = app.NewSession();
        if (role is { } r) await session.SignIn(await app.NewStaff(r, null));
        else await session.SignIn(await app.NewServiceUser());

        var response = await session.PostForm("/account/sign-in", new Dictionary<string, string?>(), "/hubs/live/negotiate?negotiateVersion=1");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Get("/hubs/live")).StatusCode);
    }

    [Fact]
    public async Task TheLiveConnection_OpensForAClinicianAndAPatient_NotWhenSignedOut_NorFromAnotherSite()
    {
        var world = await app.NewMessagingWorld();
        foreach (var session in new[] { await app.SignedIn(world.Practitioner), await app.SignedIn(world.Patient) })
        {
            var response = await session.PostForm("/account/sign-in", new Dictionary<string, string?>(), "/hubs/live/negotiate?negotiateVersion=1");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("connectionToken", await response.Content.ReadAsStringAsync());
        }
        var signedOut = await app.NewSession().PostWithToken("/hubs/live/negotiate?negotiateVersion=1", null, new Dictionary<string, string?>());
        Assert.NotEqual(HttpStatusCode.OK, signedOut.StatusCode);

        var practitioner = await app.SignedIn(world.Practitioner);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hubs/live");
        request.Headers.Add("Origin", "https://elsewhere.example");
        request.Headers.Add("Cookie", string.Join("; ", practitioner.Cookies.Select(c => $"{c.Key}={c.Value}")));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().SendAsync(request)).StatusCode);
    }
}
