using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;
using Aftercare.Web.Features.Work;
using Aftercare.Web.Security;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aftercare.Web.Tests.Features.Messages;

/// <summary>
/// The header's count of unread conversations and "my work"'s list of people waiting are read from
/// what the database keeps for each named practitioner (migration 0024, hazard H59). These follow a
/// conversation through every change that moves it to someone else or out of care, and check after
/// each that what is kept is exactly what a count from scratch gives.
/// </summary>
[Collection("web")]
public sealed class NamedPractitionerInboxTests(AftercareFactory app)
{
    private async Task<(int Count, string[] Waiting)> WorkOf(StaffAccount staff)
    {
        var work = await (await app.SignedIn(staff)).GetPage("/work");
        return (MessagingTestData.HeaderCount(work), work.QuerySelectorAll("[data-testid=waiting-conversation]").Select(w => w.TextContent).ToArray());
    }

    /// <summary>Every active pathway's row, worked out from the pathways, conversations and read marks as they stand, against what is kept.</summary>
    private Task AssertKeptAsCounted() => app.WithDb(async db =>
    {
        const string counted = """
            SELECT a.id, a.named_practitioner_id, a.person_id, coalesce(c.last_patient_sequence, 0), coalesce(r.last_read_sequence, 0), c.awaiting_reply_since
            FROM pathways a
            LEFT JOIN conversations c ON c.person_id = a.person_id
            LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = a.named_practitioner_id
            WHERE a.status = 1
            """;
        const string kept = "SELECT pathway_id, practitioner_id, person_id, last_patient_sequence, last_read_sequence, awaiting_reply_since FROM named_practitioner_inbox";
        var differences = await db.Database.SqlQueryRaw<int>(
            $"SELECT count(*)::int AS \"Value\" FROM (({kept} EXCEPT {counted}) UNION ALL ({counted} EXCEPT {kept})) d").SingleAsync();
        Assert.Equal(0, differences);
        return 0;
    });

    private async Task HandOver(MessagingWorld world, StaffAccount supervisor, StaffAccount to) =>
        await WebSession.AssertRedirect(await (await app.SignedIn(supervisor)).PostForm($"/persons/{world.Person}/pathway/named-practitioner",
            new Dictionary<string, string?> { ["Form.To"] = to.Id.ToString(), ["Form.Reason"] = "Asha is on leave for a month" }));

    [Fact]
    public async Task AHandover_MovesTheUnreadConversation_ToTheNewNamedPractitioner_AndReadingClearsItForThemAlone()
    {
        var world = await app.NewMessagingWorld();
        var next = await app.NewStaff(StaffRole.Practitioner, world.Team);
        var supervisor = await app.NewStaff(StaffRole.Supervisor, world.Team);
        var patient = await app.SignedIn(world.Patient);
        await patient.Send("Can I move my session?");
        Assert.Equal(1, (await WorkOf(world.Practitioner)).Count);
        Assert.Equal(0, (await WorkOf(next)).Count);

        await HandOver(world, supervisor, next);
        await AssertKeptAsCounted();
        var before = await WorkOf(world.Practitioner);
        Assert.Equal((0, 0), (before.Count, before.Waiting.Length));
        var after = await WorkOf(next);
        Assert.Equal(1, after.Count);
        Assert.Contains("New to you", Assert.Single(after.Waiting));

        // Reading clears it for the one who read; the person still waits for a reply.
        await (await app.SignedIn(next)).GetPage(world.StaffUrl);
        await AssertKeptAsCounted();
        after = await WorkOf(next);
        Assert.Equal(0, after.Count);
        Assert.DoesNotContain("New to you", Assert.Single(after.Waiting));

        await patient.Send("Thursday would be better");
        await AssertKeptAsCounted();
        Assert.Equal(1, (await WorkOf(next)).Count);
        Assert.Equal(0, (await WorkOf(world.Practitioner)).Count);
    }

    [Fact]
    public async Task WhenCareEnds_TheConversationLeavesTheCount_AndWhenCareStartsAgain_TheNewPractitionerSeesWhatIsUnread()
    {
        var world = await app.NewMessagingWorld();
        await (await app.SignedIn(world.Patient)).Send("Thank you for everything");
        Assert.Equal(1, (await WorkOf(world.Practitioner)).Count);

        await app.EndCare(world);
        await AssertKeptAsCounted();
        var ended = await WorkOf(world.Practitioner);
        Assert.Equal((0, 0), (ended.Count, ended.Waiting.Length));

        // Back in hospital a month later: a new pathway with someone else, who has never read the conversation.
        var next = await app.NewStaff(StaffRole.Practitioner, world.Team);
        await app.NewPathway(world.Team, next, DateTimeOffset.UtcNow.AddHours(-1), person: world.Person);
        await AssertKeptAsCounted();
        var again = await WorkOf(next);
        Assert.Equal(1, again.Count);
        Assert.Contains($"Robin {world.Family}", Assert.Single(again.Waiting));
        Assert.Equal(0, (await WorkOf(world.Practitioner)).Count);
    }

    [Fact]
    public async Task APractitionerNamedOnOnePathway_AndCoveringAnotherOfTheSamePerson_CountsTheirConversationOnce()
    {
        var world = await app.NewMessagingWorld();
        var other = await app.NewStaff(StaffRole.Practitioner, world.Team);
        var (_, second) = await app.NewPathway(world.Team, other, DateTimeOffset.UtcNow.AddHours(-1), person: world.Person);
        await app.ArrangeCover(world with { Pathway = second, Practitioner = other }, world.Practitioner);
        await (await app.SignedIn(world.Patient)).Send("Hello both");

        await AssertKeptAsCounted();
        var both = await WorkOf(world.Practitioner);
        Assert.Equal(1, both.Count);
        Assert.Single(both.Waiting);
        Assert.Equal(1, (await WorkOf(other)).Count);
    }

