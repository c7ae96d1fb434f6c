using Aftercare.Domain.Access;
using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aftercare.Web.Features.Referrals;

/// <summary>
/// One referral: where it stands and the time from arriving at hospital to the first aftercare
/// contact, the letter, the colleagues who add their part, and the history. A decline on grounds
/// NICE NG225 rules out is flagged at the top, with one step to put it before a senior clinician of
/// the team (and later what came of it) and a way to resubmit. Read in one round trip with its
/// audit event; only the care team is offered changes, a break-glass reader reads.
/// </summary>
public sealed class ReferralModel(AftercareDb db, NpgsqlDataSource dataSource, CareAccess access, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Escalation")] public EscalationForm Escalation { get; set; } = new();
    [BindProperty(Name = "Outcome")] public OutcomeForm Outcome { get; set; } = new();
    /// <summary>The version of the referral the page was opened on (PostgreSQL's xmin).</summary>
    [BindProperty] public uint Version { get; set; }

    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public ReferralView Referral { get; private set; } = null!;
    /// <summary>Only the care team changes a referral; a break-glass reader is not offered it.</summary>
    public bool InCareTeam { get; private set; }
    public StaffId Me { get; private set; }
    public DateTimeOffset Now { get; private set; }
    [TempData] public string? Notice { get; set; }

    public string PageUrl => ReferralPages.Url(PersonId, Referral.Id);

    public async Task<IActionResult> OnGetAsync(Guid id, Guid referralId, CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(id), User, ct);
        if (found is null || !await Load(found, referralId, ct)) return NotFound();
        Version = Referral.Version;
        return Page();
    }

    /// <summary>Puts a flagged decline before the senior clinician chosen, in one step, with who and when.</summary>
    public async Task<IActionResult> OnPostEscalateAsync(Guid id, Guid referralId, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is not { Basis: AccessBasis.CareTeam }) return NotFound();
        var referral = await db.ReferralOf(found.Person.Id, referralId, tracked: true, ct);
        if (referral is null) return NotFound();
        ModelState.Clear();
        var seniors = await db.SeniorClinicians(found.Person.CareTeamId, ct);
        var senior = Escalation.SeniorClinician is { } s ? seniors.FirstOrDefault(x => x.Id == s) : default;
        if (senior.Id == Guid.Empty)
        {
            ModelState.AddModelError("Escalation.SeniorClinician", "Choose the senior clinician to escalate this decline to");
            return await Show(found, referralId, ct);
        }
        var me = found.Reader;
        return await Save(found, referral, referralId, () =>
        {
            var escalation = referral.Escalate(new StaffId(senior.Id), senior.Name, Escalation.Note, me.Id, me.Name, clock.GetUtcNow());
            audit.Add(AuditActions.Update, "Referral", referral.Id.ToString(), id,
                $"Decline contrary to NICE NG225 escalated to {escalation.SeniorClinicianName}");
            return $"The decline is escalated to {escalation.SeniorClinicianName}. Record what came of it here when you know.";
        }, "Escalation", ct);
    }

    /// <summary>Records what came of an escalation; an overturn sends the referral back to the service.</summary>
    public async Task<IActionResult> OnPostOutcomeAsync(Guid id, Guid referralId, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is not { Basis: AccessBasis.CareTeam }) return NotFound();
        var referral = await db.ReferralOf(found.Person.Id, referralId, tracked: true, ct);
        if (referral is null) return NotFound();
        ModelState.Clear();   // an outcome that is not one of the list gets the same message as none
        var me = found.Reader;
        return await Save(found, referral, referralId, () =>
        {
            var escalation = referral.Escalations.FirstOrDefault(e => e.Id == Outcome.EscalationId)
                ?? throw new ClinicalRuleException("That escalation was not found on this referral. Reload the page and try again");
            referral.RecordEscalationOutcome(escalation.Id, Outcome.Outcome, Outcome.Detail, me.Id, me.Name, clock.GetUtcNow());
            audit.Add(AuditActions.Update, "Referral", referral.Id.ToString(), id,
                $"Escalation to {escalation.SeniorClinicianName}: {EscalationOutcomes.Describe(escalation.Outcome!.Value).ToLowerInvariant()}");
            return $"Recorded: {EscalationOutcomes.Describe(escalation.Outcome!.Value).ToLowerInvariant()}."
                + (referral.Status == ReferralStatus.Sent ? $" The referral is back with {referral.ServiceName} to accept." : "");
        }, "Outcome", ct);
    }

    /// <summary>Replaces a declined (or sent, undecided) referral with a new draft to the same service, linked both ways.</summary>
    public async Task<IActionResult> OnPostResubmitAsync(Guid id, Guid referralId, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is not { Basis: AccessBasis.CareTeam }) return NotFound();
        var referral = await db.ReferralOf(found.Person.Id, referralId, tracked: true, ct);
        if (referral is null) return NotFound();
        ModelState.Clear();
        var me = found.Reader;
        Domain.Referrals.Referral? next = null;
        var result = await Save(found, referral, referralId, () =>
        {
            next = referral.Resubmit(me.Id, me.Name, clock.GetUtcNow());
            db.Referrals.Add(next);
            audit.Add(AuditActions.Update, "Referral", referral.Id.ToString(), id, "Replaced by a resubmission");
            audit.Add(AuditActions.Create, "Referral", next.Id.ToString(), id, $"Resubmission to {next.ServiceName}");
            return "The resubmission is drafted from the letter sent before. Answer the service's reasons, revise the letter and send it.";
        }, "", ct);
        return next is not null && result is RedirectResult ? Redirect(ReferralPages.Url(id, next.Id) + "/letter") : result;
    }

    /// <summary>
    /// Makes the change, audits it and saves it against the version the page was opened on. A rule
    /// the change breaks, or someone else's save in between, shows the page again with the reason
    /// and what was typed; nothing is saved then.
    /// </summary>
    private async Task<IActionResult> Save(PersonAccess found, Domain.Referrals.Referral referral, Guid referralId, Func<string> change, string form, CancellationToken ct)
    {
        string notice;
        try
        {
            if (db.VersionOf(referral) != Version) throw new DbUpdateConcurrencyException();
            db.ExpectVersion(referral, Version);
            notice = change();
            await db.SaveChangesAsync(ct);
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError(e.Field is null || form == "" ? "" : $"{form}.{e.Field}", e.Message);
            db.ChangeTracker.Clear();
            return await Show(found, referralId, ct);
        }
        catch (DbUpdateException e) when (ReferralPages.IsConflict(e))
        {
            db.ChangeTracker.Clear();
            var now = await db.Referrals.AsNoTracking().Where(r => r.Id == referral.Id).Select(r => r.Status).FirstAsync(ct);
            ModelState.AddModelError("", $"Someone changed this referral while you were working on it (it is now: {ReferralStatuses.Describe(now).ToLowerInvariant()}), so nothing was saved. Check the referral below and try again");
            return await Show(found, referralId, ct);
        }
        Notice = notice;
        return Redirect(ReferralPages.Url(found.Person.Id.Value, referral.Id));
    }

    private async Task<IActionResult> Show(PersonAccess found, Guid referralId, CancellationToken ct)
    {
        if (!await Load(found, referralId, ct)) return NotFound();
        // The form goes again on the referral as it is now saved; what was typed stays in the boxes.
        Version = Referral.Version;
        ModelState.Remove(nameof(Version));
        return Page();
    }

    private async Task<bool> Load(PersonAccess found, Guid referralId, CancellationToken ct)
    {
        PersonId = found.Person.Id.Value;
        PersonName = found.Person.DisplayName;
        InCareTeam = found.Basis == AccessBasis.CareTeam;
        Me = found.Reader.Id;
        Now = clock.GetUtcNow();
        var view = await ReferralView.Read(dataSource, audit, found.Person.Id, referralId, InCareTeam ? found.Person.CareTeamId : null,
            CareAccess.BreakGlassNote(found), ct);
        if (view is null) return false;
        Referral = view;
        return true;
    }

    /// <summary>The senior clinicians this reader can escalate to: not themselves.</summary>
    public List<(Guid Id, string Name)> Seniors => [.. Referral.SeniorClinicians.Where(s => s.Id != Me.Value)];

    /// <summary>This reader is a named colleague whose part the letter still waits for.</summary>
    public ContributorView? MyPartWaiting => Referral.IsDraft ? Referral.Contributors.FirstOrDefault(c => c.IsWaiting && c.StaffId == Me) : null;

    public sealed class EscalationForm
    {
        public Guid? SeniorClinician { get; set; }
        public string? Note { get; set; }
    }

    public sealed class OutcomeForm
    {
        public Guid EscalationId { get; set; }
        public EscalationOutcome? Outcome { get; set; }
        public string? Detail { get; set; }
    }
}
