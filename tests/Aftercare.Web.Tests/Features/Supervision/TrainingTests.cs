using System.Net;
using Aftercare.Domain.Common;
using Aftercare.Domain.Staff;
using Aftercare.Domain.Supervision;
using Aftercare.Web.Tests.Features.Messages;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aftercare.Web.Tests.Features.Supervision;

/// <summary>Training (M14): the team's matrix, one's own, the modules administrators keep, and the line on "my work".</summary>
[Collection("web")]
public sealed class TrainingTests(AftercareFactory app)
{
    private static Dictionary<string, string?> Completion(Guid module, DateOnly on, Guid? staff = null)
    {
        var fields = new Dictionary<string, string?>
        {
            ["Form.Module"] = module.ToString(),
            ["Form.CompletedOn.Day"] = on.Day.ToString(),
            ["Form.CompletedOn.Month"] = on.Month.ToString(),
            ["Form.CompletedOn.Year"] = on.Year.ToString(),
        };
        if (staff is { } s) fields["Form.Staff"] = s.ToString();
        return fields;
    }

    private Task<Guid> Module(string code) => app.WithDb(db => db.TrainingModules.Where(m => m.Code == code).Select(m => m.Id.Value).SingleAsync());

    [Fact]
    public async Task TheDefaultModules_AreSeededOnce_FromConfiguration()
    {
        var codes = await app.WithDb(db => db.TrainingModules.Select(m => new { m.Code, m.RefreshMonths }).ToListAsync());
        foreach (var (code, months) in new[] { ("assured-manual", 24), ("safety-planning", 12), ("solution-focused", 24), ("neurodiversity", 24), ("online-support", 12), ("safeguarding", 12) })
            Assert.Equal(months, Assert.Single(codes, c => c.Code == code).RefreshMonths);
        // Seeding again (a second node starting) adds nothing.
        await Web.Features.Supervision.TrainingModuleSeeder.SeedAsync(NpgsqlDataSource.Create(app.ConnectionString),
            (Microsoft.Extensions.Configuration.IConfiguration)app.Services.GetService(typeof(Microsoft.Extensions.Configuration.IConfiguration))!, TimeProvider.System);
        Assert.Equal(codes.Count, await app.WithDb(db => db.TrainingModules.CountAsync()));
    }

