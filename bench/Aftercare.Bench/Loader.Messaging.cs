using System.Diagnostics;
using System.Globalization;
using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Aftercare.Bench;

/// <summary>
/// What the messaging scenarios need: people who write to their care team from their own account,
/// and who on each team has the crisis alerts. About <see cref="PatientAccounts"/> people whose care
/// is active (an open pathway), spread evenly over the teams, get a patient account
/// (<c>patientN@bench.aftercare.test</c>, the staff's password, a demo account so it signs in without
/// a second factor in demo mode) and a conversation with a short history: a few messages over the
/// last weeks, each answered by their named practitioner, with the automatic replies the
/// conversation's own rules add out of hours. Made with the domain's <c>Conversation.Send</c> and
/// written by <see cref="ModelCopy"/>. Every team has a duty shift for its first practitioner from
/// now for <see cref="DutyShift.LongestShift"/>, arranged by its supervisor; a reused load gets a
/// fresh one when the run would outlast it (<c>top-up</c> does this every time it runs).
/// </summary>
public sealed partial class Loader
{
    public const int PatientAccounts = 1_000;
    public const string PatientEmailPrefix = "patient";
    /// <summary>A shift that ends sooner than this is not trusted to cover a run: another is arranged.</summary>
    public static readonly TimeSpan DutyMustLast = TimeSpan.FromHours(2);
    private long _patientAccounts, _conversations, _messages, _dutyShifts;

    private static readonly string[] PatientWrites =
    [
        "Had a better day today. Went for a walk with my sister and we got chips 🙂",
        "Can we move Thursday's session to the afternoon? I've got a college interview in the morning",
        "I tried the breathing thing from my plan last night when I couldn't sleep. It sort of helped",
        "Not a great week tbh. Work has been a lot. I'm ok though, just wanted to say",
        "I read my reasons for living again this morning. Still true",
        "My GP rang about the new tablets, is it ok to start them before we next meet?",
        "Went back to football on Sunday. Didn't score but didn't care ⚽",
        "Feeling a bit flat but I've got my mum's number on my plan and I used it",
    ];

    private static readonly string[] TeamReplies =
    [
        "Thank you for letting me know, that sounds like a real step. Let's talk about it when we meet.",
        "Of course, I've moved us to 2pm on Thursday. Good luck with the interview!",
        "I'm glad it helped a little. It often takes a few tries; keep it on your plan and we'll look at it together.",
        "Thank you for telling me. If a day gets too much, your plan has your mum's number and the crisis lines.",
        "That's good to hear. Bring anything you'd like to add to the plan next time.",
    ];

    /// <summary>The patient accounts and their conversations (when the database has none yet), then the duty rota.</summary>
    private async Task LoadMessagingAsync(NpgsqlDataSource dataSource, Stopwatch total)
    {
        var started = total.Elapsed;
        await using (var check = dataSource.CreateCommand("SELECT count(*) FROM user_accounts WHERE person_id IS NOT NULL"))
        {
            if ((long)(await check.ExecuteScalarAsync())! > 0)
                Console.WriteLine("  The database already has its patient accounts and conversations");
            else await LoadPatientsAsync(dataSource);
        }
        await ArrangeDutyAsync(dataSource);
        if (_patientAccounts + _dutyShifts > 0) Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {_patientAccounts:N0} patient accounts with {_conversations:N0} conversations of {_messages:N0} messages, {_dutyShifts:N0} duty shifts arranged: {(total.Elapsed - started).TotalSeconds:0.0} s"));
    }

    private sealed record MessageWriter(PersonId Person, TeamId Team, string Name, StaffId Practitioner, string ReadingHours);

