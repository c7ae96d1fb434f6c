using System.Text.RegularExpressions;
using Aftercare.Domain.Assessments;
using Aftercare.Domain.Common;
using Aftercare.Domain.Narratives;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Patients;
using Aftercare.Domain.Referrals;
using static Aftercare.Domain.Tests.Referrals.ReferralWorld;

namespace Aftercare.Domain.Tests.Referrals;

/// <summary>The letter Aftercare drafts: tailored to the service's criteria, in plain words, the person's words kept as theirs, their story only with their consent.</summary>
public class ReferralLetterTests
{
    private static ReferralLetter Compose(ReferralWorld world, ReceivingService? service = null, NarrativeInterview? narrative = null) =>
        ReferralLetterDraft.Compose(world.Sources(service, narrative), world.Now);

    private static ReceivingService ServiceWith(params string[] criteria) => new(ServiceId.New(), "Salford Talking Therapies", criteria);

    [Fact]
    public void Letter_OpensWithWhoThePersonIs_WhenTheyCameToHospital_AndWhatWeAreAsking()
    {
        var letter = Compose(new ReferralWorld());

        var opening = letter.Sections[0];
        Assert.Equal((ReferralLetterDraft.IntroductionKey, LetterSectionKind.Introduction), (opening.Key, opening.Kind));
        Assert.StartsWith("Dear colleagues at Salford Talking Therapies,\n\nI am writing to refer Jordan Reid, born 3 February 1999, NHS number 943 476 5919, to Salford Talking Therapies.", opening.Text);
        Assert.Contains("Jordan came to hospital on 2 March 2026 after self-harm, and I met Jordan for a psychosocial assessment. I am asking you to offer Jordan your help.", opening.Text);
        Assert.Contains("This letter sets out how Jordan meets each of your referral criteria, what we learned in the assessment and the safety plan Jordan wrote with us.", opening.Text);
        Assert.Contains("Jordan uses the pronouns he/him.", opening.Text);
        var closing = letter.Sections[^1];
        Assert.Equal(LetterSectionKind.Closing, closing.Kind);
        Assert.Contains("please call me before you decide", closing.Text);
        Assert.EndsWith("With best wishes,\n\nAsha Patel\nSalford Liaison Team", closing.Text);
    }

    [Fact]
    public void Letter_UsesThePreferredName_AndGivesCommunicationNeeds()
    {
        var world = new ReferralWorld(new PersonDetails
        {
            GivenName = "Joanna",
            FamilyName = "Reid",
            PreferredName = "Jo",
            DateOfBirth = new DateOnly(2001, 7, 9),
            Sex = Sex.Female,
            CommunicationNeeds = "Dyslexic: prefers to talk things through rather than read long letters.",
        });

        var opening = Compose(world).Sections[0].Text!;

        Assert.Contains("I am writing to refer Joanna Reid (known as Jo), born 9 July 2001, to", opening);
        Assert.DoesNotContain("NHS number", opening);
        Assert.Contains("Jo came to hospital", opening);
        Assert.Contains("Communication needs: Dyslexic: prefers to talk things through rather than read long letters.", opening);
    }

    [Fact]
    public void Letter_GivesTheDayOfArrival_OnTheUkCalendar()
    {
        // 00:30 British Summer Time on 1 June is 23:30 UTC on 31 May.
        var world = new ReferralWorld(arrived: UkTime.ToUtc(new DateOnly(2026, 6, 1), new TimeOnly(0, 30)));

        Assert.Contains("came to hospital on 1 June 2026", Compose(world).Sections[0].Text);
    }

    [Fact]
    public void Letter_AddressesEachCriterionInOrder_EachUnderItsOwnHeading()
    {
        var world = new ReferralWorld();
        var service = ServiceWith("Aged 18 or over", "  ", "Registered with a GP in Salford", "A common mental health problem such as depression or anxiety", "Able to attend appointments in Eccles");

        var letter = Compose(world, service);

        var criteria = letter.OfKind(LetterSectionKind.Criterion).ToList();
        Assert.Equal(["Criterion1", "Criterion2", "Criterion3", "Criterion4"], criteria.Select(c => c.Key));
        Assert.Equal(
            ["Criterion 1: Aged 18 or over", "Criterion 2: Registered with a GP in Salford", "Criterion 3: A common mental health problem such as depression or anxiety", "Criterion 4: Able to attend appointments in Eccles"],
            criteria.Select(c => c.Heading));
        var keys = letter.Sections.Select(s => s.Key).ToList();
        Assert.Equal(["Introduction", "AboutThePerson", "Criterion1", "Criterion2", "Criterion3", "Criterion4"], keys.Take(6));
        Assert.True(keys.IndexOf("Criterion4") < keys.IndexOf(nameof(AssessmentSections.WhatHappenedAndIntent)));
    }

