using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using static Aftercare.Domain.Tests.Referrals.ReferralWorld;

namespace Aftercare.Domain.Tests.Referrals;

/// <summary>Colleagues from other disciplines add their part before the letter goes; the person never waits on one who is away.</summary>
public class ReferralContributorTests
{
    [Fact]
    public void NamingAContributor_KeepsTheirNameDisciplineAndRole_WithWhoNamedThemAndWhen()
    {
        var world = new ReferralWorld();
        var referral = world.Ready();

        var contributor = referral.NameContributor("  Dr Sam Okafor ", Discipline.Psychiatry, "Consultant liaison psychiatrist", Psychiatrist, Asha, AshaName, world.Now);

        Assert.Equal(("Dr Sam Okafor", Discipline.Psychiatry, "Consultant liaison psychiatrist", Psychiatrist), (contributor.Name, contributor.Discipline, contributor.Role, contributor.StaffId));
        Assert.Equal((Asha, world.Now), (contributor.NamedBy, contributor.NamedAt));
        Assert.False(contributor.HasAddedTheirPart);
        Assert.Equal([contributor], referral.ContributorsStillToAdd);
        Assert.Equal((ReferralHistoryKind.ContributorNamed, "Dr Sam Okafor, Consultant liaison psychiatrist"), (referral.History[^1].Kind, referral.History[^1].Detail));
        Assert.Equal("From Dr Sam Okafor, Consultant liaison psychiatrist", contributor.Heading);
    }

    [Fact]
    public void NamingAContributor_WithoutANameOrDiscipline_OrAnOtherDisciplineWithoutARole_IsRefused()
    {
        var world = new ReferralWorld();
        var referral = world.Ready();

        Assert.Equal("Name", Assert.Throws<ClinicalRuleException>(() => referral.NameContributor(" ", Discipline.Nursing, null, null, Asha, AshaName, world.Now)).Field);
        Assert.Equal("Discipline", Assert.Throws<ClinicalRuleException>(() => referral.NameContributor("Pat", null, null, null, Asha, AshaName, world.Now)).Field);
        Assert.Equal("Discipline", Assert.Throws<ClinicalRuleException>(() => referral.NameContributor("Pat", (Discipline)77, null, null, Asha, AshaName, world.Now)).Field);
        Assert.Equal("Role", Assert.Throws<ClinicalRuleException>(() => referral.NameContributor("Pat", Discipline.Other, " ", null, Asha, AshaName, world.Now)).Field);
        Assert.Empty(referral.Contributors);
        Assert.Equal("From Pat, Peer support worker", referral.NameContributor("Pat", Discipline.Other, "Peer support worker", null, Asha, AshaName, world.Now).Heading);
    }

    [Fact]
    public void TheReferrer_OrAColleagueAlreadyNamed_CannotBeNamedAgain()
    {
        var world = new ReferralWorld();
        var referral = world.Ready();
        referral.NameContributor("Dr Sam Okafor", Discipline.Psychiatry, null, Psychiatrist, Asha, AshaName, world.Now);

        Assert.Equal("Name", Assert.Throws<ClinicalRuleException>(() => referral.NameContributor(AshaName, Discipline.Nursing, null, Asha, Asha, AshaName, world.Now)).Field);
        Assert.Equal("Name", Assert.Throws<ClinicalRuleException>(() => referral.NameContributor("Sam Okafor", Discipline.Psychiatry, null, Psychiatrist, Asha, AshaName, world.Now)).Field);
        Assert.Single(referral.Contributors);
    }

    [Fact]
    public void ALetter_HasAtMostTenContributors()
    {
        var world = new ReferralWorld();
        var referral = world.Ready();
        for (var i = 0; i < Referral.MaxContributors; i++)
            referral.NameContributor($"Colleague {i}", Discipline.Nursing, null, null, Asha, AshaName, world.Now);

        Assert.Throws<ClinicalRuleException>(() => referral.NameContributor("One more", Discipline.Nursing, null, null, Asha, AshaName, world.Now));
        Assert.Equal(10, referral.Contributors.Count);
    }

