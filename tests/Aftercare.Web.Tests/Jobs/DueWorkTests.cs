using Aftercare.Domain.Pathways;
using Aftercare.Domain.Staff;
using Aftercare.Web.Jobs;
using Aftercare.Web.Security;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Jobs;

/// <summary>A second application instance on the first one's database, with its timers on.</summary>
public sealed class TimerNode(string database) : AftercareFactory(database)
{
    protected override bool DueWorkEnabled => true;
}

public sealed class DueWorkTests : IAsyncLifetime
{
    // The first instance makes the database and the data, with its own timers off, as if the nodes
    // that will fire them were down when the work fell due.
    private readonly AftercareFactory first = new();
    private static readonly string[] PathwayKinds = [DueWorkKinds.ContactDue, DueWorkKinds.LetterOpens];

    public Task InitializeAsync() => ((IAsyncLifetime)first).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)first).DisposeAsync();

    [Fact]
    public async Task TwoInstancesOnOneDatabase_FireEveryDueTimerExactlyOnce_IncludingWorkThatFellDueWhileNoneWasRunning()
    {
        var team = await first.NewTeam();
        var practitioner = await first.NewStaff(StaffRole.Practitioner, team);
        // Thirty people assessed over a year ago: every contact of their pathways is past due and
        // every letter's window has opened (7 contact timers and 3 letter timers each).
        var signedOff = DateTimeOffset.UtcNow.AddDays(-400);
        for (var i = 0; i < 30; i++) await first.NewPathway(team, practitioner, signedOff.AddHours(i));
        // The dashboards' own timers (always one waiting, as each schedules the next) are left out.
        var waiting = await first.WithDb(db => db.DueWork.CountAsync(w => w.FiredAt == null && PathwayKinds.Contains(w.Kind)));
        Assert.Equal(300, waiting);

        await using var a = new TimerNode(first.DatabaseName);
        await using var b = new TimerNode(first.DatabaseName);
        await Task.WhenAll(((IAsyncLifetime)a).InitializeAsync(), ((IAsyncLifetime)b).InitializeAsync());
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await first.WithDb(db => db.DueWork.CountAsync(w => w.FiredAt == null && PathwayKinds.Contains(w.Kind))) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The timers did not all fire within 90 seconds");
            await Task.Delay(200);
        }

        var rows = await first.WithDb(db => db.DueWork.AsNoTracking().Where(w => PathwayKinds.Contains(w.Kind)).ToListAsync());
        Assert.All(rows, w => Assert.Equal((1, null), (w.Attempts, w.LastError)));
        // Both nodes took part: the rows were shared out, not fired by one node twice over.
        Assert.Equal(2, rows.Select(w => w.FiredBy).Distinct().Count());

        var contactIds = rows.Where(w => w.Kind == DueWorkKinds.ContactDue).Select(w => w.SubjectId.ToString()).ToList();
        var overdueEvents = await first.WithDb(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.Overdue && contactIds.Contains(e.EntityId!))
            .GroupBy(e => e.EntityId).Select(g => g.Count()).ToListAsync());
        // Every contact of these pathways was open and past due: each is recorded overdue once.
        Assert.Equal(210, overdueEvents.Count);
        Assert.All(overdueEvents, n => Assert.Equal(1, n));
        var contacts = await first.WithDb(db => db.PlannedContacts.AsNoTracking().Where(c => c.TeamId == team.TeamId).ToListAsync());
        Assert.All(contacts, c => Assert.NotNull(c.OverdueRecordedAt));

        var letters = await first.WithDb(db => db.Letters.AsNoTracking()
            .Join(db.PlannedContacts.Where(c => c.TeamId == team.TeamId), l => l.PlannedContactId, c => c.Id, (l, c) => l).ToListAsync());
        Assert.Equal(90, letters.Count);
        Assert.All(letters, l => Assert.Equal(LetterStatus.Draft, l.Status));
        // Drafted from the plan, pointing to the crisis lines that every printed letter ends with.
        Assert.All(letters, l => Assert.StartsWith("Dear Robin,", l.Body));
        Assert.All(letters, l => Assert.Contains("the numbers at the end of this letter", l.Body));
    }
}