    [Fact]
    public void Letter_FillsInACriterion_WithWhatTheRecordSaysAboutIt()
    {
        var world = new ReferralWorld();
        var service = ServiceWith(
            "Aged 18 or over",
            "Registered with a GP in Salford",
            "A common mental health problem such as depression or anxiety",
            "Lives in Salford",
            "No dependent alcohol or drug use",
            "Not at immediate risk of suicide");

        var c = Compose(world, service).OfKind(LetterSectionKind.Criterion).Select(s => s.Text).ToList();

        Assert.Equal("Jordan is 27 (date of birth 3 February 1999).", c[0]);
        Assert.Equal("Jordan is registered with Pendleton Medical Centre.", c[1]);
        Assert.Equal("From the assessment (Mental and physical health):\nSix months of poor sleep and feeling flat; no earlier contact with mental health services.", c[2]);
        Assert.Equal("Jordan lives in the M6 postcode district.", c[3]);
        Assert.Equal("From the assessment (Alcohol and drugs):\nDrinks at weekends, more since January.", c[4]);
        Assert.Equal(
            "From the assessment (What happened and what the person intended):\nCut his forearm at home after losing his job; says he wanted the feeling to stop.\n\n"
            + "From the assessment (Safety formulation):\nSafer with his brother around; less safe alone at night.",
            c[5]);
    }

    [Fact]
    public void Letter_ACriterionTheRecordSaysNothingAbout_IsLeftBlankWithAClearPrompt_AndMustBeAnsweredBeforeSending()
    {
        var world = new ReferralWorld();

        var criterion = Compose(world).Find("Criterion4")!;

        Assert.Null(criterion.Text);
        Assert.Contains("Aftercare found nothing in the record about this. Write how Jordan meets this criterion", criterion.Hint);
        Assert.Contains("needs an answer before the letter is sent", criterion.Hint);
        Assert.Contains("filled in what the record says", Compose(world).Find("Criterion1")!.Hint);
    }

    [Fact]
    public void Letter_WhereTheRecordLacksTheFact_LeavesTheCriterionForThePractitioner()
    {
        var world = new ReferralWorld(new PersonDetails { GivenName = "Sam", FamilyName = "Kay", DateOfBirth = new DateOnly(1980, 1, 1), Sex = Sex.Male });

        var letter = Compose(world, ServiceWith("Registered with a GP in Salford", "Lives in Salford"));

        Assert.All(letter.OfKind(LetterSectionKind.Criterion), c => Assert.Null(c.Text));
    }

    [Fact]
    public void Letter_AddsEachExclusion_ToAnswerOnlyWhereItCouldApply_PointingToNiceWhereItRestsOnSelfHarmOrRisk()
    {
        var letter = Compose(new ReferralWorld());

        var exclusions = letter.OfKind(LetterSectionKind.Exclusion).ToList();
        Assert.Equal(["Exclusion 1: Active suicidal thoughts with a plan", "Exclusion 2: Currently under a community mental health team"], exclusions.Select(e => e.Heading));
        Assert.All(exclusions, e => Assert.Null(e.Text));
        Assert.Contains("NICE NG225", exclusions[0].Hint);
        Assert.DoesNotContain("NICE", exclusions[1].Hint);
    }

    [Fact]
    public void Letter_IncludesEachWrittenSectionOfTheSignedOffAssessment_InOrder_AndItsAddenda()
    {
        var world = new ReferralWorld();
        world.Clock.Advance(TimeSpan.FromHours(5));
        world.Assessment.AddAddendum("His brother is now staying with him.", Asha, AshaName, world.Now);

        var letter = Compose(world);

        var assessment = letter.OfKind(LetterSectionKind.Assessment).ToList();
        Assert.Equal(
            [nameof(AssessmentSections.WhatHappenedAndIntent), nameof(AssessmentSections.MentalAndPhysicalHealth), nameof(AssessmentSections.AlcoholAndDrugs), nameof(AssessmentSections.Needs), nameof(AssessmentSections.SafetyFormulation)],
            assessment.Select(s => s.Key));
        Assert.Equal("Safety formulation", assessment[^1].Heading);
        Assert.Equal("Safer with his brother around; less safe alone at night.", assessment[^1].Text);
        var addenda = letter.Find(ReferralLetterDraft.AddendaKey)!;
        Assert.Equal($"{UkTime.Format(world.Now)}, Asha Patel:\nHis brother is now staying with him.", addenda.Text);
    }

