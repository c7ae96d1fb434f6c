using Aftercare.Domain.Common;
using Aftercare.Domain.Narratives;

namespace Aftercare.Domain.Referrals;

/// <summary>
/// A referral of a person, from one presentation, to an aftercare service, with the letter that
/// goes with it. The referrer drafts the letter (Aftercare writes the first draft), names
/// colleagues from other disciplines who add their part, and sends it; from then on the letter is
/// fixed, and a change is a resubmission. The service accepts, puts the person on its waiting list
/// or declines with a coded reason and its own words; a decline on grounds NICE NG225 rules out
/// is flagged and can be escalated to a named senior clinician. The first appointment attended is
/// the first aftercare contact, and the time from the presentation to it is kept. A referral
/// that ends any other way is closed with an outcome. Every step is a history entry with who and
/// when; a step the rules do not allow is refused with a <see cref="ClinicalRuleException"/>.
/// See <see cref="ReferralStatus"/> for the moves allowed.
/// </summary>
public sealed class Referral
{
    public const int MaxExplanationLength = 4000;
    public const int MaxDetailLength = 2000;
    public const int MaxServiceNameLength = 200;
    public const int MaxContributors = 10;

    /// <summary>Times typed for something that has happened may be a few minutes ahead of our clock, no more.</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    public ReferralId Id { get; private set; }
    public PersonId PersonId { get; private set; }
    public PresentationId PresentationId { get; private set; }
    /// <summary>When the person arrived at hospital: the time to first aftercare contact is counted from here.</summary>
    public DateTimeOffset PresentationArrivedAt { get; private set; }
    public ServiceId ServiceId { get; private set; }
    /// <summary>The service's name when the referral was made, as the letter addressed it.</summary>
    public string ServiceName { get; private set; } = "";
    /// <summary>The person's consent about their story treats their GP separately from other services.</summary>
    public bool ServiceIsGpPractice { get; private set; }
    public TeamId TeamId { get; private set; }
    public StaffId ReferrerId { get; private set; }
    public string ReferrerName { get; private set; } = "";
    public ReferralStatus Status { get; private set; }
    public ReferralLetter Letter { get; private set; } = ReferralLetter.Empty;
    public DateTimeOffset DraftedAt { get; private set; }
    public StaffId? LastEditedBy { get; private set; }
    public DateTimeOffset? LastEditedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public StaffId? SentBy { get; private set; }
    public string? SentByName { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public DateTimeOffset? PlacedOnWaitingListAt { get; private set; }
    /// <summary>The service's latest decline; kept after an overturn or a resubmission, as what the service said.</summary>
    public DeclineReason? DeclineReason { get; private set; }
    public string? DeclineExplanation { get; private set; }
    public string? DeclineAlternativeService { get; private set; }
    public DateTimeOffset? DeclinedAt { get; private set; }
    public string? DeclinedByName { get; private set; }
    /// <summary>
    /// The latest decline rested on grounds NICE NG225 says must not decide access (self-harm, risk,
    /// diagnosis, age, drug or alcohol use, a co-existing condition). Kept as a record after the
    /// decline is overturned or the referral resubmitted; <see cref="IsDeclinedContraryToGuidance"/>
    /// is whether it still stands.
    /// </summary>
    public bool IsContraryToGuidance { get; private set; }
    /// <summary>The first appointment offered (the latest, if offered again).</summary>
    public DateTimeOffset? FirstAppointmentAt { get; private set; }
    /// <summary>When the person was first seen by the service: the first aftercare contact.</summary>
    public DateTimeOffset? FirstContactAt { get; private set; }
    public ReferralClosure? Closure { get; private set; }
    public string? ClosureDetail { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    /// <summary>On a resubmission: the referral it replaces.</summary>
    public ReferralId? ResubmissionOf { get; private set; }
    /// <summary>On a referral that was resubmitted: the one that replaced it.</summary>
    public ReferralId? ResubmittedAs { get; private set; }
    public List<ReferralContributor> Contributors { get; private set; } = [];
    public List<ReferralEscalation> Escalations { get; private set; } = [];
    public List<ReferralHistoryEntry> History { get; private set; } = [];

    private Referral() { }

    /// <summary>Nothing more can happen: the person has been seen, or the referral was closed.</summary>
    public bool IsFinished => Status is ReferralStatus.FirstAppointmentAttended or ReferralStatus.Closed;

    /// <summary>Declined on grounds contrary to NICE NG225, and not yet resolved: the flag on the referral and the team's worklist.</summary>
    public bool IsDeclinedContraryToGuidance => Status == ReferralStatus.Declined && IsContraryToGuidance;

    public ReferralEscalation? OpenEscalation => Escalations.FirstOrDefault(e => e.IsOpen);

    /// <summary>Named contributors, not removed, who have not added their part: the letter waits for them.</summary>
    public IEnumerable<ReferralContributor> ContributorsStillToAdd => Contributors.Where(c => !c.IsRemoved && !c.HasAddedTheirPart);

    /// <summary>From arrival at hospital to the first appointment attended with the service.</summary>
    public TimeSpan? TimeFromPresentationToFirstContact => FirstContactAt - PresentationArrivedAt;

    /// <summary>Drafts a referral, with Aftercare's first draft of the letter, from the person's record.</summary>
    public static Referral Draft(ReferralLetterSources sources, StaffId referrer, TeamId team, DateTimeOffset now)
    {
        var letter = ReferralLetterDraft.Compose(sources, now);
        var serviceName = Text.Required(sources.Service.Name, "The service's name is missing", "Service");
        if (serviceName.Length > MaxServiceNameLength)
            throw new ClinicalRuleException("The service's name is longer than 200 characters", "Service");
        var referrerName = Who(sources.PractitionerName);
        var referral = new Referral
        {
            Id = ReferralId.New(),
            PersonId = sources.Person.Id,
            PresentationId = sources.Presentation.Id,
            PresentationArrivedAt = sources.Presentation.ArrivedAt,
            ServiceId = sources.Service.Id,
            ServiceName = serviceName,
            ServiceIsGpPractice = sources.Service.IsGpPractice,
            TeamId = team,
            ReferrerId = referrer,
            ReferrerName = referrerName,
            Status = ReferralStatus.Draft,
            Letter = letter,
            DraftedAt = now,
        };
        referral.Record(ReferralHistoryKind.Drafted, referrer, referrerName, now, null);
        return referral;
    }

    /// <summary>Changes the text of sections of the letter, by key (see <see cref="ReferralLetter.Revised"/>). Only while a draft.</summary>
    public void ReviseLetter(IReadOnlyDictionary<string, string?> texts, StaffId by, DateTimeOffset now)
    {
        EnsureDraft("The letter cannot change once sent: what the service received is kept as it was. To send a changed letter, resubmit the referral");
        Letter = Letter.Revised(texts);
        LastEditedBy = by;
        LastEditedAt = now;
    }

    /// <summary>
    /// Names a colleague from another discipline to add their part before the letter is sent. A
    /// colleague who is staff here is named by their staff id as well, and only they can write it.
    /// </summary>
    public ReferralContributor NameContributor(string? name, Discipline? discipline, string? role, StaffId? staff, StaffId by, string byName, DateTimeOffset now)
    {
        EnsureDraft("Contributors add their part before the letter is sent; this one has been sent");
        var who = Text.Required(name, "Enter the contributor's name", nameof(ReferralContributor.Name));
        if (who.Length > ReferralContributor.MaxNameLength)
            throw new ClinicalRuleException("Keep the name to 200 characters or fewer", nameof(ReferralContributor.Name));
        if (discipline is not { } d || !Enum.IsDefined(d))
            throw new ClinicalRuleException("Choose the contributor's discipline", nameof(ReferralContributor.Discipline));
        var roleText = Text.Clean(role);
        if (roleText is { Length: > ReferralContributor.MaxNameLength })
            throw new ClinicalRuleException("Keep the role to 200 characters or fewer", nameof(ReferralContributor.Role));
        if (d == Discipline.Other && roleText is null)
            throw new ClinicalRuleException("Say what the contributor's role is", nameof(ReferralContributor.Role));
        if (staff is { } s && s == ReferrerId)
            throw new ClinicalRuleException("The referrer is already writing this letter: name colleagues from other disciplines", nameof(ReferralContributor.Name));
        var active = Contributors.Where(c => !c.IsRemoved).ToList();
        if (staff is not null && active.Any(c => c.StaffId == staff))
            throw new ClinicalRuleException($"{who} is already named on this letter", nameof(ReferralContributor.Name));
        if (active.Count >= MaxContributors)
            throw new ClinicalRuleException("A letter can have up to 10 contributors", nameof(ReferralContributor.Name));
        var recordedBy = Who(byName);
        var contributor = new ReferralContributor(Id, who, d, roleText, staff, by, now);
        Contributors.Add(contributor);
        Record(ReferralHistoryKind.ContributorNamed, by, recordedBy, now, $"{who}, {roleText ?? Disciplines.Describe(d)}");
        return contributor;
    }

    /// <summary>
    /// A contributor's part of the letter, written by them if they are staff here (it goes to the
    /// service under their name), or recorded for them by a member of staff if they are not.
    /// Writing it again replaces it, until the letter is sent.
    /// </summary>
    public void AddContribution(Guid contributorId, string? part, StaffId by, string byName, DateTimeOffset now)
    {
        EnsureDraft("This letter has been sent and can no longer change");
        var contributor = ActiveContributor(contributorId);
        if (contributor.StaffId is { } staff && staff != by)
            throw new ClinicalRuleException($"Only {contributor.Name} can write their part: it goes to the service under their name");
        var text = Text.Required(part?.Replace("\r\n", "\n"), "Write the contribution", nameof(ReferralContributor.Part));
        if (text.Length > ReferralContributor.MaxPartLength)
            throw new ClinicalRuleException("Keep the contribution to 8,000 characters or fewer", nameof(ReferralContributor.Part));
        var name = Who(byName);
        contributor.WritePart(text, by, name, now);
        Record(ReferralHistoryKind.ContributionAdded, by, name, now, contributor.Name);
    }

    /// <summary>
    /// Takes a contributor off the letter, with the reason: the way to send without a part that
    /// has not come, so that the person never waits on a colleague who is away. They stay on the
    /// referral, marked as removed, with who removed them, when and why.
    /// </summary>
    public void RemoveContributor(Guid contributorId, string? reason, StaffId by, string byName, DateTimeOffset now)
    {
        EnsureDraft("This letter has been sent and can no longer change");
        var contributor = ActiveContributor(contributorId);
        var why = Text.Required(reason, "Give the reason for removing them, for example that they are away and the person should not wait", "Reason");
        if (why.Length > MaxDetailLength)
            throw new ClinicalRuleException("Keep the reason to 2,000 characters or fewer", "Reason");
        var name = Who(byName);
        contributor.Remove(why, by, now);
        Record(ReferralHistoryKind.ContributorRemoved, by, name, now, $"{contributor.Name}: {why}");
    }

    /// <summary>
    /// Sends the letter, which is fixed from now on. Refused without an opening, while any of the
    /// service's criteria (or, on a resubmission, the answer to the decline) is unanswered, while a
    /// named contributor has not added their part, and if the letter carries the person's story
    /// but their current choice no longer lets this service read it.
    /// </summary>
    public void Send(NarrativeInterview? narrative, StaffId by, string byName, DateTimeOffset now)
    {
        if (IsFinished) throw Finished();
        if (Status != ReferralStatus.Draft)
            throw new ClinicalRuleException("This referral has already been sent. A sent letter cannot change: to send a changed letter, resubmit the referral");
        if (Letter.Find(ReferralLetterDraft.IntroductionKey)?.Text is null)
            throw new ClinicalRuleException("Write the opening of the letter, so the service knows who it is about and what you are asking", ReferralLetterDraft.IntroductionKey);
        if (Letter.OfKind(LetterSectionKind.Resubmission).FirstOrDefault(s => s.Text is null) is { } resubmission)
            throw new ClinicalRuleException($"Complete \"{resubmission.Heading}\" before sending, so the service can see what is new", resubmission.Key);
        if (Letter.OfKind(LetterSectionKind.Criterion).FirstOrDefault(s => s.Text is null) is { } criterion)
            throw new ClinicalRuleException($"Say how the person meets \"{criterion.Heading}\". Each of the service's criteria needs an answer before the letter is sent", criterion.Key);
        if (ContributorsStillToAdd.FirstOrDefault() is { } waiting)
            throw new ClinicalRuleException($"{waiting.Name} has not added their part yet. Wait for it, or remove {waiting.Name} from the letter with the reason", "Contributors");
        if (Letter.Find(ReferralLetterDraft.NarrativeKey)?.Text is not null)
        {
            if (narrative is not null && narrative.PersonId != PersonId)
                throw new ClinicalRuleException("That story belongs to someone else's record");
            // The person may have changed their mind since the letter was drafted: their choice now is the one that counts.
            if (NarrativeInterview.TextFor(narrative, ReceivingService.ReaderFor(ServiceIsGpPractice)) is null)
                throw new ClinicalRuleException($"The person has not agreed that {ServiceName} may read their story. Take it out of the letter before sending", ReferralLetterDraft.NarrativeKey);
        }
        var name = Who(byName);
        Status = ReferralStatus.Sent;
        SentAt = now;
        SentBy = by;
        SentByName = name;
        Record(ReferralHistoryKind.Sent, by, name, now, null);
    }

    /// <summary>The service accepts the referral (from sent, or from its waiting list).</summary>
    public void Accept(string? note, ReferralActor by, DateTimeOffset now)
    {
        var name = Answerer(by);
        EnsureWithTheService("accept");
        var text = Limited(note, "Note");
        Status = ReferralStatus.Accepted;
        AcceptedAt = now;
        Record(ReferralHistoryKind.Accepted, by, name, now, text);
    }

    /// <summary>The service puts the person on its waiting list (from sent).</summary>
    public void PlaceOnWaitingList(string? note, ReferralActor by, DateTimeOffset now)
    {
        var name = Answerer(by);
        if (Status == ReferralStatus.WaitingList)
            throw new ClinicalRuleException("This referral is already on the service's waiting list");
        EnsureWithTheService("put on a waiting list");
        var text = Limited(note, "Note");
        Status = ReferralStatus.WaitingList;
        PlacedOnWaitingListAt = now;
        Record(ReferralHistoryKind.PlacedOnWaitingList, by, name, now, text);
    }

    /// <summary>
    /// The service declines (from sent, or from its waiting list) with a coded reason and its own
    /// words. A reason NICE NG225 rules out flags the referral as contrary to the guideline.
    /// </summary>
    public void Decline(DeclineReason? reason, string? explanation, string? alternativeService, ReferralActor by, DateTimeOffset now)
    {
        var name = Answerer(by);
        EnsureWithTheService("decline");
        if (reason is not { } r || !Enum.IsDefined(r))
            throw new ClinicalRuleException("Choose the reason the service gave", "Reason");
        var words = Text.Required(explanation, "Write the service's reasons, in its own words", "Explanation");
        if (words.Length > MaxExplanationLength)
            throw new ClinicalRuleException("Keep the explanation to 4,000 characters or fewer", "Explanation");
        var alternative = Text.Clean(alternativeService);
        if (r == Referrals.DeclineReason.NeedsBetterMetByAnotherService && alternative is null)
            throw new ClinicalRuleException("Name the service that would meet the person's needs better", "AlternativeService");
        if (alternative is { Length: > MaxServiceNameLength })
            throw new ClinicalRuleException("Keep the service's name to 200 characters or fewer", "AlternativeService");
        Status = ReferralStatus.Declined;
        DeclineReason = r;
        DeclineExplanation = words;
        DeclineAlternativeService = alternative;
        DeclinedAt = now;
        DeclinedByName = name;
        IsContraryToGuidance = DeclineReasons.IsContraryToGuidance(r);
        Record(ReferralHistoryKind.Declined, by, name, now, words, declineReason: r);
    }

    /// <summary>
    /// Puts a decline contrary to NICE NG225 before a named senior clinician, in one step. Only a
    /// standing, flagged decline can be escalated, and not again while an escalation is open.
    /// </summary>
    public ReferralEscalation Escalate(StaffId seniorClinician, string? seniorClinicianName, string? note, StaffId by, string byName, DateTimeOffset now)
    {
        if (IsFinished) throw Finished();
        if (Status != ReferralStatus.Declined || DeclineReason is not { } reason)
            throw new ClinicalRuleException("Only a declined referral can be escalated");
        if (!IsContraryToGuidance)
            throw new ClinicalRuleException("This decline does not rest on grounds NICE NG225 rules out, so it is not escalated. Resubmit the referral with what the service asked for, or refer elsewhere");
        if (OpenEscalation is { } open)
            throw new ClinicalRuleException($"This decline is already with {open.SeniorClinicianName}. Record what came of that escalation before escalating again");
        if (seniorClinician == by)
            throw new ClinicalRuleException("Choose a senior clinician other than yourself", "SeniorClinician");
        var senior = Text.Required(seniorClinicianName, "Choose the senior clinician", "SeniorClinician");
        var text = Limited(note, "Note");
        var name = Who(byName);
        var escalation = new ReferralEscalation(Id, seniorClinician, senior, reason, text, by, name, now);
        Escalations.Add(escalation);
        Record(ReferralHistoryKind.Escalated, by, name, now, senior);
        return escalation;
    }

    /// <summary>
    /// Records what came of an escalation, which closes it. If the service overturned its
    /// decline, the referral goes back to the service to accept or put on its waiting list.
    /// </summary>
    public void RecordEscalationOutcome(Guid escalationId, EscalationOutcome? outcome, string? detail, StaffId by, string byName, DateTimeOffset now)
    {
        var escalation = Escalations.FirstOrDefault(e => e.Id == escalationId)
            ?? throw new ClinicalRuleException("That escalation was not found on this referral");
        if (!escalation.IsOpen)
            throw new ClinicalRuleException("What came of this escalation has already been recorded");
        if (outcome is not { } o || !Enum.IsDefined(o))
            throw new ClinicalRuleException("Choose what came of the escalation", "Outcome");
        var text = Text.Required(detail, o switch
        {
            EscalationOutcome.DeclineUpheld => "Give the reason the service upheld its decline",
            EscalationOutcome.AlternativeServiceFound => "Name the service that will see the person",
            _ => "Say what happened",
        }, "Detail");
        if (text.Length > MaxDetailLength)
            throw new ClinicalRuleException("Keep this to 2,000 characters or fewer", "Detail");
        var name = Who(byName);
        escalation.RecordOutcome(o, text, by, name, now);
        // An open escalation holds the referral as declined, so an overturn always starts from there.
        if (o == EscalationOutcome.DeclineOverturned) Status = ReferralStatus.Sent;
        Record(ReferralHistoryKind.EscalationOutcomeRecorded, by, name, now, text);
    }

    /// <summary>
    /// Replaces a declined (or a sent but not yet decided) referral with a new draft to the same
    /// service, carrying the letter forward for the practitioner to revise, with a section to
    /// answer the decline (or say what changed), and the contributors with their parts. This one
    /// is closed as superseded, and each links to the other.
    /// </summary>
    public Referral Resubmit(StaffId by, string byName, DateTimeOffset now)
    {
        if (IsFinished) throw Finished();
        switch (Status)
        {
            case ReferralStatus.Draft:
                throw new ClinicalRuleException("This referral has not been sent yet: change the letter itself");
            case ReferralStatus.WaitingList:
                throw new ClinicalRuleException($"{ServiceName} has put the person on its waiting list: resubmitting would lose their place. Contact the service about what has changed");
            case ReferralStatus.Accepted or ReferralStatus.FirstAppointmentOffered:
                throw new ClinicalRuleException($"{ServiceName} has accepted this referral. Contact the service about what has changed");
        }
        if (OpenEscalation is { } open)
            throw new ClinicalRuleException($"This decline is with {open.SeniorClinicianName}. Record what came of the escalation before resubmitting");
        var name = Who(byName);
        var next = new Referral
        {
            Id = ReferralId.New(),
            PersonId = PersonId,
            PresentationId = PresentationId,
            PresentationArrivedAt = PresentationArrivedAt,
            ServiceId = ServiceId,
            ServiceName = ServiceName,
            ServiceIsGpPractice = ServiceIsGpPractice,
            TeamId = TeamId,
            ReferrerId = by,
            ReferrerName = name,
            Status = ReferralStatus.Draft,
            Letter = CarriedForward(),
            DraftedAt = now,
            ResubmissionOf = Id,
        };
        next.Contributors.AddRange(Contributors.Where(c => !c.IsRemoved).Select(c => c.CarriedTo(next.Id)));
        next.Record(ReferralHistoryKind.Drafted, by, name, now, $"Resubmission of the referral sent on {SentOn}");

        Status = ReferralStatus.Closed;
        Closure = ReferralClosure.SupersededByResubmission;
        ClosedAt = now;
        ResubmittedAs = next.Id;
        Record(ReferralHistoryKind.Resubmitted, by, name, now, null, closure: ReferralClosure.SupersededByResubmission);
        return next;
    }

    /// <summary>The service offers the first appointment (after accepting, from its waiting list, or again after a change).</summary>
    public void OfferFirstAppointment(DateTimeOffset appointmentAt, ReferralActor by, DateTimeOffset now)
    {
        var name = Answerer(by);
        if (IsFinished) throw Finished();
        if (Status is not (ReferralStatus.Accepted or ReferralStatus.WaitingList or ReferralStatus.FirstAppointmentOffered))
            throw new ClinicalRuleException(Status switch
            {
                ReferralStatus.Draft => "This referral has not been sent yet",
                ReferralStatus.Declined => "This referral was declined: there is no appointment to offer",
                _ => "Record that the service accepted the referral before recording an appointment",
            });
        if (appointmentAt < ToTheMinute(SentAt!.Value))
            throw new ClinicalRuleException("That is before the referral was sent", "AppointmentAt");
        if (appointmentAt > now.AddYears(2))
            throw new ClinicalRuleException("That is more than two years away. Check the year", "AppointmentAt");
        var again = Status == ReferralStatus.FirstAppointmentOffered;
        Status = ReferralStatus.FirstAppointmentOffered;
        FirstAppointmentAt = appointmentAt;
        Record(ReferralHistoryKind.FirstAppointmentOffered, by, name, now, (again ? "Offered again: " : "") + UkTime.Format(appointmentAt));
    }

    /// <summary>
    /// The person came to their first appointment: the first aftercare contact. Keeps when it
    /// happened, and so the time from arriving at hospital to it.
    /// </summary>
    public void RecordFirstAppointmentAttended(DateTimeOffset attendedAt, ReferralActor by, DateTimeOffset now)
    {
        var name = Answerer(by);
        if (IsFinished) throw Finished();
        if (Status != ReferralStatus.FirstAppointmentOffered)
            throw new ClinicalRuleException(Status switch
            {
                ReferralStatus.Draft => "This referral has not been sent yet",
                ReferralStatus.Declined => "This referral was declined: there is no appointment to attend",
                _ => "Record the appointment the service offered before recording that the person attended",
            });
        if (attendedAt > now + ClockTolerance)
            throw new ClinicalRuleException("That time is in the future. Record the appointment once it has happened", "AttendedAt");
        if (attendedAt < ToTheMinute(SentAt!.Value))
            throw new ClinicalRuleException("That is before the referral was sent", "AttendedAt");
        Status = ReferralStatus.FirstAppointmentAttended;
        FirstContactAt = attendedAt;
        Record(ReferralHistoryKind.FirstAppointmentAttended, by, name, now, UkTime.Format(attendedAt));
    }

    /// <summary>
    /// Closes a referral that will not lead to the person being seen, always with the outcome. A
    /// withdrawal needs its reason and a referral elsewhere names the service; a missed
    /// appointment needs one to have been offered. Not while a decline is with a senior clinician.
    /// </summary>
    public void Close(ReferralClosure? outcome, string? detail, StaffId by, string byName, DateTimeOffset now)
    {
        if (IsFinished) throw Finished();
        if (outcome is not { } o || !Enum.IsDefined(o))
            throw new ClinicalRuleException("Choose the outcome: a referral is closed only with what became of it", "Outcome");
        if (o == ReferralClosure.SupersededByResubmission)
            throw new ClinicalRuleException("Resubmit the referral to replace it: that closes this one and links the two", "Outcome");
        if (o == ReferralClosure.PersonDidNotAttend && Status != ReferralStatus.FirstAppointmentOffered)
            throw new ClinicalRuleException("The person can only miss an appointment that was offered. Record the appointment, or choose another outcome", "Outcome");
        if (OpenEscalation is { } open)
            throw new ClinicalRuleException($"This decline is with {open.SeniorClinicianName}. Record what came of the escalation before closing the referral");
        var text = Text.Clean(detail);
        if (text is null && o == ReferralClosure.WithdrawnByReferrer)
            throw new ClinicalRuleException("Give the reason for withdrawing the referral", "Detail");
        if (text is null && o == ReferralClosure.ReferredElsewhere)
            throw new ClinicalRuleException("Name the service the person was referred to instead", "Detail");
        if (text is { Length: > MaxDetailLength })
            throw new ClinicalRuleException("Keep this to 2,000 characters or fewer", "Detail");
        var name = Who(byName);
        Status = ReferralStatus.Closed;
        Closure = o;
        ClosureDetail = text;
        ClosedAt = now;
        Record(ReferralHistoryKind.Closed, by, name, now, text, closure: o);
    }

    /// <summary>
    /// The letter as the PDF prints it: every section with text, in order, and each contributor's
    /// part (not those removed) under their name, before the closing. Hints are never printed.
    /// </summary>
    public IReadOnlyList<PrintedSection> PrintedLetter() => Printed(storyStillShared: true);

    /// <summary>
    /// The letter as the receiving service reads it now: the letter as sent, except the person's
    /// story. The person may change their mind after the letter has gone, and their choice now is
    /// the one that counts: if it no longer lets this service (or, for a GP practice, their GP)
    /// read their story, the story is replaced by <see cref="StoryNotSharedNow"/>. The assessment
    /// and the safety plan stay as sent, which is what the person agreed to when referred.
    /// </summary>
    public IReadOnlyList<PrintedSection> PrintedLetterForTheService(NarrativeInterview? narrative)
    {
        if (narrative is not null && narrative.PersonId != PersonId)
            throw new ClinicalRuleException("That story belongs to someone else's record");
        return Printed(NarrativeInterview.TextFor(narrative, ReceivingService.ReaderFor(ServiceIsGpPractice)) is not null);
    }

    /// <summary>What the receiving service reads in place of the person's story once the person no longer agrees to share it.</summary>
    public const string StoryNotSharedNow =
        "The person has chosen not to share their story with the services they are referred to now, so it is not shown here. The rest of the letter is as it was sent.";

    /// <summary>Whether the letter as sent carries the person's story, so their consent needs checking before the service reads it.</summary>
    public bool LetterCarriesTheStory => Letter.Find(ReferralLetterDraft.NarrativeKey)?.Text is not null;

    private List<PrintedSection> Printed(bool storyStillShared)
    {
        var printed = new List<PrintedSection>();
        var contributions = Contributors.Where(c => !c.IsRemoved && c.HasAddedTheirPart).Select(c => new PrintedSection(c.Heading, c.Part!)).ToList();
        foreach (var section in Letter.Sections)
        {
            if (section.Kind == LetterSectionKind.Closing) { printed.AddRange(contributions); contributions.Clear(); }
            if (section.Text is null) continue;
            var text = section.Kind == LetterSectionKind.Narrative && !storyStillShared ? StoryNotSharedNow : section.Text;
            printed.Add(new(section.PrintsHeading ? section.Heading : null, text));
        }
        printed.AddRange(contributions);
        return printed;
    }

    private string SentOn => SentAt is { } sent ? UkTime.FormatDate(UkTime.DateOf(sent)) : "";

    private ReferralLetter CarriedForward()
    {
        var sections = Letter.Sections.Where(s => s.Kind != LetterSectionKind.Resubmission).ToList();
        var answer = Status == ReferralStatus.Declined && DeclineReason is { } reason
            ? new LetterSection(ReferralLetterDraft.ResubmissionKey, LetterSectionKind.Resubmission, "Your reasons for declining, answered",
                $"{ServiceName} declined this referral on {UkTime.FormatDate(UkTime.DateOf(DeclinedAt!.Value))}, giving the reason \"{DeclineReasons.Describe(reason)}\". "
                + $"The service wrote: {DeclineExplanation} Answer each of its reasons, so the service can see what is new."
                + (IsContraryToGuidance ? " NICE NG225 says access to services after self-harm must not be refused on these grounds: you may want to say so." : ""),
                null)
            : new LetterSection(ReferralLetterDraft.ResubmissionKey, LetterSectionKind.Resubmission, $"What has changed since our letter of {SentOn}",
                $"Say what has changed and why, so the service knows this letter replaces the one sent on {SentOn}.", null);
        var at = sections.FindIndex(s => s.Kind == LetterSectionKind.Introduction) + 1;
        sections.Insert(at, answer);
        return new ReferralLetter { Sections = sections };
    }

    private ReferralContributor ActiveContributor(Guid id)
    {
        var contributor = Contributors.FirstOrDefault(c => c.Id == id)
            ?? throw new ClinicalRuleException("That contributor was not found on this referral");
        if (contributor.IsRemoved)
            throw new ClinicalRuleException($"{contributor.Name} was removed from this letter");
        return contributor;
    }

    private void EnsureDraft(string whenSent)
    {
        if (IsFinished) throw Finished();
        if (Status != ReferralStatus.Draft) throw new ClinicalRuleException(whenSent);
    }

    /// <summary>For the service's decisions: the referral must be with the service, sent or on its waiting list.</summary>
    private void EnsureWithTheService(string decision)
    {
        if (IsFinished) throw Finished();
        switch (Status)
        {
            case ReferralStatus.Draft:
                throw new ClinicalRuleException($"This referral is still a draft: a service can {decision} it only once it has been sent");
            case ReferralStatus.Declined:
                throw new ClinicalRuleException("This referral was declined. If the service has changed its decision, record that as what came of the escalation, or resubmit the referral");
            case ReferralStatus.Accepted or ReferralStatus.FirstAppointmentOffered:
                throw new ClinicalRuleException("The service has already accepted this referral");
        }
    }

    private ClinicalRuleException Finished() => Status == ReferralStatus.FirstAppointmentAttended
        ? new($"The person has been to their first appointment with {ServiceName}: this referral is complete, and nothing more is recorded on it")
        : new($"This referral is closed ({ReferralStatuses.Describe(Closure!.Value)}). Nothing more can be recorded on it: make a new referral if the person still needs {ServiceName}");

    private void Record(ReferralHistoryKind kind, StaffId by, string byName, DateTimeOffset at, string? detail,
        DeclineReason? declineReason = null, ReferralClosure? closure = null) =>
        Record(kind, ReferralActor.ForStaff(by, byName), byName, at, detail, declineReason, closure);

    private void Record(ReferralHistoryKind kind, ReferralActor by, string byName, DateTimeOffset at, string? detail,
        DeclineReason? declineReason = null, ReferralClosure? closure = null) =>
        History.Add(new ReferralHistoryEntry(Id, History.Count + 1, kind, Status, by, byName, at, detail, declineReason, closure));

    /// <summary>
    /// The name of whoever gives the service's answer. Someone of a receiving service answers only
    /// for their own service: a referral addressed to another is never theirs to accept or decline.
    /// </summary>
    private string Answerer(ReferralActor by)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (by.IsTheService && by.Service != ServiceId)
            throw new ClinicalRuleException("This referral is addressed to another service: only that service can answer it");
        return Who(by.Name);
    }

    private static string Who(string? name) => Text.Required(name, "The name of the person recording this is missing", "ByName");

    private static string? Limited(string? text, string field)
    {
        var clean = Text.Clean(text);
        if (clean is { Length: > MaxDetailLength })
            throw new ClinicalRuleException("Keep this to 2,000 characters or fewer", field);
        return clean;
    }

    // Times are typed to the minute: a referral sent at 14:30:40 and seen at once was seen "at 14:30".
    private static DateTimeOffset ToTheMinute(DateTimeOffset at) => at.AddTicks(-(at.Ticks % TimeSpan.TicksPerMinute));
}
