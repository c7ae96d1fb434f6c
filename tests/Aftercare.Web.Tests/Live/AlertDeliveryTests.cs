using System.Text.Json;
using Aftercare.Domain.Staff;
using Aftercare.Web.Jobs;
using Aftercare.Web.Live;
using Aftercare.Web.Tests.Features.Alerts;
using Aftercare.Web.Tests.Features.Messages;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aftercare.Web.Tests.Live;

/// <summary>
/// Duty alerts across two nodes (decision 0013, hazard H52): the alert raised through one reaches
/// the duty practitioner's live page on the other within seconds, whatever page it is (no Join),
/// as the "alert" event the benchmark measures; and when it escalates, the supervisors' pages.
/// Nobody else's page is sent it.
/// </summary>
public sealed class AlertDeliveryTests : IAsyncLifetime
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);
    private readonly AftercareFactory a = new();
    private LiveNode b = null!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)a).InitializeAsync();
        b = new LiveNode(a.DatabaseName);
        await ((IAsyncLifetime)b).InitializeAsync();
        foreach (var node in new AftercareFactory[] { a, b })
        {
            var listener = node.Services.GetRequiredService<LiveListener>();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (!listener.IsListening)
            {
                Assert.True(DateTime.UtcNow < deadline, "The node did not start listening");
                await Task.Delay(50);
            }
        }
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)b).DisposeAsync();
        await ((IAsyncLifetime)a).DisposeAsync();
    }

    private static async Task<LiveClient> Connect(AftercareFactory node, WebSession session)
    {
        var ws = node.Server.CreateWebSocketClient();
        ws.ConfigureRequest = r => r.Headers.Cookie = string.Join("; ", session.Cookies.Select(c => $"{c.Key}={c.Value}"));
        var socket = await ws.ConnectAsync(new UriBuilder(node.Server.BaseAddress) { Scheme = "ws", Path = LiveHub.Path }.Uri, CancellationToken.None);
        return await LiveClient.ConnectAsync(socket);
    }

    [Fact]
    public async Task ACrisisMessageSentThroughOneNode_ReachesTheDutyPractitionersPageOnTheOther_AndOnlyTheirs_ThenTheSupervisorsWhenItEscalates()
    {
        var world = await a.NewMessagingWorld();
        var dutyAccount = await a.NewStaff(StaffRole.Practitioner, world.Team);
        var supervisorAccount = await a.NewStaff(StaffRole.Supervisor, world.Team);
        await a.OnDuty(world.Team, dutyAccount);
        var duty = b.NewSession();
        await duty.SignIn(dutyAccount);
        var supervisor = b.NewSession();
        await supervisor.SignIn(supervisorAccount);
        var named = b.NewSession();
        await named.SignIn(world.Practitioner);
        var outsider = b.NewSession();
        await outsider.SignIn(await a.NewStaff(StaffRole.Practitioner, await a.NewTeam()));

        // Pages that joined no conversation: any staff page listens for alerts.
        await using var dutyPage = await Connect(b, duty);
        await using var supervisorPage = await Connect(b, supervisor);
        await using var namedPage = await Connect(b, named);
        await using var outsiderPage = await Connect(b, outsider);

        var alert = await a.SendCrisis(world);
        var pushed = (await dutyPage.WaitForAsync(e => e.Target == "alert", Soon)).Argument<LiveAlert>();
        Assert.Equal((alert.Id.Value, world.Person.Value, world.Team.TeamId.Value, 1, false, $"/alerts/{alert.Id}"),
            (pushed.AlertId, pushed.PersonId, pushed.TeamId, pushed.MessageSequence, pushed.Escalated, pushed.Url));
        Assert.Equal(alert.Reasons.Select(r => r.RuleName), pushed.Reasons);
        Assert.True((pushed.RaisedAt - alert.RaisedAt).Duration() < TimeSpan.FromMilliseconds(1));
        // Ids and rule names only: the person's words are read on the alert page, by the team, audited.
        var raw = dutyPage.Received.First(e => e.Target == "alert");
        Assert.DoesNotContain("kill myself", JsonSerializer.Serialize(raw.Arguments), StringComparison.OrdinalIgnoreCase);

        await Task.Delay(500);
        Assert.DoesNotContain(supervisorPage.Received, e => e.Target == "alert");
        Assert.DoesNotContain(namedPage.Received, e => e.Target == "alert");
        Assert.DoesNotContain(outsiderPage.Received, e => e.Target == "alert");

        // Nobody takes it on: its time comes, and the timer (on node A) escalates it once.
        a.Clock.Advance(TimeSpan.FromMinutes(DutyAlertMinutes + 1));
        try
        {
            var runner = a.Services.GetRequiredService<DueWorkRunner>();
            while (await runner.FireNext(default)) { }
        }
        finally
        {
            a.Clock.Reset();
        }
        var escalated = (await supervisorPage.WaitForAsync(e => e.Target == "alert", Soon)).Argument<LiveAlert>();
        Assert.Equal((alert.Id.Value, true), (escalated.AlertId, escalated.Escalated));
        await Task.Delay(500);
        Assert.DoesNotContain(outsiderPage.Received, e => e.Target == "alert");
        Assert.DoesNotContain(namedPage.Received, e => e.Target == "alert");
    }

    private const int DutyAlertMinutes = Domain.Messaging.DutyAlert.DefaultEscalationMinutes;

    [Fact]
    public async Task WithNobodyOnDuty_TheAlertReachesEveryClinicianOfTheTeam_AtOnce()
    {
        var world = await a.NewMessagingWorld();
        var supervisor = b.NewSession();
        await supervisor.SignIn(await a.NewStaff(StaffRole.Supervisor, world.Team));
        var named = a.NewSession();
        await named.SignIn(world.Practitioner);
        await using var supervisorPage = await Connect(b, supervisor);
        await using var namedPage = await Connect(a, named);

        var alert = await b.SendCrisis(world);
        Assert.Equal(alert.Id.Value, (await supervisorPage.WaitForAsync(e => e.Target == "alert", Soon)).Argument<LiveAlert>().AlertId);
        Assert.Equal(alert.Id.Value, (await namedPage.WaitForAsync(e => e.Target == "alert", Soon)).Argument<LiveAlert>().AlertId);
    }
}