    [Fact]
    public void Letter_FromADraftAssessment_IsRefused()
    {
        var world = new ReferralWorld();
        var draft = Assessment.Start(world.Person.Id, world.Presentation, Asha, world.Now);

        var e = Assert.Throws<ClinicalRuleException>(() => ReferralLetterDraft.Compose(world.Sources() with { Assessment = draft }, world.Now));

        Assert.Contains("Sign off the assessment", e.Message);
    }

    [Fact]
    public void Letter_FromAnotherPersonsPresentationAssessmentPlanOrStory_IsRefused()
    {
        var world = new ReferralWorld();
        var other = new ReferralWorld();
        var sources = world.Sources();

        Assert.Throws<ClinicalRuleException>(() => ReferralLetterDraft.Compose(sources with { Presentation = other.Presentation }, world.Now));
        Assert.Throws<ClinicalRuleException>(() => ReferralLetterDraft.Compose(sources with { Assessment = other.Assessment }, world.Now));
        Assert.Throws<ClinicalRuleException>(() => ReferralLetterDraft.Compose(sources with { SafetyPlan = other.Plan }, world.Now));
        Assert.Throws<ClinicalRuleException>(() => ReferralLetterDraft.Compose(sources with { Narrative = other.Narrative(NarrativeSharing.CareTeamAndReferredServices) }, world.Now));
    }

    [Fact]
    public void Letter_QuotesTheSafetyPlanInThePersonsWords_WithServicesNumbersButNotFamilyAndFriends()
    {
        var plan = Compose(new ReferralWorld()).Find(ReferralLetterDraft.SafetyPlanKey)!;

        Assert.Equal("Jordan's safety plan", plan.Heading);
        Assert.Contains("Warning signs that a crisis may be coming:\n- “staying in bed all day”", plan.Text);
        Assert.Contains("My reasons for living:\n- “my little sister Mia”", plan.Text);
        Assert.Contains("- “my brother Dev”", plan.Text);
        Assert.DoesNotContain("07700 900123", plan.Text);
        Assert.Contains("- “Salford crisis line”, 0161 496 0000 (24 hours)", plan.Text);
    }

    [Fact]
    public void Letter_QuotesWhatMattersToThePersonAndTheirStrengths_AsTheyWroteThem()
    {
        var about = Compose(new ReferralWorld()).Find(ReferralLetterDraft.AboutThePersonKey)!;

        Assert.Equal("About Jordan", about.Heading);
        Assert.Equal("What matters to Jordan, in their words:\n“My sister and my dog”\n\nTheir strengths, in their words:\n“I keep going”", about.Text);
    }

    [Theory]
    [InlineData(NarrativeSharing.CareTeamOnly, false)]
    [InlineData(NarrativeSharing.CareTeamOnly, true)]
    [InlineData(NarrativeSharing.CareTeamAndReferredServices, true)]
    public void Letter_WithoutNarrativeConsent_LeavesTheNarrativeOut(NarrativeSharing sharing, bool toGp)
    {
        var world = new ReferralWorld();

        var letter = Compose(world, TalkingTherapies(gp: toGp), world.Narrative(sharing));

        Assert.Null(letter.Find(ReferralLetterDraft.NarrativeKey));
        Assert.DoesNotContain(LetterSectionKind.Narrative, letter.Sections.Select(s => s.Kind));
        Assert.DoesNotContain("couldn't see a way through", letter.AllText);
        Assert.DoesNotContain("own account", letter.Sections[0].Text);
        Assert.DoesNotContain(Story, ReferralLetterDraft.TheirWords(world.Sources(TalkingTherapies(gp: toGp), world.Narrative(sharing))));
    }

