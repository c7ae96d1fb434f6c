using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Referrals;
using Aftercare.Web.Features.Shared;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.ServiceInbox;

/// <summary>
/// A referral as its receiving service sees it: the letter exactly as sent (the assessment and the
/// safety plan the person agreed to share, and their story only while they still agree), who
/// referred and how to reach them, what has happened to the referral as it concerns the service,
/// and the service's own answer given here: accepted, on its waiting list, declined with a coded
/// reason and its own words, the first appointment offered and attended. Nothing else of the
/// person's record is reached. The service never changes the letter, escalates, resubmits or
/// closes: those are the referring team's. Every read and every answer is audited as the
/// service's user; two people answering at once are told, and nothing is overwritten.
/// </summary>
public sealed class ReferralModel(AftercareDb db, CareAccess access, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Accept")] public NoteForm Accept { get; set; } = new();
    [BindProperty(Name = "Waiting")] public NoteForm Waiting { get; set; } = new();
    [BindProperty(Name = "Decline")] public DeclineForm Decline { get; set; } = new();
    [BindProperty(Name = "Offer")] public WhenForm Offer { get; set; } = new();
    [BindProperty(Name = "Attended")] public WhenForm Attended { get; set; } = new();
    /// <summary>The version of the referral the page was opened on (PostgreSQL's xmin).</summary>
    [BindProperty] public uint Version { get; set; }

    public Referral Referral { get; private set; } = null!;
    public string PersonName { get; private set; } = "";
    public DateOnly DateOfBirth { get; private set; }
    public string? NhsNumber { get; private set; }
    public string TeamName { get; private set; } = "";
    public string? SiteName { get; private set; }
    public string? ReferrerEmail { get; private set; }
    public IReadOnlyList<PrintedSection> Letter { get; private set; } = [];
    /// <summary>The letter carried the person's story, and they no longer agree to this service reading it.</summary>
    public bool StoryWithdrawn { get; private set; }
    public IReadOnlyList<ReferralHistoryEntry> History { get; private set; } = [];
    /// <summary>On a resubmission: when this service declined the referral it replaces, if it did.</summary>
    public DateTimeOffset? EarlierDeclinedAt { get; private set; }
    public DateTimeOffset Now { get; private set; }
    [TempData] public string? Notice { get; set; }

    public string PageUrl => ServiceInboxPages.Url(Referral.Id.Value);

    public bool MayAccept => Referral.Status is ReferralStatus.Sent or ReferralStatus.WaitingList;
    public bool MayWaitList => Referral.Status == ReferralStatus.Sent;
    public bool MayDecline => Referral.Status is ReferralStatus.Sent or ReferralStatus.WaitingList;
    public bool MayOffer => Referral.Status is ReferralStatus.Accepted or ReferralStatus.WaitingList or ReferralStatus.FirstAppointmentOffered;
    public bool MayRecordAttended => Referral.Status == ReferralStatus.FirstAppointmentOffered;
    public bool MayAnswer => MayAccept || MayWaitList || MayDecline || MayOffer || MayRecordAttended;

    public async Task<IActionResult> OnGetAsync(Guid referralId, CancellationToken ct)
    {
        var found = await access.ReferralForService(referralId, User, tracked: true, ct);
        if (found is null) return NotFound();
        await Show(found, ct);
        Version = db.VersionOf(found.Referral);
        var today = DateParts.From(UkTime.DateOf(Now));
        Offer.Date = today;
        Attended.Date = Referral.FirstAppointmentAt is { } at ? DateParts.From(UkTime.DateOf(at)) : today;
        Attended.Time = Referral.FirstAppointmentAt is { } time ? UkTime.ToLocal(time).ToString("HH:mm", UkTime.English) : null;
        await audit.WriteReadAsync("Referral", Referral.Id.ToString(), Referral.PersonId.Value, null, ct);
        return Page();
    }

    /// <summary>A post that names no answer changes nothing and shows nothing.</summary>
    public IActionResult OnPost() => NotFound();

    public Task<IActionResult> OnPostAcceptAsync(Guid referralId, CancellationToken ct) =>
        Answer(referralId, "Accept", (r, me, now) =>
        {
            r.Accept(Accept.Note, me, now);
            return "You accepted the referral. The referring team can see it now.";
        }, ct);

    public Task<IActionResult> OnPostWaitingAsync(Guid referralId, CancellationToken ct) =>
        Answer(referralId, "Waiting", (r, me, now) =>
        {
            r.PlaceOnWaitingList(Waiting.Note, me, now);
            return "You put the person on your waiting list. The referring team can see it now.";
        }, ct);

    public Task<IActionResult> OnPostDeclineAsync(Guid referralId, CancellationToken ct) =>
        Answer(referralId, "Decline", (r, me, now) =>
        {
            r.Decline(Decline.Reason, Decline.Explanation, Decline.AlternativeService, me, now);
            return r.IsDeclinedContraryToGuidance
                ? "You declined the referral. The reason you gave is one NICE NG225 says must not decide access to services after self-harm, so the decline is flagged to the referring team, who may escalate it to a senior clinician."
                : "You declined the referral. The referring team can see your reasons now.";
        }, ct);

    public Task<IActionResult> OnPostOfferAsync(Guid referralId, CancellationToken ct) =>
        Answer(referralId, "Offer", (r, me, now) =>
        {
            r.OfferFirstAppointment(When(Offer, "Offer", "Date of the appointment", "time of the appointment"), me, now);
            return $"You offered the first appointment: {UkTime.Format(r.FirstAppointmentAt!.Value)}.";
        }, ct);

    public Task<IActionResult> OnPostAttendedAsync(Guid referralId, CancellationToken ct) =>
        Answer(referralId, "Attended", (r, me, now) =>
        {
            r.RecordFirstAppointmentAttended(When(Attended, "Attended", "Date they were seen", "time they were seen"), me, now);
            return "You recorded that the person came to their first appointment. The referral is complete.";
        }, ct);

    /// <summary>
    /// Gives one answer as the signed-in user of the service, audits it as theirs, and saves it
    /// against the version the page was opened on. A refusal is shown by its field with what was
    /// typed kept; someone else's answer saved first is shown instead, and nothing is saved then.
    /// </summary>
    private async Task<IActionResult> Answer(Guid referralId, string form, Func<Referral, ReferralActor, DateTimeOffset, string> change, CancellationToken ct)
    {
        var found = await access.ReferralForService(referralId, User, tracked: true, ct);
        if (found is null) return NotFound();
        var referral = found.Referral;
        // Only this form's fields count; a choice that is not one of the list gets the same message as none.
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(form + ".Date", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
        if (db.VersionOf(referral) != Version) return await Conflict(found, form, ct);
        db.ExpectVersion(referral, Version);
        var me = found.Reader;
        string notice;
        try
        {
            notice = change(referral, ReferralActor.ForServiceUser(new ServiceUserId(me.AccountId), me.ServiceId, me.Name), clock.GetUtcNow());
            audit.Add(AuditActions.Update, "Referral", referral.Id.ToString(), referral.PersonId.Value,
                $"{ReferralPages.Describe(referral.History[^1].Kind)}, by {referral.ServiceName} in Aftercare");
            await db.SaveChangesAsync(ct);
        }
        catch (TimeNotRead)
        {
            return await Reloaded(referralId, ct);
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError(e.Field switch
            {
                null => "",
                "AppointmentAt" or "AttendedAt" => form + ".Date",
                _ => $"{form}.{e.Field}",
            }, e.Message);
            return await Reloaded(referralId, ct);
        }
        catch (DbUpdateException e) when (ReferralPages.IsConflict(e))
        {
            return await Conflict(found, form, ct);
        }
        Notice = notice;
        return Redirect(ServiceInboxPages.Url(referral.Id.Value));
    }

    /// <summary>Someone else answered (or the team changed the referral) since this page was opened: say who and what.</summary>
    private async Task<IActionResult> Conflict(ServiceReferralAccess found, string form, CancellationToken ct)
    {
        var id = found.Referral.Id.Value;
        var page = await Reloaded(id, ct);
        if (page is PageResult)
        {
            var last = Referral.History.OrderBy(h => h.Sequence).Last();
            ModelState.AddModelError("", ReferralPages.AnsweredFirst(last, Referral.ServiceName));
            // The form they used may no longer be offered (a referral accepted cannot be declined), so their words are shown as they typed them.
            UnsavedWords = Typed(form);
        }
        return page;
    }

    /// <summary>What was typed in a form that was not saved, kept so nothing written is lost.</summary>
    public string? UnsavedWords { get; private set; }

    private string? Typed(string form)
    {
        static string? When(WhenForm w) => w.Date.IsEmpty && string.IsNullOrWhiteSpace(w.Time) ? null : $"{w.Date.Day}/{w.Date.Month}/{w.Date.Year} {w.Time}".Trim();
        var parts = form switch
        {
            "Accept" => [Accept.Note],
            "Waiting" => [Waiting.Note],
            "Decline" => [Decline.Reason is { } r && Enum.IsDefined(r) ? DeclineReasons.Describe(r) : null, Decline.Explanation, Decline.AlternativeService],
            "Offer" => [When(Offer)],
            "Attended" => [When(Attended)],
            _ => new string?[0],
        };
        var words = string.Join("\n\n", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        return words.Length == 0 ? null : words;
    }

    /// <summary>The UK date and time typed, or a message by the boxes that could not be read.</summary>
    private DateTimeOffset When(WhenForm when, string form, string dateLabel, string timeWords)
    {
        if (!UkTimeInput.TryGet(ModelState, when.Date, when.Time, form + ".Date", form + ".Time", dateLabel, timeWords, out var date, out var time))
            throw new TimeNotRead();
        return UkTime.ToUtc(date, time);
    }

    /// <summary>The date or time typed could not be read; the message is already by the field.</summary>
    private sealed class TimeNotRead : Exception;

    /// <summary>The page again on the referral as it is now saved; what was typed stays in the boxes.</summary>
    private async Task<IActionResult> Reloaded(Guid referralId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var found = await access.ReferralForService(referralId, User, tracked: true, ct);
        if (found is null) return NotFound();
        await Show(found, ct);
        Version = db.VersionOf(found.Referral);
        ModelState.Remove(nameof(Version));
        return Page();
    }

    private async Task Show(ServiceReferralAccess found, CancellationToken ct)
    {
        var r = found.Referral;
        Referral = r;
        PersonName = found.PersonName;
        DateOfBirth = found.DateOfBirth;
        NhsNumber = found.NhsNumber;
        Now = clock.GetUtcNow();
        var from = await db.Teams.AsNoTracking().Where(t => t.Id == r.TeamId).Select(t => new
        {
            t.Name,
            Site = db.Sites.Where(s => s.Id == t.SiteId).Select(s => s.Name).FirstOrDefault(),
            Email = db.Users.Where(u => u.Id == r.ReferrerId.Value && u.IsActive).Select(u => u.Email).FirstOrDefault(),
        }).FirstAsync(ct);
        TeamName = from.Name;
        SiteName = from.Site;
        ReferrerEmail = from.Email;
        var narrative = await ServiceInboxPages.StoryConsent(db, r, ct);
        Letter = r.PrintedLetterForTheService(narrative);
        StoryWithdrawn = r.LetterCarriesTheStory && Letter.Any(s => s.Text == Domain.Referrals.Referral.StoryNotSharedNow);
        History = [.. r.History.OrderBy(h => h.Sequence).Where(ServiceInboxPages.ConcernsTheService)];
        if (r.ResubmissionOf is { } earlier)
            EarlierDeclinedAt = await db.Referrals.AsNoTracking().Where(e => e.Id == earlier && e.ServiceId == r.ServiceId)
                .Select(e => e.DeclinedAt).FirstOrDefaultAsync(ct);
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
}
