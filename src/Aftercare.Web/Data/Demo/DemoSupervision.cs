using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Staff;
using Aftercare.Domain.Supervision;
using Aftercare.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Data.Demo;

/// <summary>
/// Supervision and training for the demo team: two sessions of Tom's with Asha (the latest
/// discussing the demo patient, with her transcript and first session reviewed, one action done
/// and one open), and training records so the matrix shows each state. Added once, to an
/// existing demo database too.
/// </summary>
internal static class DemoSupervision
{
    public static async Task SeedAsync(AftercareDb db, string practitionerEmail, string supervisorEmail, string patientEmail, DateTimeOffset now, CancellationToken ct)
    {
        var asha = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == practitionerEmail, ct);
        var tom = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == supervisorEmail, ct);
        var patient = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == patientEmail, ct);
        if (asha?.TeamId is not { } team || tom is null || tom.TeamId != team) return;
        if (await db.SupervisionSessions.AnyAsync(s => s.TeamId == team, ct)) return;
        var supervisor = new SupervisionParticipant(tom.StaffId, tom.DisplayName, StaffRole.Supervisor, team);
        var practitioner = new SupervisionParticipant(asha.StaffId, asha.DisplayName, StaffRole.Practitioner, team);
        var today = UkTime.DateOf(now);

        db.SupervisionSessions.Add(SupervisionSession.Record(team, supervisor, practitioner, today.AddDays(-49), 45, SupervisionKind.OneToOne,
            "Settling into the team; managing evening messages; protected time for ASSURED sessions", [], [], [],
            [new SupervisionActionDraft("Book the online support and crisis messages refresher", SupervisionActionOwner.Practitioner, today.AddDays(-35))], now.AddDays(-49)));

        var person = patient?.PersonId;
        var onCaseload = person is { } p && await db.Pathways.AnyAsync(x => x.PersonId == p && x.NamedPractitionerId == asha.StaffId && x.Status == PathwayStatus.Active, ct);
        var cases = new List<SupervisionCaseDraft>();
        var transcripts = new List<PersonId>();
        var sessions = new List<(PersonId, CareSessionId)>();
        var actions = new List<SupervisionActionDraft>();
        if (onCaseload && person is { } robin)
        {
            cases.Add(new SupervisionCaseDraft(robin, "Sleep still poor; evenings alone after conflict are the riskiest time. The plan names Jo; agreed to check Jo has a copy."));
            if (await db.Conversations.AnyAsync(c => c.PersonId == robin && c.LastSequence > 0, ct)) transcripts.Add(robin);
            var first = await db.CareSessions.AsNoTracking().Where(s => s.PersonId == robin).OrderBy(s => s.OccurredAt).Select(s => s.Id).FirstOrDefaultAsync(ct);
            if (first != default) sessions.Add((robin, first));
            actions.Add(new SupervisionActionDraft("Check with Robin that Jo has a copy of the safety plan", SupervisionActionOwner.Practitioner, today.AddDays(3), robin));
        }
        actions.Add(new SupervisionActionDraft("Arrange a joint session on adapting letters for neurodivergent people", SupervisionActionOwner.Supervisor, today.AddDays(14)));
        var latest = SupervisionSession.Record(team, supervisor, practitioner, today.AddDays(-6), 60, SupervisionKind.OneToOne,
            cases.Count == 0 ? "Caseload review" : null, cases, transcripts, sessions, actions, now.AddDays(-6));
        db.SupervisionSessions.Add(latest);
        await db.SaveChangesAsync(ct);

        // The earlier session's action was done in time.
        var booked = await db.SupervisionActions.FirstAsync(a => a.PractitionerId == asha.StaffId && a.Text.StartsWith("Book the online"), ct);
        booked.MarkDone(asha.StaffId, asha.DisplayName, "Booked for next month", now.AddDays(-40));

        // Training: Asha up to date on some, one due soon, one overdue, one never done; Tom up to date.
        var modules = await db.TrainingModules.AsNoTracking().Where(m => m.RetiredAt == null).ToDictionaryAsync(m => m.Code, ct);
        void Done(UserAccount who, string code, DateOnly on, UserAccount by)
        {
            if (modules.TryGetValue(code, out var module))
                db.TrainingRecords.Add(TrainingRecord.Record(who.StaffId, module, on, by.StaffId, by.DisplayName, null, now));
        }
        Done(asha, "assured-manual", today.AddMonths(-3), asha);
        Done(asha, "safety-planning", today.AddMonths(-12).AddDays(10), tom);
        Done(asha, "safeguarding", today.AddMonths(-13), tom);
        Done(asha, "solution-focused", today.AddMonths(-8), asha);
        foreach (var code in modules.Keys) Done(tom, code, today.AddMonths(-2), tom);
        await db.SaveChangesAsync(ct);
    }
}