    [Theory]
    [InlineData(NarrativeSharing.CareTeamAndReferredServices, false, "the services Jordan is referred to")]
    [InlineData(NarrativeSharing.CareTeamReferredServicesAndGp, false, "the services Jordan is referred to")]
    [InlineData(NarrativeSharing.CareTeamReferredServicesAndGp, true, "Jordan's GP")]
    public void Letter_WithNarrativeConsent_QuotesTheStoryWordForWord(NarrativeSharing sharing, bool toGp, string whoMayRead)
    {
        var world = new ReferralWorld();

        var letter = Compose(world, TalkingTherapies(gp: toGp), world.Narrative(sharing));

        var narrative = letter.Find(ReferralLetterDraft.NarrativeKey)!;
        Assert.Equal(("In Jordan's own words", LetterSectionKind.Narrative), (narrative.Heading, narrative.Kind));
        Assert.Equal($"Jordan has agreed that {whoMayRead} may read this account. It is quoted exactly as Jordan gave it.\n\n“{Story}”", narrative.Text);
        Assert.Contains("Jordan's own account, which Jordan has agreed to share with you", letter.Sections[0].Text);
        Assert.True(letter.Sections.ToList().IndexOf(narrative) > letter.Sections.ToList().FindIndex(s => s.Kind == LetterSectionKind.SafetyPlan));
    }

    [Fact]
    public void Send_AfterThePersonNoLongerAgreesToShareTheirStory_IsRefused_UntilItIsTakenOut()
    {
        var world = new ReferralWorld();
        var narrative = world.Narrative(NarrativeSharing.CareTeamAndReferredServices);
        var referral = world.Ready(narrative: narrative);
        Assert.NotNull(referral.Letter.Find(ReferralLetterDraft.NarrativeKey)!.Text);
        narrative.ChangeSharing(NarrativeSharing.CareTeamOnly, Asha, world.Now);

        var e = Assert.Throws<ClinicalRuleException>(() => referral.Send(narrative, Asha, AshaName, world.Now));
        Assert.Equal(ReferralLetterDraft.NarrativeKey, e.Field);
        Assert.Equal(ReferralLetterDraft.NarrativeKey, Assert.Throws<ClinicalRuleException>(() => referral.Send(null, Asha, AshaName, world.Now)).Field);
        Assert.Equal(ReferralStatus.Draft, referral.Status);

        referral.ReviseLetter(new Dictionary<string, string?> { [ReferralLetterDraft.NarrativeKey] = "" }, Asha, world.Now);
        referral.Send(narrative, Asha, AshaName, world.Now);
        Assert.Equal(ReferralStatus.Sent, referral.Status);
        Assert.DoesNotContain(referral.PrintedLetter(), p => p.Text.Contains("couldn't see a way through"));
    }

    [Fact]
    public void Send_WithTheStory_WhileThePersonStillAgrees_SendsIt()
    {
        var world = new ReferralWorld();
        var narrative = world.Narrative(NarrativeSharing.CareTeamAndReferredServices);
        var referral = world.Ready(narrative: narrative);

        referral.Send(narrative, Asha, AshaName, world.Now);

        Assert.Contains(referral.PrintedLetter(), p => p.Heading == "In Jordan's own words" && p.Text.Contains(Story));
    }

    [Fact]
    public void Send_ToAGpPractice_NeedsConsentForTheGp_NotJustForReferredServices()
    {
        var world = new ReferralWorld();
        var narrative = world.Narrative(NarrativeSharing.CareTeamReferredServicesAndGp);
        var referral = world.Ready(TalkingTherapies(gp: true), narrative);
        narrative.ChangeSharing(NarrativeSharing.CareTeamAndReferredServices, Asha, world.Now);

        Assert.Equal(ReferralLetterDraft.NarrativeKey, Assert.Throws<ClinicalRuleException>(() => referral.Send(narrative, Asha, AshaName, world.Now)).Field);
        Assert.True(referral.ServiceIsGpPractice);
    }

    [Fact]
    public void EveryQuotationInTheDraft_IsThePersonsOwnWords_AndOneRewordedWhileEditing_IsPointedOut()
    {
        var world = new ReferralWorld();
        var sources = world.Sources(narrative: world.Narrative(NarrativeSharing.CareTeamAndReferredServices));
        var letter = ReferralLetterDraft.Compose(sources, world.Now);
        var theirs = ReferralLetterDraft.TheirWords(sources);

        Assert.Empty(LetterDraft.QuotesNotInTheirWords(letter.AllText, theirs));

        var edited = letter.Revised(new Dictionary<string, string?>
        {
            [ReferralLetterDraft.SafetyPlanKey] = letter.Find(ReferralLetterDraft.SafetyPlanKey)!.Text!.Replace("“my little sister Mia”", "“my sister Mia, who I adore”"),
        });
        Assert.Equal(["my sister Mia, who I adore"], LetterDraft.QuotesNotInTheirWords(edited.AllText, theirs));
    }

