using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;
using Aftercare.Domain.Supervision;
using Npgsql;
using NpgsqlTypes;

namespace Aftercare.Web.Features.Dashboards;

/// <summary>
/// Supervision and training due, for a dashboard's "now" figures, from the supervision and
/// training records (M14), counting people, never naming them:
/// practitioners not supervised within <see cref="SupervisionDueAfterDays"/> days (or never);
/// clinicians with a module not done or due again within 30 days; clinicians with a module
/// overdue. A module's standing is worked out by the same rule as their training pages
/// (<see cref="TrainingStatus.Of(DateOnly?, int?, DateOnly)"/>), on UK dates, so the dashboard and
/// the matrix never disagree. Retired modules do not count. One round trip.
/// </summary>
public sealed class StaffDevelopmentFromRecords(NpgsqlDataSource dataSource) : IStaffDevelopmentDue
{
    /// <summary>Six weeks: clinical supervision in a liaison team is usually monthly to six-weekly.</summary>
    public const int SupervisionDueAfterDays = 42;

    public async Task<StaffDevelopmentDue?> For(IReadOnlyList<Guid>? teams, DateTimeOffset now, CancellationToken ct)
    {
        var today = UkTime.DateOf(now);
        await using var batch = dataSource.CreateBatch();
        var staff = new NpgsqlBatchCommand(
            $"""
            SELECT u.id, u.role, (SELECT max(s.held_on) FROM supervision_sessions s WHERE s.practitioner_id = u.id)
            FROM user_accounts u
            WHERE u.is_active AND u.role IN ({(int)StaffRole.Practitioner}, {(int)StaffRole.Supervisor}) AND ($1 OR u.team_id = ANY($2))
            """);
        var records = new NpgsqlBatchCommand(
            $"""
            SELECT r.staff_id, r.training_module_id, max(r.completed_on)
            FROM user_accounts u JOIN training_records r ON r.staff_id = u.id
            WHERE u.is_active AND u.role IN ({(int)StaffRole.Practitioner}, {(int)StaffRole.Supervisor}) AND ($1 OR u.team_id = ANY($2))
            GROUP BY r.staff_id, r.training_module_id
            """);
        foreach (var statement in new[] { staff, records })
        {
            statement.Parameters.Add(new() { Value = teams is null });
            statement.Parameters.Add(new() { Value = (teams ?? []).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            batch.BatchCommands.Add(statement);
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT id, refresh_months FROM training_modules WHERE retired_at IS NULL"));

        var clinicians = new List<Guid>();
        var supervisionDue = 0;
        var completed = new Dictionary<(Guid Staff, Guid Module), DateOnly>();
        var modules = new List<(Guid Id, int? RefreshMonths)>();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                clinicians.Add(reader.GetGuid(0));
                var last = reader.IsDBNull(2) ? (DateOnly?)null : reader.GetFieldValue<DateOnly>(2);
                if ((StaffRole)reader.GetInt32(1) == StaffRole.Practitioner && (last is null || last < today.AddDays(-SupervisionDueAfterDays)))
                    supervisionDue++;
            }
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct)) completed[(reader.GetGuid(0), reader.GetGuid(1))] = reader.GetFieldValue<DateOnly>(2);
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct)) modules.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetInt32(1)));
        }

        var trainingDue = 0;
        var trainingOverdue = 0;
        foreach (var clinician in clinicians)
        {
            var states = modules.Select(m => TrainingStatus.Of(completed.TryGetValue((clinician, m.Id), out var on) ? on : null, m.RefreshMonths, today).State).ToList();
            if (states.Any(s => s == TrainingState.Overdue)) trainingOverdue++;
            if (states.Any(s => s is TrainingState.NotDone or TrainingState.DueSoon)) trainingDue++;
        }
        return new StaffDevelopmentDue(supervisionDue, trainingDue, trainingOverdue);
    }
}
