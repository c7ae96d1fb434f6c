using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Messages;
using Aftercare.Web.Features.Referrals;
using Aftercare.Web.Security;
using Npgsql;
using NpgsqlTypes;

namespace Aftercare.Web.Features.Work;

/// <summary>One open planned contact as a worklist shows it.</summary>
public sealed record WorkItem(
    PlannedContactId Id, PersonId PersonId, string PersonName, string Label, ContactKind Kind,
    DateTimeOffset OpensAt, DateTimeOffset DueAt, Urgency Urgency, StaffId PractitionerId, string PractitionerName,
    string? CoverName, DateTimeOffset? CoverEndsAt, LetterStatus? Letter)
{
    public string Link => Kind == ContactKind.Letter ? $"/persons/{PersonId}/pathway/letters/{Id}" : $"/persons/{PersonId}/pathway/contacts/{Id}/record";
}

/// <summary>
/// What a clinician's header must show on every page: the overdue contacts in the banner (theirs,
/// and for a supervisor the team's), and how many conversations of the people they answer have
/// messages they have not read.
/// </summary>
/// <para>
/// And the crisis alerts still open that are theirs to see (<c>OpenAlerts</c>, the oldest
/// first): raised while they were on duty, raised while nobody was, or, for a supervisor, escalated;
/// less those someone else has taken on.
/// </para>
public sealed record OverdueCounts(int Mine, int Team, int UnreadConversations, int OpenAlerts = 0, Guid? OldestOpenAlert = null);

/// <summary>A conversation on "my work": the person waiting for a reply (since when), or with something new this practitioner has not read.</summary>
public sealed record WaitingConversation(PersonId PersonId, string PersonName, DateTimeOffset? AwaitingReplySince, bool Unread)
{
    public string Link => $"/persons/{PersonId}/messages";
}

/// <summary>"My work": everything overdue or due today, the first of the rest, and how many the rest are; and the conversations waiting for a reply.</summary>
public sealed record MyWorkList(List<WorkItem> Items, int NextTotal)
{
    public List<WaitingConversation> Messages { get; init; } = [];
    /// <summary>Open supervision actions I carry whose due date has passed (UK dates).</summary>
    public int OverdueSupervisionActions { get; init; }
    /// <summary>Training modules in force whose refresh is overdue for me.</summary>
    public int OverdueTraining { get; init; }
}

/// <summary>A page of the team's work, how many there are in all, the team's clinicians for the filter, and its standing declines contrary to NICE NG225.</summary>
public sealed record TeamWorkList(List<WorkItem> Items, int Total, List<(Guid Id, string Name)> Practitioners, FlaggedDeclines FlaggedDeclines);

public enum WorklistPage { Mine, Team }

/// <summary>
/// Marks a worklist page whose list is read in the same round trip as the session check and the
/// banner (<see cref="Worklists.BannerAlongside"/>): the page is then one round trip in all.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReadWithSessionCheckAttribute(WorklistPage page) : Attribute
{
    public WorklistPage Page { get; } = page;
}

/// <summary>
/// The worklists: open planned contacts, most urgent first (overdue, then due today, then next).
/// An open contact leaves only when it is done, closed with a reason or handed over to someone
/// else, so an overdue follow-up can never drop off.
/// The banner's counts are read with the session check at the start of each request
/// (<see cref="BannerAlongside"/>) and kept for the request, with the list of a worklist page
/// (<see cref="ReadWithSessionCheckAttribute"/>); a worklist asked for otherwise is one round trip
/// of its own (with the counts too, if they were not read), on the page reads' pool (<see cref="PageReads"/>). Each reads the open contacts from a covering
/// partial index (migrations 0009, 0025, 0027): index pages, not one table page per contact.
/// Scoped: one per request.
/// </summary>
public sealed class Worklists([FromKeyedServices(PageReads.Key)] NpgsqlDataSource dataSource)
{
    /// <summary>How far ahead "next" looks.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(14);
    public const int TeamPageSize = 20;

    private OverdueCounts? _overdue;
    private (Guid Staff, DateTimeOffset Now)? _overdueFor;