    [Fact]
    public void Send_WhileANamedContributorHasNotAddedTheirPart_IsRefused_NamingThem()
    {
        var world = new ReferralWorld();
        var referral = world.Ready();
        referral.NameContributor("Dr Sam Okafor", Discipline.Psychiatry, null, Psychiatrist, Asha, AshaName, world.Now);

        var e = Assert.Throws<ClinicalRuleException>(() => referral.Send(null, Asha, AshaName, world.Now));

        Assert.Equal("Contributors", e.Field);
        Assert.Contains("Dr Sam Okafor has not added their part", e.Message);
        Assert.Equal(ReferralStatus.Draft, referral.Status);
    }

    [Fact]
    public void AContributorWhoIsStaff_WritesTheirOwnPart_AndNobodyElseCanWriteItForThem()
    {
        var world = new ReferralWorld();
        var referral = world.Ready();
        var psychiatrist = referral.NameContributor("Dr Sam Okafor", Discipline.Psychiatry, null, Psychiatrist, Asha, AshaName, world.Now);

        var e = Assert.Throws<ClinicalRuleException>(() => referral.AddContribution(psychiatrist.Id, "Written by someone else", Asha, AshaName, world.Now));
        Assert.Contains("Only Dr Sam Okafor", e.Message);
        Assert.False(psychiatrist.HasAddedTheirPart);

        world.Clock.Advance(TimeSpan.FromHours(4));
        referral.AddContribution(psychiatrist.Id, "I saw Jordan on the ward.\r\nDepression, not a severe mental illness.", Psychiatrist, "Dr Sam Okafor", world.Now);

        Assert.Equal("I saw Jordan on the ward.\nDepression, not a severe mental illness.", psychiatrist.Part);
        Assert.Equal((Psychiatrist, "Dr Sam Okafor", world.Now), (psychiatrist.PartWrittenBy, psychiatrist.PartWrittenByName, psychiatrist.PartWrittenAt));
        Assert.Empty(referral.ContributorsStillToAdd);
        Assert.Equal((ReferralHistoryKind.ContributionAdded, Psychiatrist), (referral.History[^1].Kind, referral.History[^1].By));
        referral.Send(null, Asha, AshaName, world.Now);
        Assert.Equal(ReferralStatus.Sent, referral.Status);
    }

    [Fact]
    public void AContributorFromOutside_HasTheirPartRecordedByStaff_WithWhoRecordedIt()
    {
        var world = new ReferralWorld();
        var referral = world.Ready();
        var gp = referral.NameContributor("Dr Lee", Discipline.GeneralPractice, "GP, Pendleton Medical Centre", null, Asha, AshaName, world.Now);

        referral.AddContribution(gp.Id, "Known to us for poor sleep and feeling flat since January; no earlier self-harm.", Asha, AshaName, world.Now);

        Assert.Equal((Asha, AshaName), (gp.PartWrittenBy, gp.PartWrittenByName));
        Assert.Equal("Part", Assert.Throws<ClinicalRuleException>(() => referral.AddContribution(gp.Id, " ", Asha, AshaName, world.Now)).Field);
        Assert.Equal("Part", Assert.Throws<ClinicalRuleException>(() => referral.AddContribution(gp.Id, new string('p', 8001), Asha, AshaName, world.Now)).Field);
        Assert.StartsWith("Known to us", gp.Part);
    }

