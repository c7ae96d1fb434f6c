using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Referrals;

/// <summary>What the referral pages share: loading a person's referral, guarding a save against a second writer, and words.</summary>
public static class ReferralPages
{
    public static string Url(Guid person, ReferralId referral) => $"/persons/{person}/referrals/{referral}";

    /// <summary>
    /// The referral with its contributors, escalations and history, only when it is this person's:
    /// a referral id from the address never reaches another person's referral. Tracked when it is
    /// to be changed. The parts are read one query each, so the letter is read once.
    /// </summary>
    public static Task<Referral?> ReferralOf(this AftercareDb db, PersonId person, Guid referral, bool tracked, CancellationToken ct)
    {
        var referrals = tracked ? db.Referrals : db.Referrals.AsNoTracking();
        return referrals.AsSplitQuery().FirstOrDefaultAsync(r => r.Id == new ReferralId(referral) && r.PersonId == person, ct);
    }

    /// <summary>The version read with the referral; it is known only for a referral read with tracking (the version is not one of its properties).</summary>
    public static uint VersionOf(this AftercareDb db, Referral referral) => db.Entry(referral).Property<uint>("xmin").CurrentValue;

    /// <summary>
    /// Saves a change only if nobody has changed the referral since <paramref name="version"/> was
    /// read. A colleague's part, an escalation or a history entry live in rows of their own, so the
    /// referral's row is always written with them: its version moves with every change, and a
    /// second writer working from the old one is refused (a part added as the letter is sent, say).
    /// </summary>
    public static void ExpectVersion(this AftercareDb db, Referral referral, uint version)
    {
        var entry = db.Entry(referral);
        entry.Property<uint>("xmin").OriginalValue = version;
        entry.Property(r => r.Status).IsModified = true;
    }