    [Fact]
    public async Task AMessageSentWhileAHandoverIsUnderway_IsCountedForTheNewPractitioner()
    {
        var world = await app.NewMessagingWorld();
        var next = await app.NewStaff(StaffRole.Practitioner, world.Team);
        var supervisor = await app.NewStaff(StaffRole.Supervisor, world.Team);
        await (await app.SignedIn(world.Patient)).Send("First");
        var supervisorSession = await app.SignedIn(supervisor);

        // A message from the person, written but not yet committed, as a send is in its last moment.
        await using var sending = new NpgsqlConnection(app.ConnectionString);
        await sending.OpenAsync();
        await using var tx = await sending.BeginTransactionAsync();
        await using (var send = new NpgsqlCommand(
            "UPDATE conversations SET last_sequence = last_sequence + 1, last_patient_sequence = last_sequence + 1, awaiting_reply_since = now() WHERE person_id = $1",
            sending, tx)
        { Parameters = { new() { Value = world.Person.Value } } })
            Assert.Equal(1, await send.ExecuteNonQueryAsync());

        // The handover starts meanwhile; it must wait for the message rather than miss it.
        var handover = supervisorSession.PostForm($"/persons/{world.Person}/pathway/named-practitioner",
            new Dictionary<string, string?> { ["Form.To"] = next.Id.ToString(), ["Form.Reason"] = "Asha is on leave for a month" });
        await WaitUntilWaitingOnALock(handover);
        await tx.CommitAsync();
        await WebSession.AssertRedirect(await handover);

        await AssertKeptAsCounted();
        Assert.Equal(1, (await WorkOf(next)).Count);
        Assert.Equal(2, await app.WithDb(db => db.Database.SqlQuery<int>(
            $"SELECT last_patient_sequence AS \"Value\" FROM named_practitioner_inbox WHERE pathway_id = {world.Pathway.Value}").SingleAsync()));
    }

    /// <summary>Until a statement of this test's database waits on a lock, or the request ends (then the order of the two is not what is tested).</summary>
    private async Task WaitUntilWaitingOnALock(Task request)
    {
        for (var i = 0; i < 200 && !request.IsCompleted; i++)
        {
            var waiting = await app.WithDb(db => db.Database.SqlQuery<int>(
                $"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").SingleAsync());
            if (waiting > 0) return;
            await Task.Delay(25);
        }
        Assert.Fail("The handover neither waited for the message being sent nor finished");
    }

    [Fact]
    public async Task MyWork_ListsEveryoneWaiting_LongestFirst_EachWithTheirOwnName_AndCountsOnlyWhatIsUnread()
    {
        // Three people in the same practitioner's care write, a moment apart; the practitioner
        // reads the second's conversation, so that one still waits for a reply but is not new.
        var world = await app.NewMessagingWorld();
        var people = new List<(PersonId Person, string Family, PatientAccount Account)> { (world.Person, world.Family, world.Patient) };
        for (var i = 0; i < 2; i++)
        {
            var (person, _) = await app.NewPathway(world.Team, world.Practitioner, DateTimeOffset.UtcNow.AddDays(-1));
            people.Add((person, await app.WithDb(db => db.Persons.Where(p => p.Id == person).Select(p => p.FamilyName).SingleAsync()),
                await app.NewPatientAccount(person)));
        }
        foreach (var (_, family, account) in people) await (await app.SignedIn(account)).Send($"A message from {family}");
        await (await app.SignedIn(world.Practitioner)).GetPage($"/persons/{people[1].Person}/messages");
        // The third is answered by a colleague: no longer waiting for a reply, but still new to the practitioner.
        await app.WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE conversations SET awaiting_reply_since = NULL WHERE person_id = {people[2].Person.Value}"));

        var (count, waiting) = await WorkOf(world.Practitioner);
        Assert.Equal(2, count);
        Assert.Equal(3, waiting.Length);
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains(people[i].Family, waiting[i]);
            Assert.Equal(i != 1, waiting[i].Contains("New to you"));
        }
        Assert.Contains("Answered by a colleague", waiting[2]);

        // The page reads them in the banner's row; read on their own (the banner already known), they are the same.
        await using var scope = app.Scope();
        var worklists = scope.ServiceProvider.GetRequiredService<Worklists>();
        var me = new CurrentStaff(new StaffId(world.Practitioner.Id), world.Practitioner.Name, world.Practitioner.Role, world.Practitioner.TeamId, null);
        var now = DateTimeOffset.UtcNow;
        var inBanner = await worklists.ForPractitioner(me, now, 10, default);
        var banner = await worklists.Overdue(me, now);
        var alone = await worklists.ForPractitioner(me, now, 11, default);
        Assert.Equal(2, banner.UnreadConversations);
        // Each row's name is its own person's, and so is the conversation its link opens.
        Assert.Equal(people.Select(p => p.Person), inBanner.Messages.Select(m => m.PersonId));
        Assert.All(inBanner.Messages.Zip(people), x => Assert.EndsWith(" " + x.Second.Family, x.First.PersonName));
        Assert.Equal(people.Select(p => $"/persons/{p.Person}/messages"), inBanner.Messages.Select(m => m.Link));
        Assert.Equal([true, false, true], inBanner.Messages.Select(m => m.Unread));
        Assert.Equal(inBanner.Messages, alone.Messages);
        Assert.Equal([true, true, false], inBanner.Messages.Select(m => m.AwaitingReplySince is not null));
    }
}