    // The columns every worklist reads, after the worklist's own leading columns, over a set "s" of
    // open contacts: the person's name, the practitioner's name (looked up only where the worklist
    // does not already know it), the cover now in force on the pathway (the one ending last) and
    // who gives it, and a letter's state. ReadItem reads them in this order. Covers are rare, so
    // they are read once for the pathways in "s" rather than probed row by row; a letter's state is
    // looked up only for letters.
    private static string Describe(string leading, string isKnownPractitioner) =>
        $"""
        SELECT {leading}, s.id, s.person_id, coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name, s.label, s.kind,
               s.opens_at, s.due_at, s.practitioner_id,
               CASE WHEN {isKnownPractitioner} THEN NULL
                    ELSE (SELECT u.display_name FROM user_accounts u WHERE u.id = s.practitioner_id) END,
               cv.ends_at, cv.display_name,
               CASE WHEN s.kind = {(int)ContactKind.Letter}
                    THEN (SELECT l.status FROM aftercare_letters l WHERE l.planned_contact_id = s.id) END
        FROM s
        JOIN persons p ON p.id = s.person_id
        LEFT JOIN (SELECT DISTINCT ON (v.pathway_id) v.pathway_id, v.ends_at, u.display_name
                   FROM pathway_covers v JOIN user_accounts u ON u.id = v.covering_practitioner_id
                   WHERE v.pathway_id IN (SELECT pathway_id FROM s)
                     AND v.ended_at IS NULL AND v.starts_at <= $2 AND v.ends_at > $2
                   ORDER BY v.pathway_id, v.ends_at DESC) cv ON cv.pathway_id = s.pathway_id
        ORDER BY s.due_at, s.id
        """;

    // The team's active clinicians: the practitioner filter, and the names the team worklist knows.
    private static readonly string TeamClinicians =
        $"team_id = $1 AND is_active AND role IN ({(int)StaffRole.Practitioner}, {(int)StaffRole.Supervisor})";

    /// <summary>
    /// "My work": what I am named for and what I am covering now, opening within the horizon (a
    /// contact never opens after it is due, so this takes in everything overdue too). Every
    /// overdue and due-today contact is returned; of the rest, the first <paramref name="nextShown"/>.
    /// Read here, it is read in full, with the conversations waiting on me and my supervision and
    /// training overdue: in the banner's row if the banner was not read with the session check (as
    /// with the session check, one pass over the conversations gives both the header's count and
    /// the list), otherwise in a row of their own; in one round trip either way.
    /// </summary>
    public async Task<MyWorkList> ForPractitioner(CurrentStaff me, DateTimeOffset now, int nextShown, CancellationToken ct)
    {
        if (_mine is { } read && read.Staff == me.Id.Value && read.NextShown == nextShown && Recent(read.Now, now)) return read.List;
        await using var batch = dataSource.CreateBatch();
        var banner = Known(me, now) is null && AddOverdue(batch, me, now, BannerExtra.Mine);
        AddMine(batch, me, now, nextShown, covering: true);
        if (!banner) AddMineExtras(batch, me, now);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        MineExtras? extras = null;
        if (banner) await ReadOverdue(reader, me, now, ct, onSessionRow: false, (row, at) => extras = ReadMineExtras(row, at));
        return await ReadMine(reader, me, now, extras, ct);
    }

    // My supervision actions and training overdue: the open actions I carry from their partial
    // index, and my latest completion of each module in force from the training records' index (a
    // handful of modules). $1 is me; the UK date is $4 as columns of the banner, $2 on their own.
    private static string Development(string today) =>
        $"""
        (SELECT count(*) FROM supervision_actions a WHERE a.owner_id = $1 AND a.status = 1 AND a.due_on < {today}),
        (SELECT count(*) FROM training_modules m
         WHERE m.retired_at IS NULL AND m.refresh_months IS NOT NULL
           AND (SELECT r.completed_on FROM training_records r WHERE r.staff_id = $1 AND r.training_module_id = m.id
                ORDER BY r.completed_on DESC LIMIT 1) + make_interval(months => m.refresh_months) < {today})
        """;

    // Whether I cover anyone now ($1 me, $2 now), by the one test of who covers (MessageCounts.CoverInForce).
    private static readonly string CoveredByMe = $"SELECT v.pathway_id FROM pathway_covers v WHERE {MessageCounts.CoverInForce("$1", "$2")}";

