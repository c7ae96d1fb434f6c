using System.Net;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Aftercare.Web.Tests.Data;

/// <summary>
/// The worklist pages' reads run on a pool of their own, no larger than configured (ADR 0016): a
/// burst of pages waits its turn for a connection in the application, and every page is answered.
/// </summary>
public sealed class PageReadsTests(PageReadsTests.Factory app) : IClassFixture<PageReadsTests.Factory>
{
    public sealed class Factory : AftercareFactory
    {
        public const int Connections = 2;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Aftercare:Database:PageReadConnections", Connections.ToString());
        }
    }

    [Fact]
    public async Task ManyWorklistPagesAtOnce_AreAllAnswered_ThroughNoMoreConnectionsThanThePoolAllows()
    {
        var team = await app.NewTeam();
        var practitioner = await app.NewStaff(StaffRole.Practitioner, team);
        await app.NewPathway(team, practitioner, DateTimeOffset.UtcNow.AddHours(-50));
        var sessions = new List<WebSession>();
        for (var i = 0; i < 4; i++)
        {
            var session = app.NewSession();
            await session.SignIn(practitioner);
            sessions.Add(session);
        }

        var pages = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            sessions[i % sessions.Count].Get(i % 2 == 0 ? "/work" : $"/teams/{team.TeamId}/work")));
        foreach (var page in pages)
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            // The overdue follow-up, in the list and in the banner: the session check and the list were both read.
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("data-testid=\"work-item\"", html);
            Assert.Contains("data-testid=\"overdue-banner\"", html);
        }

        // The pool keeps its connections open once used: the database sees how many there were.
        Assert.InRange(await PageReadConnections(), 1, Factory.Connections);
    }

    private async Task<long> PageReadConnections()
    {
        await using var admin = new NpgsqlConnection(AftercareFactory.AdminConnection);
        await admin.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND application_name = $2", admin);
        cmd.Parameters.Add(new() { Value = app.DatabaseName });
        cmd.Parameters.Add(new() { Value = PageReads.ApplicationName });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
