using System.Diagnostics;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Dashboards;
using Aftercare.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aftercare.Bench;

/// <summary>
/// What the dashboards need before they are timed: an administrator (the deployment dashboard is
/// theirs alone) and the monthly counts of every month loaded (ADR 0014). The counts are worked out
/// here exactly as the nightly rebuild does (<see cref="DashboardRollups.RebuildAll"/>), timed,
/// whenever that rebuild is due or has never run; the pending nightly rebuild is then moved to the
/// next night, as the job itself would, so the application does not start a ten-year rebuild in
/// the middle of the measurements. The ten-minute refresh of the last two months is left to run
/// in the application, as it would.
/// </summary>
public sealed partial class Loader
{
    public const string AdministratorEmail = "administrator@" + StaffEmailDomain;

    /// <summary>The rebuild's time in seconds when one was run; null when the counts were fresh.</summary>
    private static async Task<double?> PrepareDashboardsAsync(NpgsqlDataSource dataSource)
    {
        // The administrator signs in as the staff do: a copy of a supervisor's account with its own
        // name and address, the administrator's role and no team.
        await using (var admin = dataSource.CreateCommand(
            $"""
            INSERT INTO user_accounts
            SELECT (jsonb_populate_record(NULL::user_accounts, to_jsonb(u) || jsonb_build_object(
                'id', gen_random_uuid(), 'display_name', 'Bench Administrator', 'role', {(int)StaffRole.Administrator}, 'team_id', NULL,
                'user_name', $1::text, 'normalized_user_name', upper($1::text), 'email', $1::text, 'normalized_email', upper($1::text),
                'security_stamp', upper(replace(gen_random_uuid()::text, '-', '')), 'concurrency_stamp', gen_random_uuid()::text))).*
            FROM user_accounts u
            WHERE u.role = {(int)StaffRole.Supervisor} AND u.is_active AND u.is_demo_account
              AND NOT EXISTS (SELECT 1 FROM user_accounts WHERE normalized_email = upper($1::text))
            ORDER BY u.email LIMIT 1
            """))
        {
            admin.Parameters.Add(new() { Value = AdministratorEmail });
            await admin.ExecuteNonQueryAsync();
        }

        await using (var check = dataSource.CreateCommand(
            "SELECT NOT EXISTS (SELECT 1 FROM dashboard_rollup_months) OR EXISTS (SELECT 1 FROM due_work WHERE kind = $1 AND fired_at IS NULL AND due_at <= now())"))
        {
            check.Parameters.Add(new() { Value = DueWorkKinds.DashboardRebuild });
            if (!(bool)(await check.ExecuteScalarAsync())!)
            {
                Console.WriteLine("The dashboards' counts are fresh: the nightly rebuild is not due");
                return null;
            }
        }
        Console.WriteLine("Working out the dashboards' counts for every month, as the nightly rebuild does");
        var timer = Stopwatch.StartNew();
        var options = new DbContextOptionsBuilder<AftercareDb>().UseNpgsql(dataSource).Options;
        var now = DateTimeOffset.UtcNow;
        await using (var db = new AftercareDb(options)) await new DashboardRollups(db).RebuildAll(now, CancellationToken.None);
        var seconds = Math.Round(timer.Elapsed.TotalSeconds, 1);
        await using (var next = dataSource.CreateCommand("UPDATE due_work SET due_at = $2 WHERE kind = $1 AND fired_at IS NULL"))
        {
            next.Parameters.Add(new() { Value = DueWorkKinds.DashboardRebuild });
            next.Parameters.Add(new() { Value = DueWorkEffects.NextNight(now) });
            await next.ExecuteNonQueryAsync();
        }
        await using (var vacuum = dataSource.CreateCommand("VACUUM (ANALYZE) dashboard_rollups, dashboard_rollup_months, user_accounts"))
            await vacuum.ExecuteNonQueryAsync();
        Console.WriteLine($"  worked out in {seconds:0.0} s");
        return seconds;
    }
}
