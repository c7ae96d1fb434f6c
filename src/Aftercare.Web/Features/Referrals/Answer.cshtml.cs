using Aftercare.Domain.Access;
using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Shared;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Referrals;

/// <summary>
/// The service's answer, recorded by the practitioner on its behalf when it came by letter, email
/// or phone (services that do not use Aftercare still answer): accepted, on its waiting list,
/// declined with a coded reason and the service's own words, the first appointment offered and
/// attended; or the referral closed with its outcome. Who recorded each is kept. A decline on
/// grounds NICE NG225 rules out is flagged at once, on the referral and the team's worklist.
/// </summary>
public sealed class AnswerModel(AftercareDb db, CareAccess access, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Accept")] public NoteForm Accept { get; set; } = new();
    [BindProperty(Name = "Waiting")] public NoteForm Waiting { get; set; } = new();
    [BindProperty(Name = "Decline")] public DeclineForm Decline { get; set; } = new();
    [BindProperty(Name = "Offer")] public WhenForm Offer { get; set; } = new();
    [BindProperty(Name = "Attended")] public WhenForm Attended { get; set; } = new();
    [BindProperty(Name = "Close")] public CloseForm Close { get; set; } = new();
    [BindProperty] public uint Version { get; set; }

    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public Referral Referral { get; private set; } = null!;

    public string ReferralUrl => ReferralPages.Url(PersonId, Referral.Id);

    public bool MayAccept => Referral.Status is ReferralStatus.Sent or ReferralStatus.WaitingList;
    public bool MayWaitList => Referral.Status == ReferralStatus.Sent;
    public bool MayDecline => Referral.Status is ReferralStatus.Sent or ReferralStatus.WaitingList;
    public bool MayOffer => Referral.Status is ReferralStatus.Accepted or ReferralStatus.WaitingList or ReferralStatus.FirstAppointmentOffered;
    public bool MayRecordAttended => Referral.Status == ReferralStatus.FirstAppointmentOffered;
    public bool MayClose => !Referral.IsFinished && Referral.OpenEscalation is null;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid referralId, CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(id), User, ct);
        if (found is not { Basis: AccessBasis.CareTeam }) return NotFound();
        var referral = await db.ReferralOf(found.Person.Id, referralId, tracked: true, ct);
        if (referral is null) return NotFound();
        Show(found, referral);
        if (referral.IsFinished) return Redirect(ReferralUrl);
        Version = db.VersionOf(referral);
        var today = DateParts.From(UkTime.DateOf(clock.GetUtcNow()));
        Offer.Date = today;
        Attended.Date = referral.FirstAppointmentAt is { } at ? DateParts.From(UkTime.DateOf(at)) : today;
        Attended.Time = referral.FirstAppointmentAt is { } time ? UkTime.ToLocal(time).ToString("HH:mm", UkTime.English) : null;
        await audit.WriteReadAsync("Referral", referral.Id.ToString(), id, "Recording the service's answer", ct);
        return Page();
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid id, Guid referralId, CancellationToken ct) =>
        Record(id, referralId, "Accept", (r, me, now) =>
        {
            r.Accept(Accept.Note, OnBehalf(me), now);
            return $"Recorded that {r.ServiceName} accepted the referral.";
        }, ct);

    public Task<IActionResult> OnPostWaitingAsync(Guid id, Guid referralId, CancellationToken ct) =>
        Record(id, referralId, "Waiting", (r, me, now) =>
        {
            r.PlaceOnWaitingList(Waiting.Note, OnBehalf(me), now);
            return $"Recorded that {r.ServiceName} put the person on its waiting list.";
        }, ct);

    public Task<IActionResult> OnPostDeclineAsync(Guid id, Guid referralId, CancellationToken ct) =>
        Record(id, referralId, "Decline", (r, me, now) =>
        {
            r.Decline(Decline.Reason, Decline.Explanation, Decline.AlternativeService, OnBehalf(me), now);
            return r.IsDeclinedContraryToGuidance
                ? $"Recorded that {r.ServiceName} declined. The reason given is one NICE NG225 says must not decide access: the referral is flagged here and on the team's worklist. Escalate it to a senior clinician, or resubmit it."
                : $"Recorded that {r.ServiceName} declined the referral.";
        }, ct);

    public Task<IActionResult> OnPostOfferAsync(Guid id, Guid referralId, CancellationToken ct) =>
        Record(id, referralId, "Offer", (r, me, now) =>
        {
            r.OfferFirstAppointment(When(Offer, "Offer", "Date of the appointment", "time of the appointment"), OnBehalf(me), now);
            return $"Recorded the first appointment offered: {UkTime.Format(r.FirstAppointmentAt!.Value)}.";
        }, ct);

    public Task<IActionResult> OnPostAttendedAsync(Guid id, Guid referralId, CancellationToken ct) =>
        Record(id, referralId, "Attended", (r, me, now) =>
        {
            r.RecordFirstAppointmentAttended(When(Attended, "Attended", "Date they were seen", "time they were seen"), OnBehalf(me), now);
            return $"Recorded that the person was seen by {r.ServiceName}: {ReferralPages.Duration(r.TimeFromPresentationToFirstContact!.Value)} after arriving at hospital.";
        }, ct);

    public Task<IActionResult> OnPostCloseAsync(Guid id, Guid referralId, CancellationToken ct) =>
        Record(id, referralId, "Close", (r, me, now) =>
        {
            r.Close(Close.Outcome, Close.Detail, me.Id, me.Name, now);
            return $"The referral is closed: {ReferralStatuses.Describe(r.Closure!.Value).ToLowerInvariant()}.";
        }, ct);

    /// <summary>
    /// Records one answer, audits it with who recorded it, and saves it against the version the page
    /// was opened on. A refusal is shown by its field with what was typed kept; nothing is saved then.
    /// </summary>
    private async Task<IActionResult> Record(Guid id, Guid referralId, string form, Func<Referral, CurrentStaff, DateTimeOffset, string> change, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is not { Basis: AccessBasis.CareTeam }) return NotFound();
        var referral = await db.ReferralOf(found.Person.Id, referralId, tracked: true, ct);
        if (referral is null) return NotFound();
        Show(found, referral);
        // Only this form's fields count; a choice that is not one of the list gets the same message as none.
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(form + ".Date", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
        // Someone else recorded something since this page was opened: say what, rather than judge this answer against it.
        if (db.VersionOf(referral) != Version) return await Conflict(found, referralId, form, ct);
        db.ExpectVersion(referral, Version);
        string notice;
        try
        {
            notice = change(referral, found.Reader, clock.GetUtcNow());
            audit.Add(AuditActions.Update, "Referral", referral.Id.ToString(), id,
                $"{ReferralPages.Describe(referral.History[^1].Kind)}, recorded on behalf of {referral.ServiceName}");
            await db.SaveChangesAsync(ct);
        }
        catch (TimeNotRead)
        {
            return await Reloaded(found, ct);
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError(e.Field switch
            {
                null => "",
                "AppointmentAt" or "AttendedAt" => form + ".Date",
                _ => $"{form}.{e.Field}",
            }, e.Message);
            return await Reloaded(found, ct);
        }
        catch (DbUpdateException e) when (ReferralPages.IsConflict(e))
        {
            return await Conflict(found, referralId, form, ct);
        }
        TempData["Notice"] = notice;
        return Redirect(ReferralPages.Url(id, referral.Id));
    }

    private async Task<IActionResult> Conflict(PersonAccess found, Guid referralId, string form, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var saved = await db.ReferralOf(found.Person.Id, referralId, tracked: true, ct);
        var last = saved!.History.OrderBy(h => h.Sequence).Last();
        ModelState.AddModelError("", ReferralPages.AnsweredFirst(last, saved.ServiceName));
        // The form used may no longer be offered (an accepted referral cannot be declined), so the words typed are shown as typed.
        UnsavedWords = form switch
        {
            "Accept" => Accept.Note,
            "Waiting" => Waiting.Note,
            "Decline" => string.Join("\n\n", new[] { Decline.Explanation, Decline.AlternativeService }.Where(t => !string.IsNullOrWhiteSpace(t))),
            "Close" => Close.Detail,
            _ => null,
        } is { Length: > 0 } typed && !string.IsNullOrWhiteSpace(typed) ? typed : null;
        return await Reloaded(found, ct);
    }

    /// <summary>What was typed in an answer that was not saved, kept so nothing written is lost.</summary>
    public string? UnsavedWords { get; private set; }

    /// <summary>The member of staff recording the service's answer for it: never the service's own answer.</summary>
    private static ReferralActor OnBehalf(CurrentStaff me) => ReferralActor.ForStaff(me.Id, me.Name);

    /// <summary>The UK date and time typed, or a message by the boxes that could not be read.</summary>
    private DateTimeOffset When(WhenForm when, string form, string dateLabel, string timeWords)
    {
        if (!UkTimeInput.TryGet(ModelState, when.Date, when.Time, form + ".Date", form + ".Time", dateLabel, timeWords, out var date, out var time))
            throw new TimeNotRead();
        return UkTime.ToUtc(date, time);
    }

    /// <summary>The date or time typed could not be read; the message is already by the field.</summary>
    private sealed class TimeNotRead : Exception;

    private async Task<IActionResult> Reloaded(PersonAccess found, CancellationToken ct)
    {
        var id = Referral.Id.Value;
        db.ChangeTracker.Clear();
        Show(found, (await db.ReferralOf(found.Person.Id, id, tracked: true, ct))!);
        Version = db.VersionOf(Referral);
        ModelState.Remove(nameof(Version));
        return Page();
    }

    private void Show(PersonAccess found, Referral referral)
    {
        PersonId = found.Person.Id.Value;
        PersonName = found.Person.DisplayName;
        Referral = referral;
    }

    public sealed class NoteForm
    {
        public string? Note { get; set; }
    }

    public sealed class DeclineForm
    {
        public DeclineReason? Reason { get; set; }
        public string? Explanation { get; set; }
        public string? AlternativeService { get; set; }
    }

    /// <summary>A UK date and 24-hour time, as typed.</summary>
    public sealed class WhenForm
    {
        public DateParts Date { get; set; } = new();
        public string? Time { get; set; }
    }

    public sealed class CloseForm
    {
        public ReferralClosure? Outcome { get; set; }
        public string? Detail { get; set; }
    }
}
