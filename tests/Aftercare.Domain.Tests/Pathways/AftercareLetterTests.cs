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
    public void TheDraft_QuotesThePlanInThePersonsOwnWords_WithPhoneNumbers_AndTheCrisisLines()
    {
        var body = LetterDraft.Compose("Jordan", "Asha Patel", "Liaison Team", 3, Plan);
        Assert.StartsWith("Dear Jordan,", body);
        Assert.Contains("about 3 months", body);
        Assert.Contains("- my little sister Mia", body);
        Assert.Contains("- walk the dog by the canal", body);
        Assert.Contains("- my brother Dev (07700 900123)", body);
        Assert.Contains("116 123", body);
        Assert.Contains("SHOUT to 85258", body);
        Assert.Contains("NHS 111 and choose option 2", body);
        Assert.EndsWith("Asha Patel\nLiaison Team", body);
        Assert.DoesNotContain("warning signs", LetterDraft.Compose("Jordan", "Asha", "Team", 6, SafetyPlanContent.Empty), StringComparison.OrdinalIgnoreCase);
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
}