    private async Task LoadPatientsAsync(NpgsqlDataSource dataSource)
    {
        var options = new DbContextOptionsBuilder<AftercareDb>().UseNpgsql(dataSource).Options;
        var random = new Random(_options.Seed + 11);
        List<MessageWriter> people = [];
        Dictionary<Guid, string> staffNames;
        await using (var db = new AftercareDb(options))
        {
            staffNames = await db.Users.AsNoTracking().Where(u => u.Role != null).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
            // Everyone whose care is active, with their named practitioner, in a repeatable order.
            var active = await (
                from w in db.Pathways.AsNoTracking()
                where w.Status == Aftercare.Domain.Pathways.PathwayStatus.Active
                join p in db.Persons.AsNoTracking() on w.PersonId equals p.Id
                where p.CareTeamId == w.TeamId
                join t in db.Teams.AsNoTracking() on p.CareTeamId equals t.Id
                orderby p.Id, w.StartedAt descending
                select new { p.Id, p.CareTeamId, Name = (p.PreferredName ?? p.GivenName) + " " + p.FamilyName, w.NamedPractitionerId, t.MessageReadingHours })
                .ToListAsync();
            var byTeam = active.DistinctBy(a => a.Id).GroupBy(a => a.CareTeamId).OrderBy(g => g.Key.Value).ToList();
            if (byTeam.Count == 0) throw new BenchException("Nobody's care is active, so nobody can write to their team: load the pathways first");
            // Round the teams in turn, one person each, so every team has writers and none has many more.
            var queues = byTeam.Select(g => new Queue<MessageWriter>(g.OrderBy(_ => random.Next())
                .Select(a => new MessageWriter(a.Id, a.CareTeamId, a.Name, a.NamedPractitionerId, a.MessageReadingHours)))).ToList();
            while (people.Count < PatientAccounts && queues.Any(q => q.Count > 0))
                foreach (var q in queues)
                    if (people.Count < PatientAccounts && q.TryDequeue(out var next)) people.Add(next);
        }

        var hash = new PasswordHasher<UserAccount>().HashPassword(new UserAccount(), StaffPassword);
        var accounts = people.Select((p, i) => (Writer: p, Id: Guid.CreateVersion7(), Email: PatientEmail(i + 1))).ToList();
        var conversations = new List<Conversation>();
        var messages = new List<Message>();
        var reads = new List<ConversationRead>();
        foreach (var (writer, account, _) in accounts)
        {
            var hours = ReadingHours.Parse(writer.ReadingHours, UkTime.Zone);
            var patient = MessageSender.Patient(account, writer.Name);
            var practitioner = MessageSender.Staff(writer.Practitioner, staffNames.GetValueOrDefault(writer.Practitioner.Value, "Practitioner"));
            // One to four exchanges over the last weeks: the person writes, their practitioner answers within the day.
            var exchanges = 1 + random.Next(4);
            var at = _now.AddDays(-7 * exchanges - random.Next(7)).AddMinutes(random.Next(24 * 60));
            var conversation = Conversation.Open(writer.Person, at);
            int practitionerRead = 0;
            for (var e = 0; e < exchanges && at < _now; e++)
            {
                messages.AddRange(conversation.Send(patient, PatientWrites[random.Next(PatientWrites.Length)], hours, careIsActive: true, at).All);
                var answered = hours.IsOpen(at) ? at.AddMinutes(20 + random.Next(240)) : hours.NextOpening(at).AddMinutes(10 + random.Next(90));
                if (answered >= _now) break;
                messages.AddRange(conversation.Send(practitioner, TeamReplies[random.Next(TeamReplies.Length)], hours, careIsActive: true, answered).All);
                practitionerRead = conversation.LastSequence;
                at = answered.AddDays(3 + random.Next(5)).AddMinutes(random.Next(600));
            }
            conversations.Add(conversation);
            reads.Add(new ConversationRead(conversation.Id, account, conversation.LastSequence, conversation.LastMessageAt ?? conversation.OpenedAt));
            if (practitionerRead > 0)
                reads.Add(new ConversationRead(conversation.Id, writer.Practitioner.Value, practitionerRead, conversation.LastMessageAt ?? conversation.OpenedAt));
        }

        await using (var conn = await dataSource.OpenConnectionAsync())
        await using (var w = await conn.BeginBinaryImportAsync(
            """
            COPY user_accounts (id, display_name, person_id, is_active, is_demo_account, created_at, user_name, normalized_user_name, email,
                normalized_email, email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled,
                lockout_enabled, access_failed_count) FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var (writer, id, email) in accounts)
            {
                w.StartRow();
                w.Write(id, NpgsqlDbType.Uuid);
                w.Write(writer.Name, NpgsqlDbType.Varchar);
                w.Write(writer.Person.Value, NpgsqlDbType.Uuid);
                w.Write(true, NpgsqlDbType.Boolean);
                // Demo accounts sign in without a second factor, and only while demo mode is on.
                w.Write(true, NpgsqlDbType.Boolean);
                w.Write(_now.AddDays(-60), NpgsqlDbType.TimestampTz);
                WriteSignIn(w, email, hash);
            }
            await w.CompleteAsync();
        }
        await using (var db = new AftercareDb(options))
        {
            // Conversations first: the messages and reads refer to them.
            _conversations = await ModelCopy.For<Conversation>(db).CopyAsync(dataSource, conversations);
            _messages = await ModelCopy.For<Message>(db).CopyAsync(dataSource, messages);
            await ModelCopy.For<ConversationRead>(db).CopyAsync(dataSource, reads);
        }
        _patientAccounts = accounts.Count;
    }

    public static string PatientEmail(int n) => $"{PatientEmailPrefix}{n}@{StaffEmailDomain}";

    /// <summary>
    /// Each team's first practitioner is on duty from now for a day, unless a shift of theirs already
    /// covers the next <see cref="DutyMustLast"/>: the crisis scenario's alerts go to them.
    /// </summary>
    private async Task ArrangeDutyAsync(NpgsqlDataSource dataSource)
    {
        var options = new DbContextOptionsBuilder<AftercareDb>().UseNpgsql(dataSource).Options;
        var now = DateTimeOffset.UtcNow;
        await using var db = new AftercareDb(options);
        var staff = await db.Users.AsNoTracking().Where(u => u.TeamId != null && u.IsActive && u.Role != null)
            .Select(u => new { u.Id, u.Email, Team = u.TeamId!.Value, Role = u.Role!.Value }).ToListAsync();
        var covered = (await db.DutyShifts.AsNoTracking().Where(s => s.StartsAt <= now && s.EndsAt > now.Add(DutyMustLast) && s.EndedAt == null)
            .Select(s => new { s.TeamId, s.PractitionerId }).ToListAsync()).Select(s => (s.TeamId, s.PractitionerId)).ToHashSet();
        var shifts = new List<DutyShift>();
        foreach (var team in staff.GroupBy(s => s.Team))
        {
            var onDuty = team.Where(s => s.Role == StaffRole.Practitioner).OrderBy(s => s.Email, StringComparer.Ordinal).FirstOrDefault();
            var supervisor = team.FirstOrDefault(s => s.Role == StaffRole.Supervisor) ?? onDuty;
            if (onDuty is null || supervisor is null || covered.Contains((team.Key, new StaffId(onDuty.Id)))) continue;
            shifts.Add(DutyShift.Arrange(team.Key, new StaffId(onDuty.Id), now, now + DutyShift.LongestShift, new StaffId(supervisor.Id), now));
        }
        _dutyShifts = shifts.Count == 0 ? 0 : await ModelCopy.For<DutyShift>(db).CopyAsync(dataSource, shifts);
    }

    private static readonly string[] MessagingTables = ["conversations", "messages", "conversation_reads", "duty_shifts"];
}
