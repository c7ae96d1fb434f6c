using System.Net;
using Npgsql;

namespace Aftercare.Bench;

/// <summary>
/// The dashboards (M15, ADR 0014): the team dashboard read by the supervisors of the chosen teams,
/// and the deployment's read by the administrator, each for its default period, the last 12
/// complete months (so the deployment's is the national dashboard for a year). They read the
/// monthly counts the loader worked out (<see cref="Loader"/>), so a run refuses to start without them.
/// </summary>
public static partial class Driver
{
    private static readonly byte[] AsOfMarker = "data-testid=\"as-of\""u8.ToArray();
    private static readonly byte[] DevelopmentMarker = "data-testid=\"now-development\""u8.ToArray();

    private static string? DashboardPageWrong(byte[] body) =>
        body.AsSpan().IndexOf(AsOfMarker) < 0 ? "the page does not say how fresh its figures are"
        : body.AsSpan().IndexOf(DevelopmentMarker) < 0 ? "the page does not show the figures as they stand now"
        : null;

    private static Task TeamDashboard(Client c, Window w) =>
        Send(c, w, "team-dashboard", Get($"/teams/{c.TeamId}/dashboard"), HttpStatusCode.OK, check: (_, body) => DashboardPageWrong(body));

    private static Task DeploymentDashboard(Client c, Window w) =>
        Send(c, w, "deployment-dashboard", Get("/dashboard"), HttpStatusCode.OK, check: (_, body) => DashboardPageWrong(body));

    /// <summary>The supervisors of the chosen teams and the administrator, signed in and checked, when a dashboard scenario is run.</summary>
    private static async Task<(List<Client>? Supervisors, List<Client>? Administrator)> DashboardClients(
        NpgsqlDataSource db, Uri baseUri, DriveOptions o, List<TeamPick> teams)
    {
        if (!o.Scenarios.Intersect(DriveOptions.DashboardScenarios).Any()) return (null, null);
        await using (var months = db.CreateCommand("SELECT count(*) FROM dashboard_rollup_months"))
            if ((long)(await months.ExecuteScalarAsync())! == 0)
                throw new BenchException("The dashboards' counts have not been worked out; bench/run.sh does it after loading (top-up)");
        var supervisors = new List<Client>();
        if (o.Scenarios.Contains("team-dashboard"))
        {
            for (var i = 0; i < o.Clients; i++)
            {
                var team = teams[i % teams.Count];
                await using var find = db.CreateCommand("SELECT email FROM user_accounts WHERE team_id = $1 AND role = 2 AND is_active ORDER BY email LIMIT 1");
                find.Parameters.Add(new() { Value = team.Id });
                var email = (string?)await find.ExecuteScalarAsync() ?? throw new BenchException($"Team {team.Name} has no supervisor");
                supervisors.Add(new Client(i, NewHttpClient(baseUri), team, email, [], [], [], 0, 1));
            }
        }
        List<Client> administrator = o.Scenarios.Contains("deployment-dashboard")
            ? [new Client(0, NewHttpClient(baseUri), teams[0], Loader.AdministratorEmail, [], [], [], 0, 1)]
            : [];
        foreach (var c in supervisors.Concat(administrator))
        {
            await SignIn(c.Http, c.Email);
            var address = supervisors.Contains(c) ? $"/teams/{c.TeamId}/dashboard" : "/dashboard";
            using var page = await c.Http.GetAsync(address);
            if (page.StatusCode != HttpStatusCode.OK) throw new BenchException($"{address} for {c.Email} answered {(int)page.StatusCode}");
            if (DashboardPageWrong(await page.Content.ReadAsByteArrayAsync()) is { } wrong) throw new BenchException($"{address} for {c.Email}: {wrong}");
        }
        return (supervisors.Count > 0 ? supervisors : null, administrator.Count > 0 ? administrator : null);
    }
}