    /// <summary>
    /// Someone else saved the referral first: its version moved on, or (had their save and this one
    /// been interleaved) the history already has the step this save would add.
    /// </summary>
    public static bool IsConflict(DbUpdateException e) =>
        e is DbUpdateConcurrencyException || e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };

    /// <summary>Who recorded something, by name, for what came of a save that someone else made first.</summary>
    public static async Task<string> NameOf(this AftercareDb db, StaffId? id, CancellationToken ct) =>
        id is { } s ? await db.Users.Where(u => u.Id == s.Value).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "Someone" : "Someone";

    public static string Join(string what, string? note) => note is null ? what : what + "; " + note;

    public static string TagClass(ReferralStatus status, bool flagged = false) => flagged ? "nhsuk-tag--red" : status switch
    {
        ReferralStatus.Draft => "nhsuk-tag--grey",
        ReferralStatus.Sent => "nhsuk-tag--blue",
        ReferralStatus.Accepted => "nhsuk-tag--green",
        ReferralStatus.WaitingList => "nhsuk-tag--yellow",
        ReferralStatus.Declined => "nhsuk-tag--orange",
        ReferralStatus.FirstAppointmentOffered => "nhsuk-tag--aqua-green",
        ReferralStatus.FirstAppointmentAttended => "nhsuk-tag--green",
        _ => "nhsuk-tag--white",
    };

    /// <summary>A length of time as a clinician says it: "9 days and 4 hours", "5 hours", "40 minutes".</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        static string Of(int n, string unit) => $"{n} {unit}{(n == 1 ? "" : "s")}";
        if (span.TotalDays >= 1)
            return span.Hours == 0 ? Of(span.Days, "day") : $"{Of(span.Days, "day")} and {Of(span.Hours, "hour")}";
        if (span.TotalHours >= 1) return Of(span.Hours, "hour");
        return Of(Math.Max(0, span.Minutes), "minute");
    }

    /// <summary>Whole days since, for the worklist: "today", "1 day", "12 days".</summary>
    public static string DaysSince(DateTimeOffset at, DateTimeOffset now)
    {
        var days = UkTime.DateOf(now).DayNumber - UkTime.DateOf(at).DayNumber;
        return days <= 0 ? "today" : days == 1 ? "1 day" : $"{days} days";
    }

    public static readonly Choice[] DeclineReasonChoices =
        [.. Enum.GetValues<DeclineReason>().Select(r => new Choice(r.ToString(), DeclineReasons.Describe(r),
            DeclineReasons.IsContraryToGuidance(r) ? "NICE NG225 says this must not decide access: the referral will be flagged" : null))];

    /// <summary>Every way a referral can be closed by hand; replacing it is done by resubmitting.</summary>
    public static readonly Choice[] ClosureChoices =
        [.. Enum.GetValues<ReferralClosure>().Where(c => c != ReferralClosure.SupersededByResubmission)
            .Select(c => new Choice(c.ToString(), ReferralStatuses.Describe(c)))];

    public static readonly Choice[] EscalationOutcomeChoices =
        [.. Enum.GetValues<EscalationOutcome>().Select(o => new Choice(o.ToString(), EscalationOutcomes.Describe(o)))];

    public static string DisciplineName(Discipline d)
    {
        var words = Disciplines.Describe(d);
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>The service's answers: the steps its own people may take in Aftercare, or staff record for it.</summary>
    public static bool IsAnswer(ReferralHistoryKind kind) => kind is ReferralHistoryKind.Accepted or ReferralHistoryKind.PlacedOnWaitingList
        or ReferralHistoryKind.Declined or ReferralHistoryKind.FirstAppointmentOffered or ReferralHistoryKind.FirstAppointmentAttended;

    /// <summary>
    /// Who gave a step, in the words the referral's pages use: the service's own answer is never
    /// worded as one recorded for it, nor the other way round.
    /// </summary>
    public static string Who(ReferralHistoryKind kind, string byName, bool byTheService, string serviceName) =>
        byTheService ? $"by {byName}, {serviceName}, in Aftercare"
        : IsAnswer(kind) ? $"recorded by {byName} on the service's behalf"
        : $"by {byName}";

    public static string Who(HistoryView step, string serviceName) => Who(step.Kind, step.ByName, step.ByTheService, serviceName);

    /// <summary>
    /// What the second of two people answering at once is told: what the first recorded, when, and
    /// whether the service gave it itself in Aftercare. Nothing of the second's was saved.
    /// </summary>
    public static string AnsweredFirst(ReferralHistoryEntry last, string serviceName) =>
        (last.IsByTheService
            ? $"{last.ByName} of {serviceName} answered \"{Describe(last.Kind).ToLowerInvariant()}\" in Aftercare at {UkTime.Format(last.At)}"
            : $"{last.ByName} recorded \"{Describe(last.Kind).ToLowerInvariant()}\" at {UkTime.Format(last.At)}")
        + " while you were working on this, so nothing was saved. Check the referral as it is now and record the answer again if it still applies";

    public static string Describe(ReferralHistoryKind kind) => kind switch
    {
        ReferralHistoryKind.Drafted => "Drafted",
        ReferralHistoryKind.ContributorNamed => "Contributor named",
        ReferralHistoryKind.ContributionAdded => "Contribution added",
        ReferralHistoryKind.ContributorRemoved => "Contributor removed",
        ReferralHistoryKind.Sent => "Sent",
        ReferralHistoryKind.Accepted => "Accepted",
        ReferralHistoryKind.PlacedOnWaitingList => "Put on the waiting list",
        ReferralHistoryKind.Declined => "Declined",
        ReferralHistoryKind.Escalated => "Escalated to a senior clinician",
        ReferralHistoryKind.EscalationOutcomeRecorded => "What came of the escalation",
        ReferralHistoryKind.FirstAppointmentOffered => "First appointment offered",
        ReferralHistoryKind.FirstAppointmentAttended => "First appointment attended",
        ReferralHistoryKind.Closed => "Closed",
        ReferralHistoryKind.Resubmitted => "Resubmitted",
        _ => kind.ToString(),
    };

    /// <summary>The team's active supervisors, the senior clinicians a decline can be escalated to, by name.</summary>
    public static async Task<List<(Guid Id, string Name)>> SeniorClinicians(this AftercareDb db, TeamId team, CancellationToken ct)
    {
        var rows = await db.Users.AsNoTracking().Where(u => u.TeamId == team && u.IsActive && u.Role == StaffRole.Supervisor)
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        return [.. rows.Select(r => (r.Id, r.DisplayName))];
    }
}
