using Aftercare.Domain.Common;
using Aftercare.Web.Tests.Features.Messages;
using Aftercare.Web.Tests.Features.Supervision;
using Aftercare.Web.Tests.Infrastructure;
using Npgsql;

namespace Aftercare.Web.Tests.Features.Dashboards;

/// <summary>
/// The dashboard's "supervision and training due", read from the supervision and training
/// records, counting people by the same rules as the training pages (M14, M15).
/// </summary>
[Collection("web")]
public sealed class StaffDevelopmentFigureTests(AftercareFactory app)
{
    [Fact]
    public async Task TheTeamDashboard_CountsWhoIsDueSupervisionAndTraining_ByTheTrainingPagesRules()
    {
        // A team of three clinicians: Asha (practitioner), Ben (practitioner) and their supervisor.
        var world = await app.NewSupervisionWorld();
        var supervisor = await app.SignedIn(world.Supervisor);
        await supervisor.RecordSession(world);          // Asha is supervised today; Ben never has been.
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);

        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        var modules = new List<(Guid Id, int? Refresh)>();
        await using (var read = new NpgsqlCommand("SELECT id, refresh_months FROM training_modules WHERE retired_at IS NULL", conn))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync()) modules.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetInt32(1)));
        async Task Completed(Guid staff, Guid module, DateOnly on)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO training_records (id, staff_id, training_module_id, completed_on, recorded_by, recorded_by_name, recorded_at) VALUES ($1, $2, $3, $4, $2, 'Test', now())", conn);
            insert.Parameters.Add(new() { Value = Guid.CreateVersion7() });
            insert.Parameters.Add(new() { Value = staff });
            insert.Parameters.Add(new() { Value = module });
            insert.Parameters.Add(new() { Value = on });
            await insert.ExecuteNonQueryAsync();
        }
        // Asha has done every module today: nothing due. Ben has done none: all to do.
        foreach (var (id, _) in modules) await Completed(world.Asha.Id, id, today);
        // The supervisor did a yearly module 13 months ago (overdue) and nothing else (to do).
        var yearly = modules.First(m => m.Refresh == 12);
        await Completed(world.Supervisor.Id, yearly.Id, today.AddMonths(-13));

        var page = await supervisor.GetPage($"/teams/{world.Team.TeamId}/dashboard");
        var figure = page.QuerySelector("[data-testid=now-development]")!.TextContent;
        Assert.Contains("1 practitioner not supervised in the last 6 weeks", figure);          // Ben
        Assert.Contains("2 clinicians have training to do or due within 30 days", figure);      // Ben and the supervisor
        Assert.Contains("1 has training overdue", figure);                                      // the supervisor
    }
}
