using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.SafetyPlans;
using static Aftercare.Domain.Tests.Pathways.PathwayTestData;

namespace Aftercare.Domain.Tests.Pathways;

public class AftercareLetterTests
{
    private static readonly DateTimeOffset SignedOff = Uk(2026, 3, 2, 15, 0);

    private static readonly SafetyPlanContent Plan = SafetyPlanContent.Empty with
    {
        ReasonsForLiving = [new("my little sister Mia"), new("finishing my course")],
        ThingsICanDo = [new("walk the dog by the canal")],
        PeopleICanAsk = [new("my brother Dev", "07700 900123")],
    };

    [Fact]
    public void TheDraft_QuotesThePlanInThePersonsOwnWords_WithPhoneNumbers_AndPointsToTheCrisisLines()
    {
        var body = LetterDraft.Compose("Jordan", "Asha Patel", "Liaison Team", 3, Plan);
        Assert.StartsWith("Dear Jordan,", body);
        Assert.Contains("about three months", body);
        Assert.Contains("- “my little sister Mia”", body);
        Assert.Contains("- “walk the dog by the canal”", body);
        Assert.Contains("- “my brother Dev”, 07700 900123", body);
        Assert.Contains("It is always all right to get in touch with them.", body);
        Assert.Contains("numbers at the end of this letter", body);
        Assert.EndsWith("Asha Patel\nLiaison Team", body);
        var empty = LetterDraft.Compose("Jordan", "Asha", "Team", 6, SafetyPlanContent.Empty);
        Assert.DoesNotContain("warning signs", empty, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ask for help", empty);
        Assert.DoesNotContain("“", empty);
    }

    [Fact]
    public void TheDraft_QuotesWhatMattersToThePersonAndTheirStrengths_AsWritten_AndSpeaksToTheMonth()
    {
        var body = LetterDraft.Compose("Jordan", "Asha Patel", "Liaison Team", 6, Plan, "My sister\nand my dog", "  I keep going  ");
        Assert.Contains("what matters to you:\n“My sister\nand my dog”", body);
        Assert.Contains("your strengths:\n“I keep going”", body);
        Assert.Contains("about six months", body);
        Assert.Contains("Half a year", body);
        Assert.Contains("it is still there for you, and so are we", LetterDraft.Compose("Jordan", "Asha", "Team", 9, null));
        Assert.DoesNotContain("matters to you", LetterDraft.Compose("Jordan", "Asha", "Team", 3, Plan, " ", null));
    }

    [Fact]
    public void EveryQuotationInTheDraft_IsThePersonsOwnWords_AndAQuotationRewordedWhileEditing_IsCaught()
    {
        var theirs = LetterDraft.TheirWords(Plan, "My sister and my dog", "I keep going");
        var body = LetterDraft.Compose("Jordan", "Asha Patel", "Liaison Team", 3, Plan, "My sister and my dog", "I keep going");
        Assert.Empty(LetterDraft.QuotesNotInTheirWords(body, theirs));

        var edited = body.Replace("“my little sister Mia”", "“my sister Mia, who I love”")
            + "\nYou said \"I will be fine\". You said “My sister  and\nmy dog” and “finishing my course”.";
        Assert.Equal(["my sister Mia, who I love", "I will be fine"], LetterDraft.QuotesNotInTheirWords(edited, theirs));
        Assert.Empty(LetterDraft.QuotesNotInTheirWords("No quotation at all, and one “left open", theirs));
    }

    [Fact]
    public void ALetter_IsDraftedOnlyForALetterContact_ChangedUntilApproved_AndSentOnlyOnceApproved()
    {
        var pathway = Started(SignedOff);
        Assert.Throws<ClinicalRuleException>(() => AftercareLetter.Draft(pathway.Contacts[0], "Dear Jordan", SignedOff));
        var contact = pathway.Contacts.Single(c => c.Key == "letter-3");
        var now = contact.OpensAt;
        var letter = AftercareLetter.Draft(contact, LetterDraft.Compose("Jordan", "Asha Patel", "Liaison Team", 3, Plan), now);
        Assert.Equal(3, letter.Month);
        Assert.Equal(LetterStatus.Draft, letter.Status);

        Assert.Equal("Body", Assert.Throws<ClinicalRuleException>(() => letter.Edit("  ", Asha, now)).Field);
        Assert.Throws<ClinicalRuleException>(() => letter.Edit(new string('x', AftercareLetter.MaxBodyLength + 1), Asha, now));
        Assert.Throws<ClinicalRuleException>(() => letter.RecordSent(LetterSending.Post, now, Asha, now));
        letter.Edit("Dear Jordan,\r\n\r\nI was thinking of you.", Asha, now);
        Assert.Equal("Dear Jordan,\n\nI was thinking of you.", letter.Body);
        letter.Approve(Asha, "Asha Patel", now.AddMinutes(5));
        Assert.Throws<ClinicalRuleException>(() => letter.Edit("Something else", Asha, now.AddMinutes(6)));
        Assert.Equal("SentBy", Assert.Throws<ClinicalRuleException>(() => letter.RecordSent(null, now.AddMinutes(6), Asha, now.AddMinutes(6))).Field);
        Assert.Equal("SentAt", Assert.Throws<ClinicalRuleException>(() => letter.RecordSent(LetterSending.Post, now, Asha, now.AddMinutes(6))).Field);
        letter.RecordSent(LetterSending.Post, now.AddMinutes(6), Asha, now.AddMinutes(6));
        Assert.Equal(LetterStatus.Sent, letter.Status);
        Assert.Throws<ClinicalRuleException>(() => letter.RecordSent(LetterSending.Email, now.AddMinutes(7), Asha, now.AddMinutes(7)));
    }

    [Fact]
    public void ALetterApprovedAndHandedOverInTheSameMinute_CanBeRecordedAtThatMinute_ButNotBefore()
    {
        var contact = Started(SignedOff).Contacts.Single(c => c.Key == "letter-6");
        var approved = contact.OpensAt.AddSeconds(40);
        var letter = AftercareLetter.Draft(contact, "Dear Jordan,\n\nThinking of you.", contact.OpensAt);
        letter.Approve(Asha, "Asha Patel", approved);
        Assert.Equal("SentAt", Assert.Throws<ClinicalRuleException>(() => letter.RecordSent(LetterSending.HandedToThePerson, contact.OpensAt.AddMinutes(-1), Asha, approved)).Field);
        letter.RecordSent(LetterSending.HandedToThePerson, contact.OpensAt, Asha, approved.AddSeconds(5));
        Assert.Equal(contact.OpensAt, letter.SentAt);
    }
}
