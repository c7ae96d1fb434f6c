using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aftercare.Web.Tests.Security;

[Collection("web")]
public sealed class AuditTrailTests(AftercareFactory app)
{
    [Fact]
    public async Task ViewingARecord_WritesAnAuditEvent_WithWhoWhenAndFromWhere()
    {
        var team = await app.NewTeam();
        var (id, _) = await app.NewPerson(team);
        var reader = await app.NewStaff(StaffRole.Practitioner, team);
        var session = app.NewSession();
        await session.SignIn(reader);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await session.GetPage($"/persons/{id}");
        await session.GetPage($"/persons/{id}");

        var views = await app.WithDb(db => db.AuditEvents.Where(a => a.PersonId == id.Value && a.Action == "view").ToListAsync());
        Assert.Equal(2, views.Count);
        Assert.All(views, v =>
        {
            Assert.Equal(reader.Id, v.ActorId);
            Assert.Equal(reader.Name, v.ActorName);
            Assert.Equal("Practitioner", v.ActorRole);
            Assert.True(v.OccurredAt >= before);
            Assert.Equal(reader.TeamId!.Value.Value, v.ActorTeamId);
        });
    }

    [Fact]
    public async Task RegisteringAPersonAndRecordingAPresentation_AreAudited()
    {
        var team = await app.NewTeam();
        var account = await app.NewStaff(StaffRole.Practitioner, team);
        var session = app.NewSession();
        await session.SignIn(account);
        var family = TestWorld.Unique("Audit");
        var response = await session.PostForm("/persons/register", new Dictionary<string, string?>
        {
            ["Form.GivenName"] = "Sam",
            ["Form.FamilyName"] = family,
            ["Form.Sex"] = "Male",
            ["Form.DateOfBirth.Day"] = "3",
            ["Form.DateOfBirth.Month"] = "7",
            ["Form.DateOfBirth.Year"] = "2001",
        });
        var location = response.Headers.Location!.OriginalString;
        var id = Guid.Parse(location.Split('/').Last());
        var now = Domain.Common.UkTime.ToLocal(DateTimeOffset.UtcNow).AddMinutes(-30);
        await session.PostForm($"/persons/{id}/presentations/new", new Dictionary<string, string?>
        {
            ["Form.SiteId"] = team.SiteId.ToString(),
            ["Form.ArrivedDate.Day"] = now.Day.ToString(),
            ["Form.ArrivedDate.Month"] = now.Month.ToString(),
            ["Form.ArrivedDate.Year"] = now.Year.ToString(),
            ["Form.ArrivedTime"] = now.ToString("HH:mm"),
            ["Form.AccountInOwnWords"] = "I cut my arm",
            ["Form.Method"] = "SelfInjuryCutting",
        });
        var actions = await app.WithDb(db => db.AuditEvents.Where(a => a.PersonId == id).Select(a => a.Action + " " + a.EntityType).ToListAsync());
        Assert.Contains("create Person", actions);
        Assert.Contains("create Presentation", actions);
    }

    [Theory]
    [InlineData("UPDATE audit_events SET actor_name = 'someone else'")]
    [InlineData("DELETE FROM audit_events")]
    [InlineData("TRUNCATE audit_events")]
    public async Task AuditRows_CannotBeChangedOrRemoved_EvenByTheApplicationsOwnDatabaseUser(string sql)
    {
        var team = await app.NewTeam();
        var (id, _) = await app.NewPerson(team);
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Practitioner, team));
        await session.GetPage($"/persons/{id}");
        var countBefore = await app.WithDb(db => db.AuditEvents.CountAsync());

        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        var error = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
        Assert.Contains("append-only", error.MessageText);
        Assert.Equal(countBefore, await app.WithDb(db => db.AuditEvents.CountAsync()));
    }
}