    // What "my work" adds to the banner's row, or reads on its own: my supervision actions and
    // training overdue (Development, today's UK date the parameter given), then the conversations
    // waiting on me as four arrays in the same order (MessageCounts.WaitingInOneRow, from the FROM
    // item "waiting"; none at all when nothing waits). In the banner's row, read with the session
    // check, the conversations are those of my own pathways alone (see BannerOf). ReadMineExtras reads them.
    private static string MineColumns(string today) =>
        Development(today) + ", waiting.person_ids, waiting.names, waiting.since, waiting.unread_each";

    private static string Waiting(bool covering) => MessageCounts.WaitingInOneRow("$1", "$2", MaxWaitingShown, "waiting", covering);

    private sealed record MineExtras(int Actions, int Training, List<WaitingConversation> Waiting);

    private static MineExtras ReadMineExtras(NpgsqlDataReader banner, int at)
    {
        var waiting = new List<WaitingConversation>();
        if (!banner.IsDBNull(at + 2))
        {
            var people = banner.GetFieldValue<Guid[]>(at + 2);
            var names = banner.GetFieldValue<string[]>(at + 3);
            var since = banner.GetFieldValue<DateTimeOffset?[]>(at + 4);
            var unread = banner.GetFieldValue<bool[]>(at + 5);
            for (var i = 0; i < people.Length; i++) waiting.Add(new WaitingConversation(new PersonId(people[i]), names[i], since[i], unread[i]));
        }
        return new MineExtras((int)banner.GetInt64(at), (int)banner.GetInt64(at + 1), waiting);
    }

    // Everything due before the end of today, then the first of the rest (read in due order from
    // my index of open contacts, stopping at the last one shown), and how many the rest are
    // (counted from the keys of my index by opening). A pathway I cover is one I am not named for;
    // its contacts are read only when I cover someone now, once, from the open work of those I
    // cover (MessageCounts.Covered, migration 0027), and then split as mine are ($1 me, $2 now,
    // $3 the end of today, $4 the horizon, $5 how many of the rest).
    private static string MineList(bool covering)
    {
        const string columns = "c.id, c.pathway_id, c.person_id, c.label, c.kind, c.opens_at, c.due_at, c.practitioner_id";
        const string mine = "c.practitioner_id = $1 AND c.status = 1 AND c.opens_at <= $4";
        var mineNext = $"SELECT {columns} FROM planned_contacts c WHERE {mine} AND c.due_at >= $3 ORDER BY c.due_at, c.id LIMIT $5";
        var count = $"(SELECT count(*) FILTER (WHERE c.due_at >= $3) FROM planned_contacts c WHERE {mine})";
        return covering
            ? $"""
              WITH covered AS MATERIALIZED (
                  SELECT * FROM {MessageCounts.Covered("planned_contacts", "c", columns, "c.practitioner_id <> $1 AND c.status = 1 AND c.opens_at <= $4", "$1", "$2")}
              ), s AS (
                  SELECT {columns} FROM planned_contacts c WHERE {mine} AND c.due_at < $3
                  UNION ALL
                  SELECT * FROM covered WHERE covered.due_at < $3
                  UNION ALL
                  (SELECT * FROM (({mineNext}) UNION ALL SELECT * FROM covered WHERE covered.due_at >= $3) n
                   ORDER BY n.due_at, n.id LIMIT $5)
              )
              {Describe(count + " + (SELECT count(*) FROM covered WHERE covered.due_at >= $3)", "s.practitioner_id = $1")}
              """
            : $"""
              WITH s AS (
                  SELECT {columns} FROM planned_contacts c WHERE {mine} AND c.due_at < $3
                  UNION ALL
                  ({mineNext})
              )
              {Describe(count, "true")}
              """;
    }

    private static readonly string MineInFull = MineList(covering: true);
    private static readonly string MineNamedOnly = MineList(covering: false);

    private static void AddMine(NpgsqlBatch batch, CurrentStaff me, DateTimeOffset now, int nextShown, bool covering)
    {
        var list = new NpgsqlBatchCommand(covering ? MineInFull : MineNamedOnly);
        list.Parameters.Add(new() { Value = me.Id.Value });
        list.Parameters.Add(new() { Value = now });
        list.Parameters.Add(new() { Value = UkTime.EndOfDay(now) });
        list.Parameters.Add(new() { Value = now + Horizon });
        list.Parameters.Add(new() { Value = Math.Max(0, nextShown) });
        batch.BatchCommands.Add(list);
    }

