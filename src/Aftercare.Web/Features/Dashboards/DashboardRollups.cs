using System.Globalization;
using Aftercare.Domain.Dashboards;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Patients;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.Sessions;
using Aftercare.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Aftercare.Web.Features.Dashboards;

/// <summary>The figures kept in the rollups, by the names stored in them.</summary>
public static class Figures
{
    public const string FollowUp = "followup";
    public const string Referrals = "referrals";
    public const string Delivery = "delivery";
    public const string Repeat = "repeat";
}

/// <summary>
/// Works out the dashboards' counts from the clinical tables (ADR 0014): per team, UK month,
/// figure, breakdown and group, with the rules of <see cref="FigureRules"/> and
/// <see cref="EquityGroups"/> applied here in C#, in one place, so the SQL only finds the events.
/// The recent months are worked out again every 10 minutes and everything each night, by due work
/// fired once across nodes; a month's rows are replaced in one transaction, so a dashboard reads
/// either the old counts or the new, never half of each.
/// </summary>
public sealed class DashboardRollups(AftercareDb db)
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(10);
    /// <summary>The nightly rebuild, UK time: late events (a referral accepted months on, a repeat presentation a year on) reach older months then.</summary>
    public static readonly TimeOnly RebuildAt = new(2, 30);
    /// <summary>Two refreshes at once (the 10-minute one and the nightly one on two nodes) take turns rather than collide.</summary>
    private const long LockKey = 0x4461736862; // "Dashb"

    /// <summary>The current and the previous UK month, worked out again.</summary>
    public Task RefreshRecent(DateTimeOffset now, CancellationToken ct)
    {
        var month = FigureRules.MonthOf(now);
        return Refresh(month.AddMonths(-1), month, now, ct);
    }

    /// <summary>
    /// Every month from the first event to now, worked out again, a month at a time so that ten
    /// years of national data never need more than one month's counts in memory; months outside
    /// that span (left from data since corrected) are emptied.
    /// </summary>
    public async Task RebuildAll(DateTimeOffset now, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var first = await Scalar<DateTime?>(
                """
                SELECT least((SELECT min(started_at) FROM pathways), (SELECT min(arrived_at) FROM presentations),
                             (SELECT min(sent_at) FROM referrals), (SELECT min(occurred_at) FROM care_sessions),
                             (SELECT min(sent_at) FROM aftercare_letters))
                """, ct);
            var last = FigureRules.MonthOf(now);
            var from = first is { } f ? FigureRules.MonthOf(new DateTimeOffset(DateTime.SpecifyKind(f, DateTimeKind.Utc))) : last;
            if (from > last) from = last;
            for (var month = from; month <= last; month = month.AddMonths(1))
                await Refresh(month, month, now, ct);
            await Execute("DELETE FROM dashboard_rollups WHERE month < $1 OR month > $2", [from, last], ct);
            await Execute("DELETE FROM dashboard_rollup_months WHERE month < $1 OR month > $2", [from, last], ct);
            if (own is not null) await own.CommitAsync(ct);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>
    /// Replaces the counts of the months from <paramref name="from"/> to <paramref name="to"/>
    /// (first days of UK months, inclusive) and stamps each month with <paramref name="now"/>.
    /// Runs in the caller's transaction when there is one (the due-work runner's), or its own.
    /// </summary>
    public async Task Refresh(DateOnly from, DateOnly to, DateTimeOffset now, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await Execute($"SELECT pg_advisory_xact_lock({LockKey})", [], ct);
            var start = FigureRules.StartOf(from);
            var end = FigureRules.StartOf(to.AddMonths(1));
            var counts = new Counts();
            await CountFollowUps(counts, start, end, ct);
            await CountReferrals(counts, start, end, ct);
            await CountSessions(counts, start, end, ct);
            await CountLetters(counts, start, end, ct);
            await CountPresentations(counts, start, end, ct);

            await Replace(counts, from, to, ct);
            for (var m = from; m <= to; m = m.AddMonths(1))
                await Execute("""
                    INSERT INTO dashboard_rollup_months (month, refreshed_at) VALUES ($1, $2)
                    ON CONFLICT (month) DO UPDATE SET refreshed_at = excluded.refreshed_at
                    """, [m, now], ct);
            if (own is not null) await own.CommitAsync(ct);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>
    /// Makes the rows of these months the counts just worked out, touching only what changed: a
    /// count that moved is updated, a new one added, one no longer counted removed. A refresh every
    /// 10 minutes changes a handful of counts; rewriting every row of two months each time (tens of
    /// thousands at national scale) left as many dead rows, and the table's indexes were vacuumed
    /// from end to end every few refreshes, taking the database from the pages clinicians wait on.
    /// </summary>
    private async Task Replace(Counts counts, DateOnly from, DateOnly to, CancellationToken ct)
    {
        // Dropped at commit; dropped first too, as the nightly rebuild replaces every month in one transaction.
        await Execute("DROP TABLE IF EXISTS pg_temp.rollup_refresh", [], ct);
        await Execute("CREATE TEMP TABLE rollup_refresh (LIKE dashboard_rollups) ON COMMIT DROP", [], ct);
        await counts.CopyInto(Connection, "rollup_refresh", ct);
        await Execute("ANALYZE pg_temp.rollup_refresh", [], ct);
        await Execute("""
            DELETE FROM dashboard_rollups r
            WHERE r.month BETWEEN $1 AND $2
              AND NOT EXISTS (SELECT FROM rollup_refresh n
                              WHERE n.team_id = r.team_id AND n.month = r.month AND n.figure = r.figure
                                AND n.dimension = r.dimension AND n.grp = r.grp AND n.measure = r.measure)
            """, [from, to], ct);
        await Execute("""
            INSERT INTO dashboard_rollups (team_id, month, figure, dimension, grp, measure, value)
            SELECT team_id, month, figure, dimension, grp, measure, value FROM rollup_refresh
            ON CONFLICT (team_id, month, figure, dimension, grp, measure)
            DO UPDATE SET value = excluded.value WHERE dashboard_rollups.value <> excluded.value
            """, [], ct);
    }

    private NpgsqlConnection Connection => (NpgsqlConnection)db.Database.GetDbConnection();

    private NpgsqlCommand Command(string sql, object[] args)
    {
        var cmd = new NpgsqlCommand(sql, Connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        return cmd;
    }

    private async Task Execute(string sql, object[] args, CancellationToken ct)
    {
        await using var cmd = Command(sql, args);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<T> Scalar<T>(string sql, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var cmd = Command(sql, []);
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is DBNull or null ? default! : (T)value;
    }

    private const string PersonColumns = "pe.date_of_birth, pe.sex, pe.ethnic_category, pe.postcode";

    private static PersonAtEvent Person(NpgsqlDataReader r, int at) => new(
        r.GetFieldValue<DateOnly>(at), (Sex)r.GetInt32(at + 1), r.IsDBNull(at + 2) ? null : r.GetString(at + 2), r.IsDBNull(at + 3) ? null : r.GetString(at + 3));

    private static DateTimeOffset? At(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);

    /// <summary>Figure 1: each pathway started, with its first follow-up contact.</summary>
    private async Task CountFollowUps(Counts counts, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        await using var cmd = Command($"""
            SELECT p.team_id, p.started_at, {PersonColumns}, fc.status, fc.done_at
            FROM pathways p JOIN persons pe ON pe.id = p.person_id
            LEFT JOIN LATERAL (SELECT c.status, c.done_at FROM planned_contacts c
                               WHERE c.pathway_id = p.id AND c.kind = {(int)ContactKind.FollowUp} ORDER BY c.sequence LIMIT 1) fc ON true
            WHERE p.started_at >= $1 AND p.started_at < $2
            """, [start, end]);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var started = r.GetFieldValue<DateTimeOffset>(1);
            // A pathway without a follow-up contact in its definition has none to be done: it is counted as not done.
            var status = r.IsDBNull(6) ? ContactStatus.Closed : (ContactStatus)r.GetInt32(6);
            var done = At(r, 7);
            var measures = new List<string> { "started", "band:" + (int)FigureRules.Band(started, status, done) };
            if (FigureRules.FollowedUpInTime(started, status, done)) measures.Add("within48");
            counts.Add(r.GetGuid(0), started, Figures.FollowUp, Person(r, 2), measures);
        }
    }

    /// <summary>Figure 2: each referral sent, with what became of it.</summary>
    private async Task CountReferrals(Counts counts, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        await using var cmd = Command($"""
            SELECT r.team_id, r.sent_at, {PersonColumns}, r.service_name,
                   (r.accepted_at IS NOT NULL OR r.first_appointment_at IS NOT NULL OR r.first_contact_at IS NOT NULL),
                   r.declined_at IS NOT NULL, r.decline_reason, r.is_contrary_to_guidance, e.escalated, e.outcome, r.first_contact_at
            FROM referrals r JOIN persons pe ON pe.id = r.person_id
            LEFT JOIN LATERAL (SELECT true AS escalated, x.outcome FROM referral_escalations x
                               WHERE x.referral_id = r.id ORDER BY x.escalated_at DESC LIMIT 1) e ON true
            WHERE r.sent_at >= $1 AND r.sent_at < $2
            """, [start, end]);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var sent = r.GetFieldValue<DateTimeOffset>(1);
            var measures = new List<string> { "sent" };
            if (r.GetBoolean(7)) measures.Add("accepted");
            if (r.GetBoolean(8))
            {
                measures.Add("declined");
                if (!r.IsDBNull(9)) measures.Add("declined:" + r.GetInt32(9).ToString(CultureInfo.InvariantCulture));
            }
            if (r.GetBoolean(10))
            {
                measures.Add("flagged");
                measures.Add("flagged:" + (r.IsDBNull(11) ? ReferralMeasures.NotEscalated
                    : r.IsDBNull(12) ? ReferralMeasures.AwaitingOutcome
                    : r.GetInt32(12).ToString(CultureInfo.InvariantCulture)));
            }
            string? days = null;
            if (At(r, 13) is { } seen)
            {
                measures.Add("seen");
                days = "days:" + FigureRules.DaysToFirstContact(sent, seen).ToString(CultureInfo.InvariantCulture);
            }
            counts.Add(r.GetGuid(0), sent, Figures.Referrals, Person(r, 2), measures, service: r.GetString(6), overall: days);
        }
    }

    /// <summary>Figure 3: each care session, and for a missed one whether the person came to a later one.</summary>
    private async Task CountSessions(Counts counts, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        await using var cmd = Command($"""
            SELECT coalesce(pw.team_id, pe.care_team_id), s.occurred_at, {PersonColumns}, s.outcome,
                   s.outcome = {(int)ContactOutcome.Missed} AND EXISTS (SELECT 1 FROM care_sessions l
                       WHERE l.person_id = s.person_id AND l.outcome = {(int)ContactOutcome.Attended} AND l.occurred_at > s.occurred_at)
            FROM care_sessions s JOIN persons pe ON pe.id = s.person_id
            LEFT JOIN pathways pw ON pw.id = s.pathway_id
            WHERE s.occurred_at >= $1 AND s.occurred_at < $2
            """, [start, end]);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var measures = new List<string> { "sessions" };
            measures.Add((ContactOutcome)r.GetInt32(6) switch
            {
                ContactOutcome.Attended => "attended",
                ContactOutcome.Missed => "missed",
                _ => "cancelled",
            });
            if (r.GetBoolean(7)) measures.Add("reengaged");
            counts.Add(r.GetGuid(0), r.GetFieldValue<DateTimeOffset>(1), Figures.Delivery, Person(r, 2), measures);
        }
    }

    /// <summary>Figure 3: each aftercare letter sent.</summary>
    private async Task CountLetters(Counts counts, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        await using var cmd = Command($"""
            SELECT pw.team_id, l.sent_at, {PersonColumns}
            FROM aftercare_letters l JOIN pathways pw ON pw.id = l.pathway_id JOIN persons pe ON pe.id = l.person_id
            WHERE l.sent_at >= $1 AND l.sent_at < $2
            """, [start, end]);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            counts.Add(r.GetGuid(0), r.GetFieldValue<DateTimeOffset>(1), Figures.Delivery, Person(r, 2), ["letters"]);
    }

    /// <summary>Figure 4: each presentation, and when the same person next came.</summary>
    private async Task CountPresentations(Counts counts, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        await using var cmd = Command($"""
            SELECT pr.team_id, pr.arrived_at, {PersonColumns},
                   (SELECT min(n.arrived_at) FROM presentations n WHERE n.person_id = pr.person_id AND n.arrived_at > pr.arrived_at)
            FROM presentations pr JOIN persons pe ON pe.id = pr.person_id
            WHERE pr.arrived_at >= $1 AND pr.arrived_at < $2
            """, [start, end]);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var arrived = r.GetFieldValue<DateTimeOffset>(1);
            List<string> measures = FigureRules.IsRepeat(arrived, At(r, 6)) ? ["presentations", "repeated"] : ["presentations"];
            counts.Add(r.GetGuid(0), arrived, Figures.Repeat, Person(r, 2), measures);
        }
    }

    /// <summary>The counts being worked out, keyed as the rollup table is.</summary>
    private sealed class Counts
    {
        private static readonly string[] Breakdowns = [EquityGroups.All, .. EquityGroups.Breakdowns];
        private readonly Dictionary<(Guid Team, DateOnly Month, string Figure, string Dimension, string Group, string Measure), int> values = [];

        /// <summary>
        /// One event: each measure counted once in every breakdown (and by service for a referral);
        /// <paramref name="overall"/> is a measure kept only for everyone and by service (the day bins).
        /// </summary>
        public void Add(Guid team, DateTimeOffset at, string figure, PersonAtEvent person, IReadOnlyList<string> measures, string? service = null, string? overall = null)
        {
            var month = FigureRules.MonthOf(at);
            var day = Aftercare.Domain.Common.UkTime.DateOf(at);
            foreach (var dimension in Breakdowns)
            {
                var group = EquityGroups.GroupOf(dimension, person, day);
                foreach (var m in measures) Bump((team, month, figure, dimension, group, m));
                if (overall is not null && dimension == EquityGroups.All) Bump((team, month, figure, dimension, group, overall));
            }
            if (service is null) return;
            foreach (var m in measures) Bump((team, month, figure, EquityGroups.Service, service, m));
            if (overall is not null) Bump((team, month, figure, EquityGroups.Service, service, overall));
        }

        private void Bump((Guid, DateOnly, string, string, string, string) key) =>
            values[key] = values.GetValueOrDefault(key) + 1;

        public async Task CopyInto(NpgsqlConnection conn, string table, CancellationToken ct)
        {
            await using var copy = await conn.BeginBinaryImportAsync(
                $"COPY {table} (team_id, month, figure, dimension, grp, measure, value) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var (k, v) in values)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(k.Team, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(k.Month, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(k.Figure, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(k.Dimension, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(k.Group, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(k.Measure, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(v, NpgsqlDbType.Integer, ct);
            }
            await copy.CompleteAsync(ct);
        }
    }
}

/// <summary>How a flagged decline's escalation stands, as kept in the rollups.</summary>
public static class ReferralMeasures
{
    public const string NotEscalated = "none";
    public const string AwaitingOutcome = "awaiting";

    public static string DescribeFlagOutcome(string key) => key switch
    {
        NotEscalated => "Not escalated",
        AwaitingOutcome => "Escalated, outcome awaited",
        _ => int.TryParse(key, CultureInfo.InvariantCulture, out var o) ? EscalationOutcomes.Describe((EscalationOutcome)o) : key,
    };
}