    [Fact]
    public async Task TheSupervisor_RecordsForAnyone_ThePractitionerForThemselves_AndTheMatrixShowsOverdueFirstWithWhoRecorded()
    {
        var world = await app.NewSupervisionWorld();
        var supervisor = await app.SignedIn(world.Supervisor);
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var safety = await Module("safety-planning");
        var url = $"/teams/{world.Team.TeamId}/training";
        // Ben did safety planning 13 months ago: overdue. Asha records hers today herself.
        await WebSession.AssertRedirect(await supervisor.PostForm(url, Completion(safety, today.AddMonths(-13), world.Ben.Id)));
        var asha = await app.SignedIn(world.Asha);
        await WebSession.AssertRedirect(await asha.PostForm("/my/training", Completion(safety, today)));

        var matrix = await supervisor.GetPage(url);
        var rows = matrix.QuerySelectorAll("[data-testid=training-row]").ToList();
        Assert.Equal(world.Ben.Id.ToString(), rows[0].GetAttribute("data-staff"));
        Assert.Equal("Overdue", rows[0].QuerySelector("[data-module=safety-planning]")!.GetAttribute("data-state"));
        Assert.Contains($"recorded by {world.Supervisor.Name}", rows[0].QuerySelector("[data-module=safety-planning]")!.TextContent);
        var ashaRow = rows.Single(r => r.GetAttribute("data-staff") == world.Asha.Id.ToString());
        Assert.Equal("Current", ashaRow.QuerySelector("[data-module=safety-planning]")!.GetAttribute("data-state"));
        Assert.Contains("recorded by themselves", ashaRow.QuerySelector("[data-module=safety-planning]")!.TextContent);
        Assert.Equal("NotDone", ashaRow.QuerySelector("[data-module=safeguarding]")!.GetAttribute("data-state"));

        // A completion in the future is refused next to its field.
        var refused = await asha.PostForm("/my/training", Completion(safety, today.AddDays(1)));
        Assert.Equal("#Form_CompletedOn", WebSession.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("[data-module=nhsuk-error-summary] a")!.GetAttribute("href"));
        // The database keeps a training record as recorded.
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("UPDATE training_records SET completed_on = completed_on + 1 WHERE staff_id = $1", conn);
        cmd.Parameters.Add(new() { Value = world.Ben.Id });
        Assert.Equal("42501", (await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync())).SqlState);
    }

    [Fact]
    public async Task MyWork_SaysWhenTrainingOrASupervisionActionIsOverdue()
    {
        var world = await app.NewSupervisionWorld();
        var asha = await app.SignedIn(world.Asha);
        Assert.Null((await asha.GetPage("/work")).QuerySelector("[data-testid=supervision-due]"));
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        await WebSession.AssertRedirect(await asha.PostForm("/my/training", Completion(await Module("safeguarding"), today.AddMonths(-12).AddDays(-1))));
        var supervisor = await app.SignedIn(world.Supervisor);
        var held = today.AddDays(-10);
        var due = today.AddDays(-1);
        await WebSession.AssertRedirect(await supervisor.PostForm(world.RecordUrl, new Dictionary<string, string?>
        {
            ["Form.Practitioner"] = world.Asha.Id.ToString(),
            ["Form.HeldOn.Day"] = held.Day.ToString(),
            ["Form.HeldOn.Month"] = held.Month.ToString(),
            ["Form.HeldOn.Year"] = held.Year.ToString(),
            ["Form.Kind"] = "CaseReview",
            ["Form.Covered"] = "Caseload review",
            ["Form.Actions[0].Text"] = "Ring Robin's GP about her medication",
            ["Form.Actions[0].Owner"] = "Practitioner",
            ["Form.Actions[0].DueOn.Day"] = due.Day.ToString(),
            ["Form.Actions[0].DueOn.Month"] = due.Month.ToString(),
            ["Form.Actions[0].DueOn.Year"] = due.Year.ToString(),
        }));
        var work = await asha.GetPage("/work");
        Assert.Contains("1 supervision action is overdue", work.QuerySelector("[data-testid=overdue-actions]")!.TextContent);
        Assert.Contains("1 training refresher is overdue", work.QuerySelector("[data-testid=overdue-training]")!.TextContent);
        // Ben has neither.
        Assert.Null((await (await app.SignedIn(world.Ben)).GetPage("/work")).QuerySelector("[data-testid=supervision-due]"));
    }

    [Fact]
    public async Task AnAdministrator_AddsChangesAndRetiresAModule_AndARetiredModuleStopsCounting()
    {
        var administrator = await app.SignedIn(await app.NewStaff(StaffRole.Administrator, null));
        var code = TestWorld.Unique("dbt-");
        await WebSession.AssertRedirect(await administrator.PostForm("/admin/training", new Dictionary<string, string?>
        {
            ["Add.Name"] = "Dialectical skills " + code,
            ["Add.Code"] = code,
            ["Add.RefreshMonths"] = "12",
        }, "/admin/training?handler=Add"));
        var module = await Module(code);
        var bad = await administrator.PostForm("/admin/training", new Dictionary<string, string?> { ["refreshMonths"] = "0" }, $"/admin/training?handler=Interval&module={module}");
        Assert.Equal($"#Interval_{module:N}", WebSession.Parse(await bad.Content.ReadAsStringAsync()).QuerySelector("[data-module=nhsuk-error-summary] a")!.GetAttribute("href"));
        await WebSession.AssertRedirect(await administrator.PostForm("/admin/training", new Dictionary<string, string?> { ["refreshMonths"] = "36" }, $"/admin/training?handler=Interval&module={module}"));
        Assert.Equal(36, await app.WithDb(db => db.TrainingModules.Where(m => m.Id == new TrainingModuleId(module)).Select(m => m.RefreshMonths).SingleAsync()));

        var world = await app.NewSupervisionWorld();
        var asha = await app.SignedIn(world.Asha);
        Assert.NotNull((await asha.GetPage("/my/training")).QuerySelector($"[data-module='{code}']"));
        await WebSession.AssertRedirect(await administrator.PostForm("/admin/training", new Dictionary<string, string?>(), $"/admin/training?handler=Retire&module={module}"));
        Assert.Null((await asha.GetPage("/my/training")).QuerySelector($"[data-module='{code}']"));
        Assert.Null((await (await app.SignedIn(world.Supervisor)).GetPage($"/teams/{world.Team.TeamId}/training")).QuerySelector($"[data-module='{code}']"));
    }

    [Fact]
    public async Task TrainingPages_AreNotFound_ForEveryoneOutsideTheirReach()
    {
        var world = await app.NewSupervisionWorld();
        var otherSupervisor = await app.SignedIn(await app.NewStaff(StaffRole.Supervisor, await app.NewTeam()));
        var administrator = await app.SignedIn(await app.NewStaff(StaffRole.Administrator, null));
        var asha = await app.SignedIn(world.Asha);
        var supervisor = await app.SignedIn(world.Supervisor);
        var patient = await app.SignedIn(world.RobinAccount);
        var service = app.NewSession();
        await service.SignIn(await app.NewServiceUser());
        var teamUrl = $"/teams/{world.Team.TeamId}/training";
        foreach (var (who, session) in new[] { ("another team's supervisor", otherSupervisor), ("an administrator", administrator), ("a practitioner", asha), ("a patient", patient), ("a receiving service", service) })
            Assert.True(HttpStatusCode.NotFound == (await session.Get(teamUrl)).StatusCode, $"{teamUrl} for {who}");
        foreach (var (who, session) in new[] { ("an administrator", administrator), ("a patient", patient), ("a receiving service", service) })
            Assert.True(HttpStatusCode.NotFound == (await session.Get("/my/training")).StatusCode, $"/my/training for {who}");
        foreach (var (who, session) in new[] { ("a practitioner", asha), ("a supervisor", supervisor), ("a patient", patient), ("a receiving service", service) })
            Assert.True(HttpStatusCode.NotFound == (await session.Get("/admin/training")).StatusCode, $"/admin/training for {who}");
        // A practitioner cannot record a completion for someone else through the team's page.
        var token = (await asha.GetPage("/my/training")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        Assert.Equal(HttpStatusCode.NotFound, (await asha.PostWithToken(teamUrl, token, Completion(await Module("safeguarding"), UkTime.DateOf(DateTimeOffset.UtcNow), world.Ben.Id))).StatusCode);
        Assert.Equal(0, await app.WithDb(db => db.TrainingRecords.CountAsync(r => r.StaffId == new StaffId(world.Ben.Id))));
    }
}