    // When the banner was read already, what rides in its row on "my work" follows the list in a
    // row of its own: the conversations of the people I answer (named or covering) where the
    // person waits for a reply or wrote something I have not read, longest waiting first, and the
    // supervision actions and training overdue for me.
    private static void AddMineExtras(NpgsqlBatch batch, CurrentStaff me, DateTimeOffset now)
    {
        var rest = new NpgsqlBatchCommand($"SELECT {MineColumns("$3")} FROM {Waiting(covering: true)}");
        rest.Parameters.Add(new() { Value = me.Id.Value });
        rest.Parameters.Add(new() { Value = now });
        rest.Parameters.Add(new() { Value = UkTime.DateOf(now) });
        batch.BatchCommands.Add(rest);
    }

    private static async Task<MyWorkList> ReadMine(NpgsqlDataReader reader, CurrentStaff me, DateTimeOffset now, MineExtras? extras, CancellationToken ct)
    {
        var endOfToday = UkTime.EndOfDay(now);
        var items = new List<WorkItem>();
        var nextTotal = 0;
        while (await reader.ReadAsync(ct))
        {
            nextTotal = (int)reader.GetInt64(0);
            items.Add(ReadItem(reader, 1, now, endOfToday, _ => me.Name));
        }
        if (extras is null)
        {
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            extras = ReadMineExtras(reader, 0);
        }
        return new MyWorkList(items, nextTotal) { Messages = extras.Waiting, OverdueSupervisionActions = extras.Actions, OverdueTraining = extras.Training };
    }

    /// <summary>More than a caseload would ever have waiting; the header still counts them all.</summary>
    public const int MaxWaitingShown = 200;

    /// <summary>The team's open work, most urgent first, a page at a time; optionally one practitioner's.</summary>
    public async Task<TeamWorkList> ForTeam(CurrentStaff staff, TeamId team, StaffId? practitioner, int page, DateTimeOffset now, CancellationToken ct)
    {
        if (_team is { } read && read.Staff == staff.Id.Value && read.Team == team.Value && read.Practitioner == practitioner?.Value
            && read.Page == page && Recent(read.Now, now)) return read.List;
        await using var batch = dataSource.CreateBatch();
        var banner = Known(staff, now) is null && AddOverdue(batch, staff, now, BannerExtra.Team, team);
        AddTeam(batch, team, practitioner, page, now, clinicians: !banner);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        List<(Guid, string)>? clinicians = null;
        if (banner) await ReadOverdue(reader, staff, now, ct, onSessionRow: false, (row, at) => clinicians = ReadClinicians(row, at));
        return await ReadTeam(reader, now, clinicians, ct);
    }

    // The team's clinicians in name order ($4 is the team), as two arrays in the banner's row; or,
    // on their own ($1 the team), a row each. Their ids and names are read in the same order.
    private static readonly string CliniciansInBanner =
        $"ARRAY(SELECT id FROM user_accounts WHERE {TeamClinicians.Replace("$1", "$4")} ORDER BY display_name, id), " +
        $"ARRAY(SELECT display_name FROM user_accounts WHERE {TeamClinicians.Replace("$1", "$4")} ORDER BY display_name, id)";

    private static List<(Guid Id, string Name)> ReadClinicians(NpgsqlDataReader banner, int at) =>
        [.. banner.GetFieldValue<Guid[]>(at).Zip(banner.GetFieldValue<string[]>(at + 1))];

