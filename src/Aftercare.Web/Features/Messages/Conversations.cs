using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;
using Aftercare.Web.Data;
using Aftercare.Web.Jobs;
using Aftercare.Web.Live;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Aftercare.Web.Features.Messages;

/// <summary>One message as a page shows it.</summary>
public sealed record MessageView(int Sequence, SenderKind Kind, string SenderName, string Body, DateTimeOffset SentAt, bool OutOfHours)
{
    public string SentAtText => UkTime.Format(SentAt);
}

/// <summary>A page of the transcript, oldest first, and where the pages around it start.</summary>
public sealed record TranscriptPage(Conversation? Conversation, List<MessageView> Messages, int? EarlierBefore, bool IsLatest)
{
    public int LastSequence => Conversation?.LastSequence ?? 0;
}

/// <summary>Messages matching a search, newest first, a page at a time, with how many match in all.</summary>
public sealed record SearchResults(string Query, List<MessageView> Messages, int Total, int Page, int PageSize)
{
    public bool HasMore => Page * PageSize < Total;
}

/// <summary>What the person's home page says about their messages.</summary>
public sealed record MyMessagesSummary(int UnreadReplies, DateTimeOffset? ExpectedReplyBy, string? ExpectedReplyText, bool ReplyIsLate);

/// <summary>
/// Reading and sending a person's messages. Callers have asked <see cref="CareAccess"/> first: this
/// takes the answer (<see cref="ConversationAccess"/>), never a bare id from an address. Sending
/// happens in one transaction that locks the conversation's row, so two messages sent at once take
/// the next two places and both are kept; the notice that wakes every node's live pages
/// (<see cref="LiveNotices"/>) is part of the same transaction, so it is delivered only if the
/// message was saved (docs/decisions/0011).
/// </summary>
public sealed class Conversations(AftercareDb db, NpgsqlDataSource dataSource, AuditTrail audit, TimeProvider clock, TeamRuleSets ruleSets)
{
    public const int PageSize = 50;
    public const int SearchPageSize = 20;

