using System.Globalization;
using Aftercare.Domain.Caseloads;
using Aftercare.Domain.Dashboards;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Referrals;
using Aftercare.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aftercare.Web.Features.Dashboards;

/// <summary>
/// The supervision and training figures a dashboard shows (M14), read from the supervision and
/// training records by <see cref="StaffDevelopmentFromRecords"/>; null, where an implementation
/// has nothing to say, makes the page say they are not recorded.
/// </summary>
public interface IStaffDevelopmentDue
{
    /// <summary>For the teams given, or the whole deployment when <paramref name="teams"/> is null.</summary>
    Task<StaffDevelopmentDue?> For(IReadOnlyList<Guid>? teams, DateTimeOffset now, CancellationToken ct);
}

/// <summary>
/// Reads a dashboard: the counts of the months asked for, summed over the teams in view (one team,
/// a site's teams, or all), never the clinical tables for the period figures; small numbers are
/// suppressed here, before anything reaches a page or a CSV (hazard H58).
/// </summary>
public sealed class DashboardReader(AftercareDb db, IStaffDevelopmentDue staffDevelopment)
{
    /// <summary>Services shown by name; the rest are added together as "Other services".</summary>
    public const int TopServices = 8;
    public const string OtherServices = "Other services";

    private static readonly string[] PeriodFigures = [Figures.FollowUp, Figures.Referrals, Figures.Delivery, Figures.Repeat];