    private static void AddTeam(NpgsqlBatch batch, TeamId team, StaffId? practitioner, int page, DateTimeOffset now, bool clinicians)
    {
        if (clinicians)
        {
            var read = new NpgsqlBatchCommand($"SELECT id, display_name FROM user_accounts WHERE {TeamClinicians} ORDER BY display_name, id");
            read.Parameters.Add(new() { Value = team.Value });
            batch.BatchCommands.Add(read);
        }
        // Due order is urgency order: overdue ones are due earliest, then today's, then the rest.
        // The whole team's page is read from the due-ordered index and stops at its last row; the
        // count reads the keys of the index of what opens within the horizon. One practitioner's
        // are read from their own index (all of theirs, a few dozen) and sorted.
        var open = practitioner is null
            ? "c.team_id = $1 AND c.status = 1 AND c.opens_at <= $3"
            : "c.practitioner_id = $4 AND c.status = 1 AND c.opens_at <= $3 AND c.team_id = $1";
        var list = new NpgsqlBatchCommand(
            $"""
            WITH s AS (
                SELECT c.id, c.pathway_id, c.person_id, c.label, c.kind, c.opens_at, c.due_at, c.practitioner_id
                FROM planned_contacts c
                WHERE {open}
                ORDER BY c.due_at, c.id LIMIT {TeamPageSize} OFFSET $5
            )
            {Describe($"(SELECT count(*) FROM planned_contacts c WHERE {open})",
                $"s.practitioner_id = ANY(ARRAY(SELECT id FROM user_accounts WHERE {TeamClinicians}))")}
            """);
        list.Parameters.Add(new() { Value = team.Value });
        list.Parameters.Add(new() { Value = now });
        list.Parameters.Add(new() { Value = now + Horizon });
        list.Parameters.Add(new() { Value = practitioner is { } p ? p.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        list.Parameters.Add(new() { Value = (long)(Math.Max(1, page) - 1) * TeamPageSize });
        batch.BatchCommands.Add(list);
        // The team's standing declines contrary to NICE NG225, in the same round trip.
        batch.BatchCommands.Add(FlaggedDeclinesOnTheWorklist.Statement(team));
    }

    private static async Task<TeamWorkList> ReadTeam(NpgsqlDataReader reader, DateTimeOffset now, List<(Guid Id, string Name)>? clinicians, CancellationToken ct)
    {
        var people = clinicians;
        if (people is null)
        {
            people = [];
            while (await reader.ReadAsync(ct)) people.Add((reader.GetGuid(0), reader.GetString(1)));
            await reader.NextResultAsync(ct);
        }
        var names = people.ToDictionary(x => x.Id, x => x.Name);
        var endOfToday = UkTime.EndOfDay(now);
        var items = new List<WorkItem>();
        var total = 0;
        while (await reader.ReadAsync(ct))
        {
            total = (int)reader.GetInt64(0);
            items.Add(ReadItem(reader, 1, now, endOfToday, id => names.GetValueOrDefault(id)));
        }
        await reader.NextResultAsync(ct);
        var flagged = await FlaggedDeclinesOnTheWorklist.Read(reader, ct);
        return new TeamWorkList(items, total, people, flagged);
    }

    /// <summary>
    /// For the banner on every page: the overdue contacts the practitioner is named for or is
    /// covering now, and for a supervisor the team's too. Read fresh on each request, from the due
    /// time itself, never from a timer; a worklist reads it in its own round trip and this reuses it.
    /// </summary>
    public async Task<OverdueCounts> Overdue(CurrentStaff staff, DateTimeOffset now)
    {
        if (!staff.IsClinical) return new OverdueCounts(0, 0, 0);
        if (Known(staff, now) is { } known) return known;
        await using var batch = dataSource.CreateBatch();
        AddOverdue(batch, staff, now, BannerExtra.None);
        await using var reader = await batch.ExecuteReaderAsync();
        return (await ReadOverdue(reader, staff, now, default, onSessionRow: false)).Counts;
    }

    // Read within this request for this member of staff (with the session check, or by a
    // worklist): the same answer, not a stale one.
    private OverdueCounts? Known(CurrentStaff staff, DateTimeOffset now) =>
        _overdue is { } known && _overdueFor is { } at && at.Staff == staff.Id.Value && (now - at.Now).Duration() < TimeSpan.FromSeconds(5)
            ? known : null;

    /// <summary>
    /// The banner's counts, to be read with the session check at the start of each request; and
    /// when the request is for a worklist page (<see cref="ReadWithSessionCheckAttribute"/>), that
    /// worklist too, so the page is one round trip to the database in all. What is read is kept
    /// for the request and used only if the page then asks for exactly that list (the page makes
    /// its own checks first: another team's worklist is never shown, whatever was read).
    /// </summary>
    public IReadAlongside BannerAlongside(CurrentStaff staff, HttpContext? request = null) =>
        new Banner(this, staff, request is null ? null : PageRead.Of(request, staff));

    // Within one request the page asks a moment after the session check: the same list, not a stale one.
    private static bool Recent(DateTimeOffset read, DateTimeOffset now) => (now - read).Duration() < TimeSpan.FromSeconds(5);

    private (Guid Staff, int NextShown, DateTimeOffset Now, MyWorkList List)? _mine;
    private (Guid Staff, Guid Team, Guid? Practitioner, int Page, DateTimeOffset Now, TeamWorkList List)? _team;

    /// <summary>Which worklist a GET asks for, with what, read as the page will read it.</summary>
    private sealed record PageRead(WorklistPage Page, int NextShown = 0, TeamId Team = default, StaffId? Practitioner = null, int PageNumber = 1)
    {
        public static PageRead? Of(HttpContext request, CurrentStaff staff)
        {
            if (!HttpMethods.IsGet(request.Request.Method)
                || request.GetEndpoint()?.Metadata.GetMetadata<ReadWithSessionCheckAttribute>() is not { } marked) return null;
            var query = request.Request.Query;
            switch (marked.Page)
            {
                case WorklistPage.Mine:
                    return new PageRead(WorklistPage.Mine, NextShown: MyWorkModel.Shown(bool.TryParse(query["all"], out var all) && all));
                case WorklistPage.Team when Guid.TryParse(request.GetRouteValue("id") as string, out var team) && staff.TeamId?.Value == team:
                    return new PageRead(WorklistPage.Team, Team: new TeamId(team),
                        Practitioner: Guid.TryParse(query["practitioner"], out var p) ? new StaffId(p) : null,
                        PageNumber: TeamPage(int.TryParse(query["page"], out var n) ? n : null));
                default:
                    return null;
            }
        }
    }

    /// <summary>The page of the team worklist a request asks for: the first unless it names one, and never past the last there could be.</summary>
    public static int TeamPage(int? asked) => Math.Clamp(asked ?? 1, 1, 10_000);

    private sealed class Banner(Worklists worklists, CurrentStaff staff, PageRead? page) : IReadAlongside
    {
        public bool IsWholePage => page is not null;

        // The banner's row is the session's row too, and the worklist's own single values ride
        // in it (see AddOverdue).
        public void Add(NpgsqlBatch batch, DateTimeOffset now, SessionRow session)
        {
            var (extra, team) = page?.Page switch
            {
                WorklistPage.Mine => (BannerExtra.Mine, default(TeamId)),
                WorklistPage.Team => (BannerExtra.Team, page.Team),
                _ => (BannerExtra.None, default),
            };
            if (!AddOverdue(batch, staff, now, extra, team, session))
            {
                batch.BatchCommands.Add(session.Alone());
                return;
            }
            if (page?.Page == WorklistPage.Mine) AddMine(batch, staff, now, page.NextShown, covering: false);
            else if (page?.Page == WorklistPage.Team) AddTeam(batch, page.Team, page.Practitioner, page.PageNumber, now, clinicians: false);
        }

        public async Task Read(NpgsqlDataReader reader, DateTimeOffset now)
        {
            if (!staff.IsClinical) return;
            switch (page?.Page)
            {
                case WorklistPage.Mine:
                    MineExtras? extras = null;
                    var mine = await worklists.ReadOverdue(reader, staff, now, default, onSessionRow: true, (row, at) => extras = ReadMineExtras(row, at));
                    // Read for the practitioner's own pathways alone, this is their whole page
                    // unless they cover a colleague now. Then the page's lists left out what they
                    // cover too: nothing is kept, and the page reads the banner and the lists
                    // again in full (ForPractitioner), in one round trip.
                    if (!mine.Covering) worklists._mine = (staff.Id.Value, page.NextShown, now, await ReadMine(reader, staff, now, extras, default));
                    break;
                case WorklistPage.Team:
                    List<(Guid, string)>? clinicians = null;
                    await worklists.ReadOverdue(reader, staff, now, default, onSessionRow: true, (row, at) => clinicians = ReadClinicians(row, at));
                    worklists._team = (staff.Id.Value, page.Team.Value, page.Practitioner?.Value, page.PageNumber, now,
                        await ReadTeam(reader, now, clinicians, default));
                    break;
                default:
                    await worklists.ReadOverdue(reader, staff, now, default, onSessionRow: true);
                    break;
            }
        }
    }

    // A supervisor's banner also counts the team's; two statements rather than one with an
    // optional part, so that PostgreSQL keeps one generic plan for each instead of planning the
    // statement afresh on every page (planning cost ten times what running it does).
    //
    // Read with the session check, the banner counts what the practitioner's own pathways hold,
    // and says whether they cover anyone now (CoveredByMe): most never do, and their banner's plan
    // is then a third smaller. For one who does, the counts are kept for nothing and read again in
    // full when the page asks (Overdue): one round trip more, for them alone.
    private const string OverdueNamed = "(SELECT count(*) FROM planned_contacts WHERE practitioner_id = $1 AND status = 1 AND due_at < $2)";

    // ... in full, with the contacts of the pathways I cover now, counted as "my work" lists them.
    private static readonly string OverdueMine = OverdueNamed +
        $" + (SELECT count(*) FROM {MessageCounts.Covered("planned_contacts", "c", "c.pathway_id", "c.practitioner_id <> $1 AND c.status = 1 AND c.due_at < $2", "$1", "$2")})";

    // The header's count of conversations with unread messages rides in the same statement: no
    // round trip of its own on any page.
    private static readonly string UnreadMessages = MessageCounts.Unread("$1", "$2");
    private static readonly string UnreadNamed = MessageCounts.Unread("$1", "$2", covering: false);

    // The crisis alerts a clinician's banner shows ride in the same statement too, read from the
    // team's partial index of open alerts (ix_duty_alerts_open_by_team) alone: $3 is the team. How
    // many and the oldest come from one pass (one scan to start, not two).
    private static string OpenAlerts(bool supervisor) =>
        "(SELECT count(*) AS open, (array_agg(id ORDER BY raised_at, id))[1] AS oldest FROM duty_alerts " +
        "WHERE team_id = $3 AND responded_at IS NULL AND (acknowledged_by IS NULL OR acknowledged_by = $1) " +
        $"AND (duty_practitioner_id = $1 OR duty_practitioner_id IS NULL{(supervisor ? " OR escalated_at IS NOT NULL" : "")})) alerts";

    // The banner's row, for a practitioner or a supervisor, with what a worklist adds to it after
    // its columns (BannerColumns of them): fewer statements on that page. On "my work", the
    // unread count comes from the same pass as the conversations listed (MineColumns). Read with
    // the session check, it is the session's row (SessionRow), whose columns come first; the
    // session's parameters follow the banner's own.
    private static string BannerOf(bool supervisor, BannerExtra extra, int? sessionParameters)
    {
        var named = sessionParameters is not null;
        var (unread, columns, from) = extra switch
        {
            BannerExtra.Mine => ("waiting.unread", ", " + MineColumns("$4"), ", " + Waiting(covering: !named)),
            BannerExtra.Team => (named ? UnreadNamed : UnreadMessages, ", " + CliniciansInBanner, ""),
            _ => (named ? UnreadNamed : UnreadMessages, "", ""),
        };
        return "SELECT " + (named ? SessionRow.Columns + ", " : "") + (named ? OverdueNamed : OverdueMine) + ", " +
            (supervisor ? "(SELECT count(*) FROM planned_contacts WHERE team_id = $3 AND status = 1 AND due_at < $2)" : "0::bigint") +
            $", {unread}, alerts.open, alerts.oldest" + (named ? $", EXISTS ({CoveredByMe})" : "") + $"{columns} FROM " +
            (sessionParameters is { } first ? $"{SessionRow.From}, {OpenAlerts(supervisor)}{from} WHERE {SessionRow.Where(first)}" : OpenAlerts(supervisor) + from);
    }

    private const int BannerColumns = 5;

    /// <summary>
    /// What a worklist adds to the banner's row: nothing; my supervision and training counts ($4 the
    /// UK date) and the conversations waiting on me; or the team's clinicians ($4 the team).
    /// </summary>
    private enum BannerExtra { None, Mine, Team }

    // Every banner statement, by who reads it, what rides in it and whether it is the session's row.
    private static readonly Dictionary<(bool Supervisor, BannerExtra Extra, bool Session), string> Banners =
        (from supervisor in new[] { false, true }
         from extra in new[] { BannerExtra.None, BannerExtra.Mine, BannerExtra.Team }
         from session in new[] { false, true }
         select (supervisor, extra, session, sql: BannerOf(supervisor, extra, session ? (extra == BannerExtra.None ? 4 : 5) : null)))
        .ToDictionary(b => (b.supervisor, b.extra, b.session), b => b.sql);

    private static bool AddOverdue(NpgsqlBatch batch, CurrentStaff staff, DateTimeOffset now, BannerExtra extra, TeamId team = default, SessionRow? session = null)
    {
        if (!staff.IsClinical) return false;
        var cmd = new NpgsqlBatchCommand(Banners[(staff.Role == StaffRole.Supervisor, extra, session is not null)]);
        cmd.Parameters.Add(new() { Value = staff.Id.Value });
        cmd.Parameters.Add(new() { Value = now });
        // A clinician without a team has no team's alerts (nor, as a supervisor, its overdue work).
        cmd.Parameters.Add(new() { Value = staff.TeamId?.Value ?? Guid.Empty });
        if (extra == BannerExtra.Mine) cmd.Parameters.Add(new() { Value = UkTime.DateOf(now) });
        else if (extra == BannerExtra.Team) cmd.Parameters.Add(new() { Value = team.Value });
        session?.AddParameters(cmd);
        batch.BatchCommands.Add(cmd);
        return true;
    }

    // Reads the banner's row (and, with it, what a worklist added to it, from the column given) and
    // moves to the next result. On the session's row, the reader is there already, the session's
    // columns come first, and the counts are of the practitioner's own pathways, with whether they
    // cover anyone now after them: when they do, the counts are not kept (Covering), so that the
    // page reads them again in full.
    private async Task<(OverdueCounts Counts, bool Covering)> ReadOverdue(NpgsqlDataReader reader, CurrentStaff staff, DateTimeOffset now, CancellationToken ct,
        bool onSessionRow, Action<NpgsqlDataReader, int>? extra = null)
    {
        var at = onSessionRow ? SessionRow.ColumnCount : 0;
        if (!onSessionRow) await reader.ReadAsync(ct);
        var counts = new OverdueCounts((int)reader.GetInt64(at), (int)reader.GetInt64(at + 1), (int)reader.GetInt64(at + 2),
            (int)reader.GetInt64(at + 3), reader.IsDBNull(at + 4) ? null : reader.GetGuid(at + 4));
        var covering = onSessionRow && reader.GetBoolean(at + BannerColumns);
        extra?.Invoke(reader, at + BannerColumns + (onSessionRow ? 1 : 0));
        await reader.NextResultAsync(ct);
        _overdue = covering ? null : counts;
        _overdueFor = covering ? null : (staff.Id.Value, now);
        return (counts, covering);
    }

    // Reads the columns of Describe, starting at column <paramref name="at"/>; where Describe did
    // not look the practitioner's name up, the worklist already knows it.
    private static WorkItem ReadItem(NpgsqlDataReader r, int at, DateTimeOffset now, DateTimeOffset endOfToday, Func<Guid, string?> known)
    {
        var due = r.GetFieldValue<DateTimeOffset>(at + 6);
        var practitionerId = r.GetGuid(at + 7);
        var practitioner = (r.IsDBNull(at + 8) ? known(practitionerId) : r.GetString(at + 8)) ?? "a former member of staff";
        return new WorkItem(
            new PlannedContactId(r.GetGuid(at)), new PersonId(r.GetGuid(at + 1)), r.GetString(at + 2), r.GetString(at + 3),
            (ContactKind)r.GetInt32(at + 4), r.GetFieldValue<DateTimeOffset>(at + 5), due, PlannedContact.UrgencyOfOpen(due, now, endOfToday),
            new StaffId(practitionerId), practitioner,
            r.IsDBNull(at + 10) ? null : r.GetString(at + 10), r.IsDBNull(at + 9) ? null : r.GetFieldValue<DateTimeOffset>(at + 9),
            r.IsDBNull(at + 11) ? null : (LetterStatus)r.GetInt32(at + 11));
    }
}