    /// <summary>The latest <see cref="PageSize"/> messages, or those before a sequence for an earlier page.</summary>
    public async Task<TranscriptPage> Read(PersonId person, int? before, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.PersonId == person, ct);
        if (conversation is null) return new TranscriptPage(null, [], null, true);
        var query = db.Messages.AsNoTracking().Where(m => m.ConversationId == conversation.Id);
        if (before is { } b) query = query.Where(m => m.Sequence < b);
        var newestFirst = await query.OrderByDescending(m => m.Sequence).Take(PageSize + 1)
            .Select(m => new MessageView(m.Sequence, m.SenderKind, m.SenderName, m.Body, m.SentAt, m.SentOutOfHours)).ToListAsync(ct);
        var earlier = newestFirst.Count > PageSize;
        var shown = newestFirst.Take(PageSize).Reverse().ToList();
        return new TranscriptPage(conversation, shown, earlier ? shown[0].Sequence : null,
            IsLatest: before is null || shown.Count == 0 || shown[^1].Sequence == conversation.LastSequence);
    }

    /// <summary>The last sequence of the person's conversation; 0 when they have none yet.</summary>
    public async Task<int> LastSequence(PersonId person, CancellationToken ct) =>
        await db.Conversations.AsNoTracking().Where(c => c.PersonId == person).Select(c => (int?)c.LastSequence).FirstOrDefaultAsync(ct) ?? 0;

    /// <summary>Messages after a sequence, oldest first: what a live page asks for when it (re)connects.</summary>
    public async Task<List<LiveMessage>> After(PersonId person, int sequence, CancellationToken ct)
    {
        var messages = await Of(person).Where(m => m.Sequence > sequence).OrderBy(m => m.Sequence).Take(500)
            .Select(m => new MessageView(m.Sequence, m.SenderKind, m.SenderName, m.Body, m.SentAt, m.SentOutOfHours)).ToListAsync(ct);
        return [.. messages.Select(m => LiveMessage.From(person.Value, m))];
    }

    /// <summary>The person's messages, found through their conversation's unique index.</summary>
    private IQueryable<Message> Of(PersonId person) =>
        from c in db.Conversations.AsNoTracking()
        where c.PersonId == person
        join m in db.Messages.AsNoTracking() on c.Id equals m.ConversationId
        select m;

    /// <summary>
    /// Messages containing the words searched for, whatever their case, newest first. The search
    /// reads one conversation's messages from their index; a conversation is hundreds of
    /// messages, not millions.
    /// </summary>
    public async Task<SearchResults> Search(PersonId person, string query, int page, CancellationToken ct)
    {
        page = Math.Max(1, page);
        var pattern = "%" + EscapeLike(query) + "%";
        var matching = Of(person).Where(m => EF.Functions.ILike(m.Body, pattern, "\\"));
        var total = await matching.CountAsync(ct);
        var messages = await matching.OrderByDescending(m => m.Sequence).Skip((page - 1) * SearchPageSize).Take(SearchPageSize)
            .Select(m => new MessageView(m.Sequence, m.SenderKind, m.SenderName, m.Body, m.SentAt, m.SentOutOfHours)).ToListAsync(ct);
        return new SearchResults(query, messages, total, page, SearchPageSize);
    }

    /// <summary>For the person's home page: how many replies they have not read, and when to expect one.</summary>
    public async Task<MyMessagesSummary> Summary(ConversationAccess access, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.PersonId == access.PersonId, ct);
        if (conversation is null) return new MyMessagesSummary(0, null, null, false);
        var readUpTo = await db.ConversationReads.AsNoTracking()
            .Where(r => r.ConversationId == conversation.Id && r.UserId == access.Reader.Id).Select(r => (int?)r.LastReadSequence).FirstOrDefaultAsync(ct) ?? 0;
        var unread = await db.Messages.AsNoTracking()
            .CountAsync(m => m.ConversationId == conversation.Id && m.Sequence > readUpTo && m.SenderKind == SenderKind.Staff, ct);
        var expected = access.CareIsActive ? conversation.ExpectedReplyBy(access.Hours, access.ReplyWithinHours) : null;
        var now = clock.GetUtcNow();
        return new MyMessagesSummary(unread, expected, expected is { } at ? access.Hours.DescribeMoment(at, now) : null, expected < now);
    }

    /// <summary>Records that this reader has read the conversation up to a sequence (never backwards).</summary>
    public async Task MarkRead(ConversationId conversation, Guid reader, int upTo, CancellationToken ct)
    {
        if (upTo <= 0) return;
        await using var cmd = dataSource.CreateCommand(MarkReadSql);
        cmd.Parameters.Add(new() { Value = conversation.Value });
        cmd.Parameters.Add(new() { Value = reader });
        cmd.Parameters.Add(new() { Value = upTo });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private const string MarkReadSql =
        """
        INSERT INTO conversation_reads (conversation_id, user_id, last_read_sequence, read_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (conversation_id, user_id) DO UPDATE
            SET last_read_sequence = greatest(conversation_reads.last_read_sequence, excluded.last_read_sequence), read_at = excluded.read_at
        """;

    /// <summary>
    /// Sends a message from the reader of <paramref name="access"/>, who must be allowed to write.
    /// The conversation is opened on the first message. Throws <see cref="ClinicalRuleException"/>
    /// when a rule refuses it; nothing is saved then.
    /// </summary>
    public async Task<SentMessages> Send(ConversationAccess access, string? body, CancellationToken ct)
    {
        if (!access.MayWrite && access.CareIsActive) throw new InvalidOperationException("This reader may not write in this conversation");
        var now = clock.GetUtcNow();
        // The person's words are read against their team's rules as they stood when the conversation was read for this send.
        var crisisRules = access.IsPatient ? await ruleSets.For(access.TeamId, access.TeamCrisisRules, db, ct) : null;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The row lock makes a second message sent at the same moment wait for this one, then take the next place.
        var conversation = await Locked(access.PersonId, ct);
        if (conversation is null)
        {
            // The first message opens the conversation; if another opens it at the same moment, this one waits and takes it.
            var fresh = Conversation.Open(access.PersonId, now);
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO conversations (id, person_id, opened_at, last_sequence, last_patient_sequence) VALUES ({fresh.Id.Value}, {access.PersonId.Value}, {now}, 0, 0) ON CONFLICT (person_id) DO NOTHING", ct);
            conversation = await Locked(access.PersonId, ct) ?? throw new InvalidOperationException("The conversation just opened could not be read");
        }
        var sent = conversation.Send(access.Reader, body, access.Hours, access.CareIsActive, now, crisisRules);
        db.Messages.AddRange(sent.All);
        audit.Add(AuditActions.Create, "Message", sent.Message.Id.ToString(), access.PersonId.Value,
            sent.AutomaticReply is null ? null : "Sent while the team was not reading messages: answered automatically");
        var alert = sent.Message.RaisedAlert ? await RaiseAlert(access, sent, now, ct) : null;
        await db.SaveChangesAsync(ct);
        // In one round trip with the notices: who writes has read what they wrote in answer to, and a
        // person has read the automatic reply shown to them at once.
        await using (var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)tx.GetDbTransaction()))
        {
            var read = new NpgsqlBatchCommand(MarkReadSql);
            read.Parameters.Add(new() { Value = conversation.Id.Value });
            read.Parameters.Add(new() { Value = access.Reader.Id });
            read.Parameters.Add(new() { Value = conversation.LastSequence });
            read.Parameters.Add(new() { Value = now });
            batch.BatchCommands.Add(read);
            foreach (var message in sent.All)
                batch.BatchCommands.Add(Notify(LiveNotices.MessageSent(conversation.Id, message.Sequence)));
            if (alert is not null)
                batch.BatchCommands.Add(Notify(LiveNotices.AlertRaised(alert.Id, escalated: false)));
            await batch.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        // Nothing of this send stays tracked: the next one reads the conversation afresh under its lock.
        db.ChangeTracker.Clear();
        return sent with { Alert = alert };
    }

    private async Task<Conversation?> Locked(PersonId person, CancellationToken ct) =>
        (await db.Conversations.FromSql($"SELECT * FROM conversations WHERE person_id = {person.Value} FOR UPDATE").AsTracking().ToListAsync(ct))
            .SingleOrDefault();

    private static NpgsqlBatchCommand Notify(string payload)
    {
        var notify = new NpgsqlBatchCommand("SELECT pg_notify($1, $2)");
        notify.Parameters.Add(new() { Value = LiveNotices.Channel });
        notify.Parameters.Add(new() { Value = payload });
        return notify;
    }

    /// <summary>
    /// Raises the duty alert for a message the crisis rules flagged, in the message's own
    /// transaction (the database refuses the message without it at commit): for whoever is on duty
    /// at this moment, or for the whole team when nobody is, escalating after the team's minutes
    /// unless someone takes it on, by a timer row saved with it (ADR 0007, decision 0013).
    /// </summary>
    private async Task<DutyAlert> RaiseAlert(ConversationAccess access, SentMessages sent, DateTimeOffset now, CancellationToken ct)
    {
        var shifts = await db.DutyShifts.AsNoTracking().Where(s => s.TeamId == access.TeamId && s.EndsAt > now && s.StartsAt <= now).ToListAsync(ct);
        var minutes = await db.Teams.AsNoTracking().Where(t => t.Id == access.TeamId).Select(t => t.AlertEscalationMinutes).FirstAsync(ct);
        var alert = DutyAlert.Raise(access.TeamId, access.PersonId, sent.Message.Id, sent.Crisis, DutyShift.OnDutyAt(shifts, now), minutes, now);
        db.DutyAlerts.Add(alert);
        db.DueWork.Add(DueWork.At(DueWorkKinds.AlertEscalates, alert.Id.Value, alert.EscalatesAt, now));
        audit.Add(AuditActions.Create, "DutyAlert", alert.Id.ToString(), access.PersonId.Value,
            "Raised by the crisis rules: " + string.Join("; ", alert.Reasons.Select(r => r.RuleName)));
        return alert;
    }

    /// <summary>The duty alerts raised by the person's messages between two places, by the message's place: for the transcript to link them.</summary>
    public async Task<Dictionary<int, Guid>> AlertsOn(PersonId person, int first, int last, CancellationToken ct) =>
        await (from a in db.DutyAlerts.AsNoTracking()
               where a.PersonId == person
               join m in db.Messages.AsNoTracking() on a.MessageId equals m.Id
               where m.Sequence >= first && m.Sequence <= last
               select new { m.Sequence, a.Id }).ToDictionaryAsync(x => x.Sequence, x => x.Id.Value, ct);

    /// <summary>
    /// The supervisor's notes on the person's transcript, oldest first (the latest 200). For the
    /// team's clinicians only: the caller has checked the reader is one (hazard H54); nothing a
    /// patient's page, the hub or the shared record reads comes through here.
    /// </summary>
    public async Task<List<SupervisorNote>> Notes(PersonId person, CancellationToken ct) =>
        [.. (await db.SupervisorNotes.AsNoTracking().Where(n => n.PersonId == person).OrderByDescending(n => n.WrittenAt).Take(200).ToListAsync(ct)).AsEnumerable().Reverse()];

    /// <summary>Adds the supervisor's note (the rule refuses anyone else); audited with the note's id, never its words.</summary>
    public async Task<SupervisorNote> AddNote(ConversationAccess access, CurrentStaff writer, string? body, int? aboutSequence, CancellationToken ct)
    {
        var last = await LastSequence(access.PersonId, ct);
        var note = SupervisorNote.Write(access.PersonId, writer.Role, writer.Id, writer.Name, body, aboutSequence, last, clock.GetUtcNow());
        db.SupervisorNotes.Add(note);
        audit.Add(AuditActions.Create, "SupervisorNote", note.Id.ToString(), access.PersonId.Value, aboutSequence is { } n ? $"About message {n}" : null);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return note;
    }

    /// <summary>The message's words, HTML-encoded, with each match of <paramref name="query"/> (any case) marked.</summary>
    public static IHtmlContent Highlight(string body, string? query)
    {
        if (string.IsNullOrEmpty(query)) return new HtmlString(HtmlEncoder.Default.Encode(body));
        var html = new StringBuilder(body.Length + 32);
        var compare = CultureInfo.InvariantCulture.CompareInfo;
        var at = 0;
        while (at < body.Length)
        {
            var found = compare.IndexOf(body.AsSpan(at), query.AsSpan(), CompareOptions.IgnoreCase, out var length);
            if (found < 0 || length == 0) break;
            html.Append(HtmlEncoder.Default.Encode(body.Substring(at, found)));
            html.Append("<mark>").Append(HtmlEncoder.Default.Encode(body.Substring(at + found, length))).Append("</mark>");
            at += found + length;
        }
        html.Append(HtmlEncoder.Default.Encode(body[at..]));
        return new HtmlString(html.ToString());
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
