using System.Text;
using Aftercare.Domain.Common;
using Aftercare.Domain.SafetyPlans;

namespace Aftercare.Domain.Pathways;

public enum LetterStatus
{
    /// <summary>Written by Aftercare from the plan; waiting for the practitioner to read and change it.</summary>
    Draft = 1,
    /// <summary>Read and approved by the practitioner; the PDF is made from this text.</summary>
    Approved = 2,
    Sent = 3,
}

public enum LetterSending
{
    Post = 1,
    Email = 2,
    HandedToThePerson = 3,
}

/// <summary>
/// A letter at 3, 6 or 9 months reminding the person of their plan, in warm, plain words. Aftercare
/// drafts it from the plan and the people the person named; the practitioner reads it, changes what
/// they want and approves it; then it is produced as a PDF and its sending is recorded. Approval
/// fixes the text, so what was sent is what is kept.
/// </summary>
public sealed class AftercareLetter
{
    public const int MaxBodyLength = 6000;

    public LetterId Id { get; private set; }
    public PersonId PersonId { get; private set; }
    public PathwayId PathwayId { get; private set; }
    public PlannedContactId PlannedContactId { get; private set; }
    public int Month { get; private set; }
    public string Body { get; private set; } = "";
    public LetterStatus Status { get; private set; }
    public DateTimeOffset DraftedAt { get; private set; }
    public StaffId? LastEditedBy { get; private set; }
    public DateTimeOffset? LastEditedAt { get; private set; }
    public StaffId? ApprovedBy { get; private set; }
    public string? ApprovedByName { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public LetterSending? SentBy { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public StaffId? SentRecordedBy { get; private set; }

    private AftercareLetter() { }

    public static AftercareLetter Draft(PlannedContact contact, string body, DateTimeOffset now)
    {
        if (contact.Kind != ContactKind.Letter || contact.LetterMonth is not { } month)
            throw new ClinicalRuleException($"{contact.Label} is not a letter");
        return new AftercareLetter
        {
            Id = LetterId.New(),
            PersonId = contact.PersonId,
            PathwayId = contact.PathwayId,
            PlannedContactId = contact.Id,
            Month = month,
            Body = CheckBody(body),
            Status = LetterStatus.Draft,
            DraftedAt = now,
        };
    }

    public void Edit(string? body, StaffId by, DateTimeOffset now)
    {
        if (Status != LetterStatus.Draft)
            throw new ClinicalRuleException("This letter has been approved and can no longer be changed");
        Body = CheckBody(body);
        LastEditedBy = by;
        LastEditedAt = now;
    }

    public void Approve(StaffId by, string byName, DateTimeOffset now)
    {
        if (Status != LetterStatus.Draft)
            throw new ClinicalRuleException("This letter has already been approved");
        Status = LetterStatus.Approved;
        ApprovedBy = by;
        ApprovedByName = byName;
        ApprovedAt = now;
    }

    public void RecordSent(LetterSending? how, DateTimeOffset sentAt, StaffId by, DateTimeOffset now)
    {
        if (Status == LetterStatus.Draft)
            throw new ClinicalRuleException("Read and approve the letter before sending it");
        if (Status == LetterStatus.Sent)
            throw new ClinicalRuleException("This letter has already been recorded as sent");
        if (how is not { } h || !Enum.IsDefined(h))
            throw new ClinicalRuleException("Choose how the letter was sent", nameof(SentBy));
        if (sentAt > now.AddMinutes(5))
            throw new ClinicalRuleException("That time is in the future", nameof(SentAt));
        if (sentAt < ApprovedAt)
            throw new ClinicalRuleException("That is before the letter was approved", nameof(SentAt));
        Status = LetterStatus.Sent;
        SentBy = h;
        SentAt = sentAt;
        SentRecordedBy = by;
    }

    private static string CheckBody(string? body)
    {
        var text = Text.Required(body?.Replace("\r\n", "\n"), "The letter is empty. Write the letter, or start again from the draft", nameof(Body));
        if (text.Length > MaxBodyLength) throw new ClinicalRuleException("Keep the letter to 6,000 characters or fewer: it should fit on one or two pages", nameof(Body));
        return text;
    }
}

/// <summary>
/// Writes the first draft of a letter from the person's plan: their reasons for living, what they
/// said helps, the people they can ask, and where to find help at any hour. Their own words are
/// quoted as they wrote them, never reworded.
/// </summary>
public static class LetterDraft
{
    public static string Compose(string personName, string practitionerName, string teamName, int month, SafetyPlanContent? plan)
    {
        var b = new StringBuilder();
        b.Append("Dear ").Append(personName).Append(",\n\n");
        b.Append($"It is about {month} months since we met at the hospital, and I wanted to write to you. ");
        b.Append("I hope things have been going as well as they can. This letter is a reminder of the plan you made, ");
        b.Append("in your own words, in case it helps to have it to hand.\n");
        if (plan is not null)
        {
            Section(b, "You told us your reasons for living:", plan.ReasonsForLiving, withPhone: false);
            Section(b, "Things you said you can do on your own when things get hard:", plan.ThingsICanDo, withPhone: false);
            Section(b, "People and places that help you take your mind off things:", plan.PeopleAndPlaces, withPhone: false);
            Section(b, "People you said you can ask for help:", plan.PeopleICanAsk, withPhone: true);
        }
        b.Append("\nYour plan is yours: if it has changed, or you would like to change it, you can do that at any time");
        b.Append(" on your phone if you have an Aftercare account, or with us.\n\n");
        b.Append("If things get very difficult, you do not have to wait:\n");
        b.Append("- In an emergency, or if you might act on thoughts of ending your life, call 999 or go to A&E.\n");
        b.Append("- Call NHS 111 and choose option 2 for urgent mental health help, at any time.\n");
        b.Append("- Call Samaritans free on 116 123, day or night.\n");
        b.Append("- Text SHOUT to 85258 to talk by text, at any time.\n\n");
        b.Append("With warm wishes,\n\n");
        b.Append(practitionerName).Append('\n').Append(teamName);
        return b.ToString();
    }

    private static void Section(StringBuilder b, string heading, IReadOnlyList<PlanEntry> entries, bool withPhone)
    {
        if (entries.Count == 0) return;
        b.Append('\n').Append(heading).Append('\n');
        foreach (var e in entries)
        {
            b.Append("- ").Append(e.Text);
            if (withPhone && e.Phone is not null) b.Append(" (").Append(e.Phone).Append(')');
            b.Append('\n');
        }
    }
}
