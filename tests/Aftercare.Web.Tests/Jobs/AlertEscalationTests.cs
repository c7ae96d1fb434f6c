using Aftercare.Domain.Staff;
using Aftercare.Web.Jobs;
using Aftercare.Web.Security;
using Aftercare.Web.Tests.Features.Alerts;
using Aftercare.Web.Tests.Features.Messages;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Jobs;

/// <summary>Hazard H53: an alert nobody takes on escalates exactly once, however many nodes run its timer; one taken on in time never does.</summary>
public sealed class AlertEscalationTests : IAsyncLifetime
{
    // The first instance raises the alerts with its own timers off, as if the nodes that fire them were down when they fell due.
    private readonly AftercareFactory first = new();

    public Task InitializeAsync() => ((IAsyncLifetime)first).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)first).DisposeAsync();

    [Fact]
    public async Task TwoInstancesOnOneDatabase_EscalateEveryAlertNobodyTookOn_ExactlyOnce_AndNeverOneThatWasTakenOn()
    {
        var alerts = new List<Domain.Messaging.DutyAlert>();
        for (var i = 0; i < 12; i++)
        {
            var world = await first.NewMessagingWorld();
            alerts.Add(await first.SendCrisis(world));
        }
        // One is taken on in time: its timer fires, and changes nothing.
        var takenOn = alerts[0];
        await first.WithDb(async db =>
        {
            var alert = await db.DutyAlerts.SingleAsync(a => a.Id == takenOn.Id);
            alert.Acknowledge(new Domain.Common.StaffId(Guid.NewGuid()), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        // Their time has come (as if the nodes had been down for it).
        var ids = alerts.Select(a => a.Id.Value).ToList();
        await first.WithDb(async db =>
        {
            await db.Database.ExecuteSqlAsync($"UPDATE duty_alerts SET escalates_at = now() - interval '1 minute' WHERE id = ANY({ids})");
            return await db.Database.ExecuteSqlAsync($"UPDATE due_work SET due_at = now() - interval '1 minute' WHERE subject_id = ANY({ids})");
        });

        await using var a = new TimerNode(first.DatabaseName);
        await using var b = new TimerNode(first.DatabaseName);
        await Task.WhenAll(((IAsyncLifetime)a).InitializeAsync(), ((IAsyncLifetime)b).InitializeAsync());
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await first.WithDb(db => db.DueWork.CountAsync(w => ids.Contains(w.SubjectId) && w.FiredAt == null)) > 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                var errors = await first.WithDb(db => db.DueWork.AsNoTracking().Where(w => ids.Contains(w.SubjectId) && w.FiredAt == null).Select(w => w.LastError).ToListAsync());
                Assert.Fail("The alert timers did not all fire within 60 seconds: " + string.Join("; ", errors.Distinct()));
            }
            await Task.Delay(200);
        }

        var rows = await first.WithDb(db => db.DueWork.AsNoTracking().Where(w => ids.Contains(w.SubjectId)).ToListAsync());
        Assert.Equal(12, rows.Count);
        Assert.All(rows, w => Assert.Equal((DueWorkKinds.AlertEscalates, 1, (string?)null), (w.Kind, w.Attempts, w.LastError)));
        var alertIds = alerts.Select(x => x.Id).ToList();
        var after = await first.WithDb(db => db.DutyAlerts.AsNoTracking().Where(x => alertIds.Contains(x.Id)).ToListAsync());
        Assert.Null(after.Single(x => x.Id == takenOn.Id).EscalatedAt);
        Assert.Equal(11, after.Count(x => x.EscalatedAt is not null));
        var escalations = await first.WithDb(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.Escalate && e.EntityType == "DutyAlert").Select(e => e.EntityId).ToListAsync());
        Assert.Equal(11, escalations.Count);
        Assert.Equal(11, escalations.Distinct().Count());
        Assert.DoesNotContain(takenOn.Id.ToString(), escalations);
    }
}