    /// <summary>
    /// The dashboard for <paramref name="teams"/> (null: every team) over <paramref name="period"/>,
    /// broken down the ways in <paramref name="breakdowns"/>.
    /// </summary>
    public async Task<DashboardData> Read(IReadOnlyList<Guid>? teams, Period period, IReadOnlyList<string> breakdowns, DateTimeOffset now, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var dims = new[] { EquityGroups.All, EquityGroups.Service }.Concat(breakdowns).Distinct().ToArray();
            var sums = new Dictionary<(string Figure, string Dimension, string Group), Dictionary<string, long>>();
            await using (var cmd = Command(
                """
                SELECT figure, dimension, grp, measure, sum(value)::bigint FROM dashboard_rollups
                WHERE month BETWEEN $1 AND $2 AND dimension = ANY($3) {teams}
                GROUP BY figure, dimension, grp, measure
                """, teams, period.From, period.To, dims))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                while (await r.ReadAsync(ct))
                {
                    var key = (r.GetString(0), r.GetString(1), r.GetString(2));
                    if (!sums.TryGetValue(key, out var m)) sums[key] = m = [];
                    m[r.GetString(3)] = r.GetInt64(4);
                }
            }
            var repeatByMonth = new Dictionary<DateOnly, Dictionary<string, long>>();
            await using (var cmd = Command(
                """
                SELECT month, measure, sum(value)::bigint FROM dashboard_rollups
                WHERE month BETWEEN $1 AND $2 AND figure = 'repeat' AND dimension = 'all' {teams}
                GROUP BY month, measure
                """, teams, period.From, period.To))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                while (await r.ReadAsync(ct))
                {
                    var month = r.GetFieldValue<DateOnly>(0);
                    if (!repeatByMonth.TryGetValue(month, out var m)) repeatByMonth[month] = m = [];
                    m[r.GetString(1)] = r.GetInt64(2);
                }
            }
            DateTimeOffset? asOf = null;
            await using (var cmd = Command("SELECT min(refreshed_at) FROM dashboard_rollup_months WHERE month BETWEEN $1 AND $2", null, period.From, period.To))
            {
                var v = await cmd.ExecuteScalarAsync(ct);
                if (v is DateTime dt) asOf = new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc));
            }
            var nowFigures = await ReadNow(teams, now, ct);
            return Compose(sums, repeatByMonth, period, breakdowns, asOf, nowFigures, now);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private NpgsqlCommand Command(string sql, IReadOnlyList<Guid>? teams, params object[] args)
    {
        var all = args.ToList();
        string filter = "";
        if (teams is not null)
        {
            all.Add(teams.ToArray());
            filter = $"AND team_id = ANY(${all.Count})";
        }
        var cmd = new NpgsqlCommand(sql.Replace("{teams}", filter), (NpgsqlConnection)db.Database.GetDbConnection());
        foreach (var a in all) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        return cmd;
    }

    /// <summary>Caseloads against each team's limit, overdue contacts, and staff development: as they are now.</summary>
    private async Task<NowFigures> ReadNow(IReadOnlyList<Guid>? teams, DateTimeOffset now, CancellationToken ct)
    {
        long people = 0;
        int holding = 0, above = 0, at = 0;
        await using (var cmd = Command(
            $$"""
            SELECT t.caseload_limit, count(*)::int FROM pathways p JOIN teams t ON t.id = p.team_id
            WHERE p.status = {{(int)PathwayStatus.Active}} {teams}
            GROUP BY p.team_id, t.caseload_limit, p.named_practitioner_id
            """.Replace("team_id = ANY", "p.team_id = ANY"), teams))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                int? limit = r.IsDBNull(0) ? null : r.GetInt32(0);
                var active = r.GetInt32(1);
                people += active;
                holding++;
                switch (CaseloadRule.StateOf(active, limit))
                {
                    case CaseloadState.AboveLimit: above++; break;
                    case CaseloadState.AtLimit: at++; break;
                }
            }
        }
        long overdue;
        await using (var cmd = Command($$"""SELECT count(*) FROM planned_contacts WHERE status = {{(int)ContactStatus.Open}} AND due_at < $1 {teams}""", teams, now))
            overdue = (long)(await cmd.ExecuteScalarAsync(ct))!;
        var development = await staffDevelopment.For(teams, now, ct);
        return new NowFigures(people, holding, above, at, overdue, development);
    }

    private static DashboardData Compose(
        Dictionary<(string Figure, string Dimension, string Group), Dictionary<string, long>> sums,
        Dictionary<DateOnly, Dictionary<string, long>> repeatByMonth,
        Period period, IReadOnlyList<string> breakdowns, DateTimeOffset? asOf, NowFigures nowFigures, DateTimeOffset now)
    {
        Dictionary<string, long> Of(string figure, string dimension, string group) => sums.GetValueOrDefault((figure, dimension, group)) ?? [];
        static long M(Dictionary<string, long> m, string measure) => m.GetValueOrDefault(measure);
        static ShownGroup Total(string group, long numerator, long denominator) =>
            SmallNumbers.Suppress([new GroupCount(group, numerator, denominator)], totalShown: false)[0];

        var follow = Of(Figures.FollowUp, EquityGroups.All, EquityGroups.Everyone);
        var followTotal = Total(EquityGroups.Everyone, M(follow, "within48"), M(follow, "started"));
        var bands = followTotal.IsSuppressed ? [] : Enum.GetValues<FollowUpBand>()
            .Select(b => new Part(FigureRules.Describe(b), M(follow, "band:" + (int)b))).ToList();

        var refs = Of(Figures.Referrals, EquityGroups.All, EquityGroups.Everyone);
        var refTotal = Total(EquityGroups.Everyone, M(refs, "accepted"), M(refs, "sent"));
        var reasons = refTotal.IsSuppressed ? [] : Enum.GetValues<DeclineReason>()
            .Select(d => new Part(DeclineReasons.Describe(d) + (DeclineReasons.IsContraryToGuidance(d) ? " (contrary to NICE NG225)" : ""), M(refs, "declined:" + (int)d)))
            .Where(p => p.Count > 0).ToList();
        string[] outcomeKeys = [ReferralMeasures.NotEscalated, ReferralMeasures.AwaitingOutcome, .. Enum.GetValues<EscalationOutcome>().Select(o => ((int)o).ToString(CultureInfo.InvariantCulture))];
        var outcomes = refTotal.IsSuppressed ? [] : outcomeKeys
            .Select(k => new Part(ReferralMeasures.DescribeFlagOutcome(k), M(refs, "flagged:" + k))).Where(p => p.Count > 0).ToList();

        var services = ServiceRows(sums, totalShown: !refTotal.IsSuppressed);

        var delivery = Of(Figures.Delivery, EquityGroups.All, EquityGroups.Everyone);
        var deliveryTotal = Total(EquityGroups.Everyone, M(delivery, "attended"), M(delivery, "sessions"));
        var reEngaged = Total("Missed sessions", M(delivery, "reengaged"), M(delivery, "missed"));

        var repeat = Of(Figures.Repeat, EquityGroups.All, EquityGroups.Everyone);
        var repeatTotal = Total(EquityGroups.Everyone, M(repeat, "repeated"), M(repeat, "presentations"));
        var today = Aftercare.Domain.Common.UkTime.DateOf(now);
        var months = new List<RepeatMonth>();
        for (var m = period.From; m <= period.To; m = m.AddMonths(1))
        {
            var c = repeatByMonth.GetValueOrDefault(m) ?? [];
            months.Add(new RepeatMonth(m, Total(Period.Describe(m), M(c, "repeated"), M(c, "presentations")), FigureRules.RepeatMonthComplete(m, today)));
        }

        var tables = new Dictionary<(string, string), BreakdownTable>();
        foreach (var (figure, numerator, denominator, total) in new[]
        {
            (Figures.FollowUp, "within48", "started", followTotal),
            (Figures.Referrals, "accepted", "sent", refTotal),
            (Figures.Delivery, "attended", "sessions", deliveryTotal),
            (Figures.Repeat, "repeated", "presentations", repeatTotal),
        })
        {
            foreach (var breakdown in breakdowns)
            {
                var counts = sums.Where(s => s.Key.Figure == figure && s.Key.Dimension == breakdown && M(s.Value, denominator) > 0)
                    .Select(s => new GroupCount(s.Key.Group, M(s.Value, numerator), M(s.Value, denominator)));
                var ordered = Order(breakdown, counts).ToList();
                var shown = SmallNumbers.Suppress(ordered, totalShown: !total.IsSuppressed);
                tables[(figure, breakdown)] = new BreakdownTable(figure, breakdown, shown, SmallNumbers.GapBetween(shown));
            }
        }

        return new DashboardData
        {
            Period = period,
            AsOf = asOf,
            FollowUp = followTotal,
            FollowUpBands = bands,
            Referrals = refTotal,
            Services = services,
            DeclineReasons = reasons,
            FlaggedOutcomes = outcomes,
            Declined = refTotal.IsSuppressed ? 0 : M(refs, "declined"),
            Flagged = refTotal.IsSuppressed ? 0 : M(refs, "flagged"),
            Seen = refTotal.IsSuppressed ? 0 : M(refs, "seen"),
            MedianDays = refTotal.IsSuppressed ? null : FigureRules.Centile(Days(refs), 0.5),
            NinetiethDays = refTotal.IsSuppressed ? null : FigureRules.Centile(Days(refs), 0.9),
            Delivery = deliveryTotal,
            Attended = deliveryTotal.IsSuppressed ? 0 : M(delivery, "attended"),
            Missed = deliveryTotal.IsSuppressed ? 0 : M(delivery, "missed"),
            Cancelled = deliveryTotal.IsSuppressed ? 0 : M(delivery, "cancelled"),
            ReEngaged = deliveryTotal.IsSuppressed ? reEngaged with { Suppression = Suppression.SmallNumber } : reEngaged,
            LettersSent = M(delivery, "letters"),
            Repeat = repeatTotal,
            RepeatMonths = months,
            Breakdowns = tables,
            Now = nowFigures,
        };
    }

    private static Dictionary<int, long> Days(Dictionary<string, long> measures) =>
        measures.Where(m => m.Key.StartsWith("days:", StringComparison.Ordinal))
            .ToDictionary(m => int.Parse(m.Key[5..], CultureInfo.InvariantCulture), m => m.Value);

    /// <summary>The groups in the order shown: the breakdown's own order, or areas by name with "Not known" last.</summary>
    private static IEnumerable<GroupCount> Order(string breakdown, IEnumerable<GroupCount> groups)
    {
        var known = EquityGroups.KnownOrder(breakdown);
        return known.Count > 0
            ? groups.OrderBy(g => known.Contains(g.Group) ? known.ToList().IndexOf(g.Group) : int.MaxValue).ThenBy(g => g.Group, StringComparer.Ordinal)
            : groups.OrderBy(g => g.Group == EquityGroups.AreaNotKnown).ThenBy(g => g.Group, StringComparer.Ordinal);
    }

    /// <summary>The services with the most referrals sent, by name, and the rest as "Other services".</summary>
    private static List<ServiceRow> ServiceRows(Dictionary<(string Figure, string Dimension, string Group), Dictionary<string, long>> sums, bool totalShown)
    {
        var all = sums.Where(s => s.Key.Figure == Figures.Referrals && s.Key.Dimension == EquityGroups.Service)
            .Select(s => (Name: s.Key.Group, Measures: s.Value))
            .OrderByDescending(s => s.Measures.GetValueOrDefault("sent")).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        var rows = all.Take(TopServices).ToList();
        if (all.Count > TopServices)
        {
            var rest = new Dictionary<string, long>();
            foreach (var (_, m) in all.Skip(TopServices))
                foreach (var (k, v) in m) rest[k] = rest.GetValueOrDefault(k) + v;
            rows.Add((OtherServices, rest));
        }
        var shown = SmallNumbers.Suppress([.. rows.Select(r => new GroupCount(r.Name, r.Measures.GetValueOrDefault("accepted"), r.Measures.GetValueOrDefault("sent")))], totalShown);
        return [.. rows.Zip(shown, (r, s) => s.IsSuppressed
            ? new ServiceRow(s, 0, 0, 0, null, null)
            : new ServiceRow(s, r.Measures.GetValueOrDefault("declined"), r.Measures.GetValueOrDefault("flagged"), r.Measures.GetValueOrDefault("seen"),
                FigureRules.Centile(Days(r.Measures), 0.5), FigureRules.Centile(Days(r.Measures), 0.9)))];
    }
}
