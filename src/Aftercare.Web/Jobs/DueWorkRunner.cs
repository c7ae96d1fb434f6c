using Aftercare.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Jobs;

/// <summary>
/// Fires due work on every node, each row exactly once (ADR 0007): one row at a time is claimed
/// with FOR UPDATE SKIP LOCKED, its effect is saved and the row is marked fired in the same
/// transaction. Polls every <see cref="AftercareSettings.DueWorkPoll"/>; "now" comes from the
/// injected clock, so tests can move time.
/// </summary>
public sealed class DueWorkRunner(IServiceScopeFactory scopes, TimeProvider clock, AftercareSettings settings, ILogger<DueWorkRunner> log) : BackgroundService
{
    /// <summary>This node's name on the rows it fires.</summary>
    public string Node { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (!settings.DueWorkEnabled) return;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                while (await FireNext(stop)) { }
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                log.LogError(e, "Due work could not be read; trying again shortly");
            }
            try { await Task.Delay(settings.DueWorkPoll, stop); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Claims and fires one due row; answers false when nothing is due.</summary>
    public async Task<bool> FireNext(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AftercareDb>();
        var now = clock.GetUtcNow();
        long id;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var work = await db.DueWork
                .FromSql($"SELECT * FROM due_work WHERE fired_at IS NULL AND due_at <= {now} ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                .SingleOrDefaultAsync(ct);   // the SQL gives one row at most, the earliest due (First would warn of no order)
            if (work is null) return false;
            id = work.Id;
            try
            {
                await scope.ServiceProvider.GetRequiredService<DueWorkEffects>().Apply(work, now, ct);
                work.Fired(Node, now);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return true;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogError(e, "Due work {Id} ({Kind}) failed; it will be tried again in a minute", work.Id, work.Kind);
                await tx.RollbackAsync(ct);
                await RecordFailure(id, e, now, ct);
                return true;
            }
        }
    }

    private async Task RecordFailure(long id, Exception e, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AftercareDb>();
        var work = await db.DueWork.FirstOrDefaultAsync(w => w.Id == id && w.FiredAt == null, ct);
        if (work is null) return;
        work.Failed($"{e.GetType().Name}: {e.Message}", now.AddMinutes(1));
        await db.SaveChangesAsync(ct);
    }
}
