using System.Text.Json;
using Aftercare.Domain.Staff;
using Aftercare.Web.Live;
using Aftercare.Web.Tests.Features.Messages;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Aftercare.Web.Tests.Live;

/// <summary>A second application instance on the first one's database: another web node.</summary>
public sealed class LiveNode(string database) : AftercareFactory(database);

/// <summary>
/// Two nodes over one database (docs/decisions/0011): a message saved through one reaches live
/// pages on the other within seconds, a page that was away catches up in order, and no page ever
/// receives a conversation it was refused.
/// </summary>
public sealed class LiveDeliveryTests : IAsyncLifetime
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);
    private readonly AftercareFactory a = new();
    private LiveNode b = null!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)a).InitializeAsync();
        b = new LiveNode(a.DatabaseName);
        await ((IAsyncLifetime)b).InitializeAsync();
        await Listening(a);
        await Listening(b);
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)b).DisposeAsync();
        await ((IAsyncLifetime)a).DisposeAsync();
    }

    private static async Task Listening(AftercareFactory node)
    {
        var listener = node.Services.GetRequiredService<LiveListener>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!listener.IsListening)
        {
            Assert.True(DateTime.UtcNow < deadline, "The node did not start listening");
            await Task.Delay(50);
        }
    }

    /// <summary>A live page's connection to <paramref name="node"/>, made with <paramref name="session"/>'s cookies, as a browser's would be.</summary>
    private static async Task<LiveClient> Connect(AftercareFactory node, WebSession session)
    {
        var ws = node.Server.CreateWebSocketClient();
        ws.ConfigureRequest = r => r.Headers.Cookie = string.Join("; ", session.Cookies.Select(c => $"{c.Key}={c.Value}"));
        var socket = await ws.ConnectAsync(new UriBuilder(node.Server.BaseAddress) { Scheme = "ws", Path = LiveHub.Path }.Uri, CancellationToken.None);
        return await LiveClient.ConnectAsync(socket);
    }

    private static Func<LiveEvent, bool> Message(int sequence) =>
        e => e.Target == "message" && e.Argument<LiveMessage>().Sequence == sequence;

    [Fact]
    public async Task AMessageThePatientSendsThroughOneNode_ReachesThePractitionersLivePageOnTheOther_WithinSeconds()
    {
        var world = await a.NewMessagingWorld();
        var practitionerOnB = b.NewSession();
        await practitionerOnB.SignIn(world.Practitioner);
        await using var page = await Connect(b, practitionerOnB);
        Assert.Equal(0, (await page.InvokeAsync<LiveJoined>("Join", world.Person.Value)).LastSequence);

        var patientOnA = await a.SignedIn(world.Patient);
        await patientOnA.Send("Hello from the other node 👋");

        var pushed = (await page.WaitForAsync(Message(1), Soon)).Argument<LiveMessage>();
        Assert.Equal((world.Person.Value, "patient", "Robin", "Hello from the other node 👋", false),
            (pushed.PersonId, pushed.SenderKind, pushed.SenderName, pushed.Body, pushed.OutOfHours));
        // The practitioner answers this person: their header's count follows on the page.
        var counts = await page.WaitForAsync(e => e.Target == "counts", Soon);
        Assert.Equal(1, counts.Argument<LiveCounts>().Messages);

        // And the other way: the reply through B reaches the patient's live page on A.
        await using var theirs = await Connect(a, patientOnA);
        await theirs.InvokeAsync("Join", world.Person.Value);
        await practitionerOnB.Reply(world, "Hello back");
        var reply = (await theirs.WaitForAsync(Message(2), Soon)).Argument<LiveMessage>();
        Assert.Equal(("staff", world.Practitioner.Name, "Hello back"), (reply.SenderKind, reply.SenderName, reply.Body));
        // Replying read it: the count on the practitioner's page goes back to none.
        await page.WaitForAsync(e => e.Target == "counts" && e.Argument<LiveCounts>().Messages == 0, Soon);
    }

    [Fact]
    public async Task ABurstOfMessagesFromSeveralPeople_ReachesEachPage_Whole_InOrder_AndOnlyItsOwn()
    {
        // Notices that arrive together are read together (LiveListener.PushMessages): none may be
        // lost, reordered, or sent to another person's page on the way.
        const int Each = 12;
        var worlds = new[] { await a.NewMessagingWorld(), await a.NewMessagingWorld(), await a.NewMessagingWorld() };
        var pages = new List<LiveClient>();
        foreach (var world in worlds)
        {
            var practitioner = b.NewSession();
            await practitioner.SignIn(world.Practitioner);
            var page = await Connect(b, practitioner);
            await page.InvokeAsync("Join", world.Person.Value);
            pages.Add(page);
        }
        var patients = new List<WebSession>();
        foreach (var world in worlds) patients.Add(await a.SignedIn(world.Patient));

        await Task.WhenAll(patients.Select(async (patient, i) =>
        {
            for (var n = 1; n <= Each; n++) await patient.Send($"Message {n} from person {i}");
        }));

        for (var i = 0; i < worlds.Length; i++)
        {
            await pages[i].WaitForAsync(Message(Each), Soon);
            var shown = pages[i].Received.Where(e => e.Target == "message").Select(e => e.Argument<LiveMessage>()).ToList();
            Assert.All(shown, m => Assert.Equal(worlds[i].Person.Value, m.PersonId));
            Assert.Equal(Enumerable.Range(1, Each), shown.Select(m => m.Sequence));
            Assert.Equal(Enumerable.Range(1, Each).Select(n => $"Message {n} from person {i}"), shown.Select(m => m.Body));
        }

        // Notices committed together arrive together, and are read in one batch: announced again,
        // all twelve of the first person's messages reach their page once more, in order.
        var before = pages[0].Received.Count;
        await using (var conn = new NpgsqlConnection(a.ConnectionString))
        {
            await conn.OpenAsync();
            await using var tx = await conn.BeginTransactionAsync();
            var conversation = (await a.MessagesOf(worlds[0].Person))[0].ConversationId;
            for (var n = 1; n <= Each; n++)
            {
                await using var notify = new NpgsqlCommand("SELECT pg_notify($1, $2)", conn, tx);
                notify.Parameters.Add(new() { Value = LiveNotices.Channel });
                notify.Parameters.Add(new() { Value = LiveNotices.MessageSent(conversation, n) });
                await notify.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
        await pages[0].WaitForAsync(e => pages[0].Received.Count(r => r.Target == "message") >= 2 * Each, Soon);
        Assert.Equal(Enumerable.Range(1, Each), pages[0].Received.Skip(before).Where(e => e.Target == "message").Select(e => e.Argument<LiveMessage>().Sequence));
        foreach (var page in pages) await page.DisposeAsync();
    }

    [Fact]
    public async Task APageThatWasDisconnected_GetsEveryMessageItMissed_InOrder_WhenItAsksAfterItsLastSequence()
    {
        var world = await a.NewMessagingWorld();
        var practitioner = b.NewSession();
        await practitioner.SignIn(world.Practitioner);
        var patient = await a.SignedIn(world.Patient);

        var page = await Connect(b, practitioner);
        await page.InvokeAsync("Join", world.Person.Value);
        await patient.Send("One");
        await page.WaitForAsync(Message(1), Soon);
        await page.DisposeAsync();

        // While the page is away (a node restarting, a phone asleep), the conversation goes on.
        await patient.Send("Two");
        await patient.Send("Three");
        await (await a.SignedIn(world.Practitioner)).Reply(world, "Four, from the practitioner");
        await patient.Send("Five");

        // Back, on the other node this time: it joins again and asks after the last message it shows.
        await using var again = await Connect(a, practitioner);
        Assert.Equal(5, (await again.InvokeAsync<LiveJoined>("Join", world.Person.Value)).LastSequence);
        var missed = await again.InvokeAsync<List<LiveMessage>>("After", world.Person.Value, 1);
        Assert.Equal([2, 3, 4, 5], missed.Select(m => m.Sequence));
        Assert.Equal(["Two", "Three", "Four, from the practitioner", "Five"], missed.Select(m => m.Body));
        Assert.Equal(["patient", "patient", "staff", "patient"], missed.Select(m => m.SenderKind));
        Assert.Empty(await again.InvokeAsync<List<LiveMessage>>("After", world.Person.Value, 5));
    }

    [Fact]
    public async Task APatientsPage_CannotJoinAnotherPersonsConversation_NorAskForItsMessages()
    {
        var world = await a.NewMessagingWorld();
        var other = await a.NewMessagingWorld();
        await (await a.SignedIn(other.Patient)).Send("Not yours to read");
        var patient = await b.SignedIn(world.Patient);
        await using var page = await Connect(b, patient);

        var refused = await Assert.ThrowsAsync<LiveClientException>(() => page.InvokeAsync("Join", other.Person.Value));
        Assert.Contains(LiveHub.NotFound, refused.Message);
        refused = await Assert.ThrowsAsync<LiveClientException>(() => page.InvokeAsync("After", other.Person.Value, 0));
        Assert.Contains(LiveHub.NotFound, refused.Message);
        // Their own opens.
        await page.InvokeAsync("Join", world.Person.Value);
    }

    [Fact]
    public async Task AMessage_NeverReachesAPageThatWasRefusedItsConversation()
    {
        var world = await a.NewMessagingWorld();
        var outsider = b.NewSession();
        await outsider.SignIn(await a.NewStaff(StaffRole.Practitioner, await a.NewTeam()));
        var neighbour = b.NewSession();
        await neighbour.SignIn(await a.NewPatientAccount((await a.NewPerson(world.Team)).Id));
        var named = b.NewSession();
        await named.SignIn(world.Practitioner);

        await using var outsiderPage = await Connect(b, outsider);
        await using var neighbourPage = await Connect(b, neighbour);
        await using var namedPage = await Connect(b, named);
        await Assert.ThrowsAsync<LiveClientException>(() => outsiderPage.InvokeAsync("Join", world.Person.Value));
        await Assert.ThrowsAsync<LiveClientException>(() => neighbourPage.InvokeAsync("Join", world.Person.Value));
        await namedPage.InvokeAsync("Join", world.Person.Value);

        await (await a.SignedIn(world.Patient)).Send("Private words");
        await namedPage.WaitForAsync(Message(1), Soon);
        // Pushes to one node's pages go out together: a moment more, and still nothing for the refused.
        await Task.Delay(500);
        Assert.DoesNotContain(outsiderPage.Received, e => e.Target == "message" || JsonSerializer.Serialize(e.Arguments).Contains("Private words"));
        Assert.DoesNotContain(neighbourPage.Received, e => e.Target == "message" || JsonSerializer.Serialize(e.Arguments).Contains("Private words"));
        Assert.DoesNotContain(outsiderPage.Received, e => e.Target == "counts");
    }

    [Fact]
    public async Task ALivePage_IsClosed_OnceItsSessionHasEnded()
    {
        var world = await a.NewMessagingWorld();
        var practitioner = b.NewSession();
        await practitioner.SignIn(world.Practitioner);
        await using var page = await Connect(b, practitioner);
        await page.InvokeAsync("Join", world.Person.Value);
        var check = b.Services.GetServices<IHostedService>().OfType<LiveSessionCheck>().Single();
        Assert.Equal(0, await check.CheckOnce(default));

        // Signed out on the other node: the session ends in the database, for every node.
        await practitioner.Clone().SignOut();
        Assert.Equal(1, await check.CheckOnce(default));
        Assert.NotNull(await page.ClosedAsync(Soon));
        await Assert.ThrowsAnyAsync<Exception>(() => page.InvokeAsync("After", world.Person.Value, 0));
    }

    [Fact]
    public async Task ANodeThatLostItsDatabaseListener_ListensAgain_AndAsksItsPagesToFetchWhatTheyMissed()
    {
        var world = await a.NewMessagingWorld();
        var practitioner = b.NewSession();
        await practitioner.SignIn(world.Practitioner);
        await using var page = await Connect(b, practitioner);
        await page.InvokeAsync("Join", world.Person.Value);

        await using (var admin = new NpgsqlConnection(a.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'aftercare-live-listener'", admin);
            Assert.Equal(2L, await kill.ExecuteScalarAsync());
        }
        await (await a.SignedIn(world.Patient)).Send("Sent while the nodes were not listening");

        await page.WaitForAsync(e => e.Target == "resync", TimeSpan.FromSeconds(15));
        var missed = await page.InvokeAsync<List<LiveMessage>>("After", world.Person.Value, 0);
        Assert.Equal("Sent while the nodes were not listening", Assert.Single(missed).Body);
        await Listening(b);
    }
}
