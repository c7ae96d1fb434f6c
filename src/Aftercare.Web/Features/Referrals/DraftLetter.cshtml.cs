using Aftercare.Domain.Access;
using Aftercare.Domain.Common;
using Aftercare.Domain.Narratives;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Referrals;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Referrals;

/// <summary>
/// The draft letter, part by part: the opening, each of the service's criteria in its own box,
/// the exclusions, the assessment, the plan and (with consent) the story, and the closing. The
/// practitioner saves as they go and sends when every criterion is answered and every named
/// colleague has added their part; sending fixes the letter. Two people working on the same draft
/// never overwrite each other: the second is shown what the first saved, with their own text kept.
/// </summary>
public sealed class DraftLetterModel(AftercareDb db, CareAccess access, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Form")] public LetterForm Form { get; set; } = new();
    /// <summary>The version of the referral this form was opened on (PostgreSQL's xmin).</summary>
    [BindProperty] public uint Version { get; set; }

    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public Referral Referral { get; private set; } = null!;
    /// <summary>After a conflicting save: what someone else saved meanwhile, for each part where it differs from what was typed.</summary>
    public Dictionary<string, string?> TheirText { get; private set; } = [];
    public string? ConflictBy { get; private set; }
    /// <summary>The letter was sent while this was being typed: the text typed is shown, unsaved.</summary>
    public bool SentMeanwhile { get; private set; }
    /// <summary>Quoted passages that are not, word for word, the person's own.</summary>
    public IReadOnlyList<string> QuotesToCheck { get; private set; } = [];
    [TempData] public string? Notice { get; set; }

    public string ReferralUrl => ReferralPages.Url(PersonId, Referral.Id);

    public async Task<IActionResult> OnGetAsync(Guid id, Guid referralId, CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(id), User, ct);
        if (found is not { Basis: AccessBasis.CareTeam }) return NotFound();
        var referral = await db.ReferralOf(found.Person.Id, referralId, tracked: true, ct);
        if (referral is null) return NotFound();
        if (referral.Status != ReferralStatus.Draft) return Redirect(ReferralPages.Url(id, referral.Id));
        Referral = referral;
        Version = db.VersionOf(referral);
        Form.Sections = referral.Letter.Sections.ToDictionary(s => s.Key, s => s.Text);
        await audit.WriteReadAsync("Referral", referral.Id.ToString(), id, "The draft letter", ct);
        await Details(found, ct);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(Guid id, Guid referralId, CancellationToken ct) => Change(id, referralId, send: false, ct);

    public Task<IActionResult> OnPostSendAsync(Guid id, Guid referralId, CancellationToken ct) => Change(id, referralId, send: true, ct);

    private async Task<IActionResult> Change(Guid id, Guid referralId, bool send, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is not { Basis: AccessBasis.CareTeam }) return NotFound();
        var referral = await db.ReferralOf(found.Person.Id, referralId, tracked: true, ct);
        if (referral is null) return NotFound();
        ModelState.Clear();
        Referral = referral;
        if (referral.Status != ReferralStatus.Draft)
        {
            await ShowSent(ct);
            return await Show(found, ct);
        }

        if (db.VersionOf(referral) != Version)
        {
            await ShowConflict(found, ct);
            return await Show(found, ct);
        }
        var me = found.Reader;
        var now = clock.GetUtcNow();
        db.ExpectVersion(referral, Version);
        try
        {
            referral.ReviseLetter(Form.Sections, me.Id, now);
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError(Key(e.Field), e.Message);
            return await Reloaded(found, ct);
        }
        ClinicalRuleException? notSent = null;
        if (send)
        {
            try
            {
                var narrative = await db.Narratives.AsNoTracking().Where(n => n.PersonId == found.Person.Id).OrderByDescending(n => n.RecordedAt).FirstOrDefaultAsync(ct);
                referral.Send(narrative, me.Id, me.Name, now);
            }
            catch (ClinicalRuleException e)
            {
                // The letter stays a draft; what was typed is still saved, so nothing is lost.
                notSent = e;
            }
        }
        var sent = referral.Status == ReferralStatus.Sent;
        audit.Add(AuditActions.Update, "Referral", referral.Id.ToString(), id, sent ? $"Letter sent to {referral.ServiceName}; it can no longer change" : "Draft letter changed");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (ReferralPages.IsConflict(e))
        {
            await ShowConflict(found, ct);
            return await Show(found, ct);
        }
        if (notSent is not null)
        {
            ModelState.AddModelError(Key(notSent.Field), notSent.Message);
            Notice = null;
            Version = db.VersionOf(referral);
            ModelState.Remove(nameof(Version));
            ViewData["Saved"] = $"Your changes are saved ({UkTime.Format(now)}), but the letter was not sent.";
            return await Show(found, ct);
        }
        Notice = sent
            ? $"The letter was sent to {referral.ServiceName} at {UkTime.Format(now)} and can no longer change. Download the PDF to send it, and record the service's answer when it comes."
            : $"Draft saved at {UkTime.Format(now)}.";
        return Redirect(sent ? ReferralPages.Url(id, referral.Id) : ReferralPages.Url(id, referral.Id) + "/letter");
    }

    /// <summary>A refusal names the part of the letter to change (its key); anything else goes at the top.</summary>
    private string Key(string? field) =>
        field is not null && Referral.Letter.Find(field) is not null ? $"Form.Sections[{field}]" : "";

    /// <summary>The referral as saved, after a change that was refused; what was typed stays in the boxes.</summary>
    private async Task<IActionResult> Reloaded(PersonAccess found, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Referral = (await db.ReferralOf(found.Person.Id, Referral.Id.Value, tracked: true, ct))!;
        return await Show(found, ct);
    }

    private async Task ShowConflict(PersonAccess found, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Referral = (await db.ReferralOf(found.Person.Id, Referral.Id.Value, tracked: true, ct))!;
        Version = db.VersionOf(Referral);
        ModelState.Remove(nameof(Version));
        if (Referral.Status != ReferralStatus.Draft)
        {
            await ShowSent(ct);
            return;
        }
        // Whoever saved last: the letter's last editor, or a colleague whose step came later.
        var last = Referral.History.OrderBy(h => h.Sequence).LastOrDefault();
        var (who, when) = Referral.LastEditedAt is { } edited && (last is null || edited >= last.At)
            ? (await db.NameOf(Referral.LastEditedBy, ct), edited)
            : (last?.ByName ?? "Someone", last?.At ?? Referral.DraftedAt);
        ConflictBy = who;
        TheirText = Referral.Letter.Sections
            .Where(s => Form.Sections.TryGetValue(s.Key, out var mine) && Same(mine) != Same(s.Text))
            .ToDictionary(s => s.Key, s => s.Text);
        ModelState.AddModelError("",
            $"{who} changed this referral at {UkTime.Format(when)} while you were working on it, so your changes were not saved. Your text is kept in the boxes; "
            + (TheirText.Count > 0 ? "what they saved is shown under each part that differs. Combine them and save again" : "check the letter and save again"));
    }

    private async Task ShowSent(CancellationToken ct)
    {
        SentMeanwhile = true;
        var who = Referral.SentByName ?? await db.NameOf(Referral.SentBy, ct);
        ModelState.AddModelError("", Referral.SentAt is { } at
            ? $"{who} sent this letter at {UkTime.Format(at)} while you were working on it, so your changes were not saved. What you typed is shown below"
            : "This referral is no longer a draft, so your changes were not saved. What you typed is shown below");
    }

    private async Task<IActionResult> Show(PersonAccess found, CancellationToken ct)
    {
        foreach (var section in Referral.Letter.Sections) Form.Sections.TryAdd(section.Key, section.Text);
        await Details(found, ct);
        return Page();
    }

    private async Task Details(PersonAccess found, CancellationToken ct)
    {
        PersonId = found.Person.Id.Value;
        PersonName = found.Person.DisplayName;
        var plan = await db.SafetyPlans.AsNoTracking().Where(p => p.PersonId == found.Person.Id).Select(p => p.CurrentContent).FirstOrDefaultAsync(ct);
        var words = LetterDraft.TheirWords(plan, found.Person.WhatMattersToMe, found.Person.Strengths).ToList();
        var narrative = await db.Narratives.AsNoTracking().Where(n => n.PersonId == found.Person.Id).OrderByDescending(n => n.RecordedAt).FirstOrDefaultAsync(ct);
        if (NarrativeInterview.TextFor(narrative, ReceivingService.ReaderFor(Referral.ServiceIsGpPractice)) is { } story) words.Add(story);
        var shown = SentMeanwhile ? Referral.Letter.AllText : string.Join("\n\n", Form.Sections.Values.Where(v => v is not null));
        QuotesToCheck = LetterDraft.QuotesNotInTheirWords(shown, words);
    }

    private static string Same(string? text) => (text ?? "").Replace("\r\n", "\n").Trim();

    public sealed class LetterForm
    {
        public Dictionary<string, string?> Sections { get; set; } = [];
    }
}