    [Fact]
    public void RemovingAContributor_NeedsAReason_KeepsThemOnRecord_AndLetsTheLetterGo()
    {
        var world = new ReferralWorld();
        var referral = world.Ready();
        var social = referral.NameContributor("Chris Hall", Discipline.SocialWork, null, StaffId.New(), Asha, AshaName, world.Now);

        Assert.Equal("Reason", Assert.Throws<ClinicalRuleException>(() => referral.RemoveContributor(social.Id, "  ", Asha, AshaName, world.Now)).Field);
        Assert.False(social.IsRemoved);

        referral.RemoveContributor(social.Id, "Away until next month; Jordan should not wait.", Asha, AshaName, world.Now);

        Assert.True(social.IsRemoved);
        Assert.Equal((Asha, world.Now, "Away until next month; Jordan should not wait."), (social.RemovedBy, social.RemovedAt, social.RemovalReason));
        Assert.Contains(social, referral.Contributors);
        Assert.Equal((ReferralHistoryKind.ContributorRemoved, "Chris Hall: Away until next month; Jordan should not wait."), (referral.History[^1].Kind, referral.History[^1].Detail));
        Assert.Throws<ClinicalRuleException>(() => referral.AddContribution(social.Id, "Too late", StaffId.New(), "Chris Hall", world.Now));
        referral.Send(null, Asha, AshaName, world.Now);
        Assert.Equal(ReferralStatus.Sent, referral.Status);
    }

    [Fact]
    public void ThePrintedLetter_PutsEachPartUnderItsWriter_BeforeTheClosing_AndLeavesOutThoseRemoved()
    {
        var world = new ReferralWorld();
        var referral = world.Ready();
        var psychiatrist = referral.NameContributor("Dr Sam Okafor", Discipline.Psychiatry, null, Psychiatrist, Asha, AshaName, world.Now);
        referral.AddContribution(psychiatrist.Id, "Depression that talking therapy can help.", Psychiatrist, "Dr Sam Okafor", world.Now);
        var ot = referral.NameContributor("Mo Ali", Discipline.OccupationalTherapy, null, null, Asha, AshaName, world.Now);
        referral.AddContribution(ot.Id, "Wants to get back to work; a graded plan would help.", Asha, AshaName, world.Now);
        var removed = referral.NameContributor("Chris Hall", Discipline.SocialWork, null, null, Asha, AshaName, world.Now);
        referral.AddContribution(removed.Id, "Should not be printed.", Asha, AshaName, world.Now);
        referral.RemoveContributor(removed.Id, "Not involved after all.", Asha, AshaName, world.Now);

        var printed = referral.PrintedLetter();

        Assert.Null(printed[^1].Heading);
        Assert.StartsWith("Thank you for considering this referral", printed[^1].Text);
        Assert.Equal(new PrintedSection("From Dr Sam Okafor, psychiatry", "Depression that talking therapy can help."), printed[^3]);
        Assert.Equal(new PrintedSection("From Mo Ali, occupational therapy", "Wants to get back to work; a graded plan would help."), printed[^2]);
        Assert.DoesNotContain(printed, p => p.Text.Contains("Should not be printed."));
    }

    [Fact]
    public void Contributors_CannotBeNamedWriteOrBeRemoved_OnceTheLetterIsSent()
    {
        var world = new ReferralWorld();
        var referral = world.Ready();
        var gp = referral.NameContributor("Dr Lee", Discipline.GeneralPractice, null, null, Asha, AshaName, world.Now);
        referral.AddContribution(gp.Id, "Known to us.", Asha, AshaName, world.Now);
        referral.Send(null, Asha, AshaName, world.Now);

        Assert.Throws<ClinicalRuleException>(() => referral.NameContributor("Late", Discipline.Nursing, null, null, Asha, AshaName, world.Now));
        Assert.Throws<ClinicalRuleException>(() => referral.AddContribution(gp.Id, "Changed after sending", Asha, AshaName, world.Now));
        Assert.Throws<ClinicalRuleException>(() => referral.RemoveContributor(gp.Id, "Changed my mind", Asha, AshaName, world.Now));
        Assert.Equal("Known to us.", gp.Part);
        Assert.False(gp.IsRemoved);
    }

    [Fact]
    public void EveryDiscipline_IsDescribedInWords()
    {
        Assert.Equal(9, Enum.GetValues<Discipline>().Select(Disciplines.Describe).Distinct().Count());
    }
}