    [Fact]
    public void TheDraftsOwnWords_NeverScoreOrGradeRisk()
    {
        // With nothing from the record, every word is Aftercare's own.
        var world = new ReferralWorld(new PersonDetails { GivenName = "Sam", FamilyName = "Kay", DateOfBirth = new DateOnly(1980, 1, 1), Sex = Sex.Male });
        var bare = ReferralLetterDraft.Compose(new ReferralLetterSources(world.Person, world.Presentation, ServiceWith("Aged 18 or over", "Able to attend in Eccles"), AshaName, "Salford Liaison Team"), world.Now);
        var ours = string.Join("\n", bare.Sections.SelectMany(s => new[] { s.Heading, s.Hint, s.Text }));
        Assert.DoesNotMatch(new Regex(@"\b(risk|low|medium|moderate|high|score|scored|level|rating)\b", RegexOptions.IgnoreCase), ours);

        // With everything, no stratification phrase appears either.
        var everything = new ReferralWorld();
        var full = Compose(everything, narrative: everything.Narrative(NarrativeSharing.CareTeamAndReferredServices));
        var all = string.Join("\n", full.Sections.SelectMany(s => new[] { s.Heading, s.Hint, s.Text }));
        Assert.DoesNotMatch(new Regex(@"\b(low|medium|moderate|high)[- ]risk\b|\brisk (score|level|rating|category)\b", RegexOptions.IgnoreCase), all);
    }

    [Fact]
    public void ReviseLetter_ChangesOnlyTheSectionsGiven_KeepsTheWordsAsTyped_AndRecordsWhoAndWhen()
    {
        var world = new ReferralWorld();
        var referral = world.Draft();
        var before = referral.Letter;
        world.Clock.Advance(TimeSpan.FromMinutes(7));

        referral.ReviseLetter(new Dictionary<string, string?> { ["Criterion4"] = "  He can get the 33 bus.\r\nIt takes 20 minutes.  " }, Asha, world.Now);

        Assert.Equal("He can get the 33 bus.\nIt takes 20 minutes.", referral.Letter.Find("Criterion4")!.Text);
        Assert.Equal(before.Sections.Where(s => s.Key != "Criterion4"), referral.Letter.Sections.Where(s => s.Key != "Criterion4"));
        Assert.Equal((Asha, world.Now), (referral.LastEditedBy, referral.LastEditedAt));
        Assert.Equal(before.Find("Criterion4")!.Heading, referral.Letter.Find("Criterion4")!.Heading);
    }

    [Fact]
    public void ReviseLetter_WithAnUnknownSection_OrASectionOver20000Characters_IsRefused_NamingTheSection()
    {
        var world = new ReferralWorld();
        var referral = world.Draft();
        var before = referral.Letter;

        Assert.Equal("Criterion9", Assert.Throws<ClinicalRuleException>(() => referral.ReviseLetter(new Dictionary<string, string?> { ["Criterion9"] = "x" }, Asha, world.Now)).Field);
        Assert.Equal("Criterion1", Assert.Throws<ClinicalRuleException>(() => referral.ReviseLetter(new Dictionary<string, string?> { ["Criterion1"] = new string('x', 20001) }, Asha, world.Now)).Field);
        Assert.Same(before, referral.Letter);
        Assert.Null(referral.LastEditedAt);
    }

    [Fact]
    public void ThePrintedLetter_LeavesOutBlankSectionsAndHints_AndPrintsTheOpeningAndClosingWithoutHeadings()
    {
        var world = new ReferralWorld();
        var referral = world.Ready();

        var printed = referral.PrintedLetter();

        Assert.Null(printed[0].Heading);
        Assert.StartsWith("Dear colleagues", printed[0].Text);
        Assert.Null(printed[^1].Heading);
        Assert.DoesNotContain(printed, p => p.Heading is not null && p.Heading.StartsWith("Exclusion"));
        Assert.Contains(printed, p => p.Heading == "Criterion 4: Able to attend appointments in Eccles");
        var hints = referral.Letter.Sections.Select(s => s.Hint).OfType<string>().ToList();
        Assert.DoesNotContain(printed, p => hints.Any(h => p.Text.Contains(h)));
        Assert.Equal(referral.Letter.Sections.Count(s => s.Text is not null), printed.Count);
    }

    [Fact]
    public void TwoLetters_WithTheSameSections_AreEqual()
    {
        var world = new ReferralWorld();
        var letter = Compose(world);

        Assert.Equal(letter, letter with { Sections = letter.Sections.ToList() });
        Assert.NotEqual(letter, letter.Revised(new Dictionary<string, string?> { ["Criterion4"] = "Yes" }));
    }
}
