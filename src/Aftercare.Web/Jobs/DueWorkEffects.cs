using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Dashboards;
using Aftercare.Web.Features.Pathways;
using Aftercare.Web.Live;
using Aftercare.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Jobs;

/// <summary>What each kind of due work does. Runs inside the runner's transaction and saves nothing itself.</summary>
public sealed class DueWorkEffects(AftercareDb db, AuditTrail audit, LetterDrafter letters, DashboardRollups dashboards)
{
    public const string ActorName = "Aftercare (timer)";

    public async Task Apply(DueWork work, DateTimeOffset now, CancellationToken ct)
    {
        switch (work.Kind)
        {
            case DueWorkKinds.ContactDue:
                await ContactDue(new PlannedContactId(work.SubjectId), now, ct);
                break;
            case DueWorkKinds.LetterOpens:
                await letters.DraftIfMissing(new PlannedContactId(work.SubjectId), now, ct);
                break;
            case DueWorkKinds.AlertEscalates:
                await AlertEscalates(new DutyAlertId(work.SubjectId), now, ct);
                break;
            case DueWorkKinds.DashboardRefresh:
                await dashboards.RefreshRecent(now, ct);
                // The next refresh is scheduled in this transaction: one chain of refreshes, however many nodes.
                db.DueWork.Add(DueWork.At(DueWorkKinds.DashboardRefresh, Guid.NewGuid(), now + DashboardRollups.RefreshEvery, now));
                break;
            case DueWorkKinds.DashboardRebuild:
                await dashboards.RebuildAll(now, ct);
                db.DueWork.Add(DueWork.At(DueWorkKinds.DashboardRebuild, Guid.NewGuid(), NextNight(now), now));
                break;
            default:
                throw new InvalidOperationException($"Unknown due work '{work.Kind}'");
        }
    }

    /// <summary>The next time of the nightly rebuild, UK time, after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextNight(DateTimeOffset now)
    {
        var today = UkTime.DateOf(now);
        var at = UkTime.AtLocal(today.ToDateTime(DashboardRollups.RebuildAt));
        return at > now ? at : UkTime.AtLocal(today.AddDays(1).ToDateTime(DashboardRollups.RebuildAt));
    }

    /// <summary>
    /// Escalates a duty alert nobody has taken on to the team's supervisor(s): recorded once, and
    /// announced to every node in this transaction, so the supervisors' pages hear of it only if it
    /// was saved. An alert taken on or closed in time stays as it was. The row lock makes someone
    /// taking it on at this very moment wait, then find it escalated (and still take it on).
    /// </summary>
    private async Task AlertEscalates(DutyAlertId id, DateTimeOffset now, CancellationToken ct)
    {
        var alert = await db.DutyAlerts.FromSql($"SELECT *, xmin FROM duty_alerts WHERE id = {id.Value} FOR UPDATE").AsTracking().SingleOrDefaultAsync(ct);
        if (alert is null || !alert.Escalate(now)) return;
        audit.Add(AuditActions.Escalate, "DutyAlert", alert.Id.ToString(), alert.PersonId.Value,
            $"Nobody had taken it on by {UkTime.Format(alert.EscalatesAt)}: sent to the team's supervisor", actorName: ActorName);
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({LiveNotices.Channel}, {LiveNotices.AlertRaised(alert.Id, escalated: true)})", ct);
    }

    /// <summary>Records, once, that a contact's due time passed while it was open. The worklists and banner show it overdue already.</summary>
    private async Task ContactDue(PlannedContactId id, DateTimeOffset now, CancellationToken ct)
    {
        var contact = await db.PlannedContacts.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null || !contact.RecordOverdue(now)) return;
        audit.Add(AuditActions.Overdue, "PlannedContact", contact.Id.ToString(), contact.PersonId.Value,
            $"{contact.Label} was due by {UkTime.Format(contact.DueAt)} and is not done", actorName: ActorName);
    }
}
