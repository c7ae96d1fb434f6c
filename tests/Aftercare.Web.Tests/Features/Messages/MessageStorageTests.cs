using Aftercare.Web.Features.Messages;
using Aftercare.Web.Live;
using Aftercare.Web.Security;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aftercare.Web.Tests.Features.Messages;

/// <summary>Messages are kept as sent, in order, whatever arrives at once, in the database itself.</summary>
[Collection("web")]
public sealed class MessageStorageTests(AftercareFactory app)
{
    private async Task Send(MessagingWorld world, string body)
    {
        await using var scope = app.Scope();
        var access = (await scope.ServiceProvider.GetRequiredService<CareAccess>().Conversation(null, PatientMessagesTests.PatientPrincipal(world), auditRead: false, default))!;
        await scope.ServiceProvider.GetRequiredService<Conversations>().Send(access, body, default);
    }

    private async Task<PostgresException> Refused(string sql)
    {
        await using var scope = app.Scope();
        await using var cmd = scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>().CreateCommand(sql);
        return await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task MessagesSentAtTheSameMoment_AreAllKept_EachInItsOwnPlace_EvenTheFirst()
    {
        var world = await app.NewMessagingWorld();

        // Ten at once, before the conversation exists: each opens it or waits for the one that did.
        await Task.WhenAll(Enumerable.Range(1, 10).Select(i => Task.Run(() => Send(world, $"At once {i}"))));

        var messages = await app.MessagesOf(world.Person);
        Assert.Equal(Enumerable.Range(1, 10), messages.Select(m => m.Sequence));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"At once {i}").Order(), messages.Select(m => m.Body).Order());
        var conversation = await app.WithDb(db => db.Conversations.AsNoTracking().SingleAsync(c => c.PersonId == world.Person));
        Assert.Equal((10, 10), (conversation.LastSequence, conversation.LastPatientSequence));
    }

    [Fact]
    public async Task TheDatabase_RefusesToChangeWhatAMessageSaid_WhoSentIt_OrWhen_AndToRemoveIt()
    {
        var world = await app.NewMessagingWorld();
        await Send(world, "What I said");
        var id = (await app.MessagesOf(world.Person)).Single().Id.Value;

        foreach (var change in new[] { "body = 'Something else'", "sender_name = 'Someone else'", "sent_at = sent_at - interval '1 day'", "sequence = 7", "sender_kind = 2" })
        {
            var e = await Refused($"UPDATE messages SET {change} WHERE id = '{id}'");
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
        }
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Refused($"DELETE FROM messages WHERE id = '{id}'")).SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Refused("TRUNCATE messages CASCADE")).SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Refused($"DELETE FROM conversations WHERE person_id = '{world.Person.Value}'")).SqlState);
        // Two messages can never take one place.
        var duplicate = await Refused(
            $"INSERT INTO messages (id, conversation_id, sequence, sender_kind, sender_id, sender_name, body, sent_at, sent_out_of_hours) " +
            $"SELECT gen_random_uuid(), conversation_id, sequence, sender_kind, sender_id, sender_name, 'Again', sent_at, false FROM messages WHERE id = '{id}'");
        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);

        Assert.Equal("What I said", (await app.MessagesOf(world.Person)).Single().Body);
    }

    [Fact]
    public async Task TheNoticeToEveryNode_CarriesIdsOnly_NeverWhatWasWritten_AndComesOnlyOnceTheMessageIsSaved()
    {
        var world = await app.NewMessagingWorld();
        await using var listen = new NpgsqlConnection(app.ConnectionString);
        await listen.OpenAsync();
        var notices = new List<string>();
        listen.Notification += (_, e) => { lock (notices) notices.Add(e.Payload); };
        await using (var cmd = new NpgsqlCommand($"LISTEN {LiveNotices.Channel}", listen)) await cmd.ExecuteNonQueryAsync();

        // Refused by the rules: nothing saved, so nothing announced.
        await Assert.ThrowsAsync<Aftercare.Domain.Common.ClinicalRuleException>(() => Send(world, "   "));
        await Send(world, "My secret words");

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (notices.Count == 0) await listen.WaitAsync(wait.Token);
        var message = (await app.MessagesOf(world.Person)).Single();
        var notice = Assert.Single(notices);
        Assert.DoesNotContain("secret", notice);
        Assert.Equal(new LiveNotices.Notice("message", message.ConversationId.Value, 1), LiveNotices.Read(notice));
    }
}
