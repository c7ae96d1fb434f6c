using Aftercare.Domain.Assessments;
using Aftercare.Domain.Common;
using Aftercare.Domain.Patients;
using Aftercare.Domain.Presentations;

namespace Aftercare.Domain.Tests.Assessments;

public class AssessmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 14, 30, 0, TimeSpan.Zero);
    private static readonly StaffId Practitioner = StaffId.New();
    private static readonly StaffId Colleague = StaffId.New();
    private static readonly TeamId Team = TeamId.New();

    private static readonly Person Samantha = Person.Register(new PersonDetails
    {
        GivenName = "Samantha",
        FamilyName = "Okafor",
        DateOfBirth = new DateOnly(2004, 8, 17),
        Sex = Sex.Female,
    }, Team, Practitioner, Now.AddHours(-4));

    private static readonly Presentation Tonight = Presentation.Record(Samantha.Id, SiteId.New(), Team, new PresentationDetails
    {
        ArrivedAt = Now.AddHours(-3),
        AccountInOwnWords = "I took the tablets after the argument with my dad.",
        Method = MethodCategory.SelfPoisoning,
    }, Practitioner, Now.AddHours(-3));

    private static AssessmentSections Complete() => new()
    {
        WhatHappenedAndIntent = "Took 16 paracetamol after an argument. Says she wanted to sleep and not wake up, then told her sister.",
        StrengthsAndCoping = "Close to her sister; running helps.",
        SafetyFormulation = "Less safe when alone at night after conflict at home; safer with her sister. Plan agreed with her.",
    };

    private static Assessment Start() => Assessment.Start(Samantha.Id, Tonight, Practitioner, Now);

    private static Assessment Drafted(AssessmentSections? sections = null)
    {
        var assessment = Start();
        assessment.SaveDraft(sections ?? Complete(), Practitioner, Now.AddMinutes(20));
        return assessment;
    }

    private static Assessment SignedOff()
    {
        var assessment = Drafted();
        assessment.SignOff(Practitioner, Now.AddMinutes(45));
        return assessment;
    }

    [Fact]
    public void Start_KeepsThePersonPresentationWhoAndWhen_AsAnEmptyDraft()
    {
        var assessment = Start();

        Assert.NotEqual(Guid.Empty, assessment.Id.Value);
        Assert.Equal(Samantha.Id, assessment.PersonId);
        Assert.Equal(Tonight.Id, assessment.PresentationId);
        Assert.Equal(Practitioner, assessment.StartedBy);
        Assert.Equal(Now, assessment.StartedAt);
        Assert.Equal(Practitioner, assessment.LastSavedBy);
        Assert.Equal(Now, assessment.LastSavedAt);
        Assert.Equal(AssessmentStatus.Draft, assessment.Status);
        Assert.False(assessment.IsSignedOff);
        Assert.Equal(AssessmentSections.Empty, assessment.Sections);
        Assert.Null(assessment.SignedOffBy);
        Assert.Null(assessment.SignedOffAt);
        Assert.Empty(assessment.Addenda);
    }

    [Fact]
    public void Start_ForAPresentationOfSomeoneElse_IsRefused()
    {
        var someoneElse = Presentation.Record(PersonId.New(), SiteId.New(), Team, new PresentationDetails
        {
            ArrivedAt = Now.AddHours(-1),
            AccountInOwnWords = "Cut my arm.",
        }, Practitioner, Now);

        Assert.Throws<ClinicalRuleException>(() => Assessment.Start(Samantha.Id, someoneElse, Practitioner, Now));
    }

    [Fact]
    public void Start_EachAssessment_GetsItsOwnId()
    {
        Assert.NotEqual(Start().Id, Start().Id);
    }

    [Fact]
    public void SaveDraft_KeepsTheTextAsTyped_OnlyTrimmed()
    {
        var assessment = Start();
        const string words = "She said: \"I just wanted it all to stop.\"\nShe didn't want to die — \"not really\".";

        assessment.SaveDraft(new AssessmentSections { WhatHappenedAndIntent = "  \n" + words + "\t  ", Needs = "   " }, Colleague, Now.AddMinutes(10));

        Assert.Equal(words, assessment.Sections.WhatHappenedAndIntent);
        Assert.Null(assessment.Sections.Needs);
        Assert.Equal(Colleague, assessment.LastSavedBy);
        Assert.Equal(Now.AddMinutes(10), assessment.LastSavedAt);
        Assert.Equal(Practitioner, assessment.StartedBy);
    }

    [Fact]
    public void SaveDraft_ReplacesEverySection_IncludingOnesLeftBlank()
    {
        var assessment = Drafted();

        assessment.SaveDraft(new AssessmentSections { Needs = "Somewhere to stay tonight." }, Practitioner, Now.AddMinutes(30));

        Assert.Null(assessment.Sections.WhatHappenedAndIntent);
        Assert.Null(assessment.Sections.SafetyFormulation);
        Assert.Equal("Somewhere to stay tonight.", assessment.Sections.Needs);
    }

    [Fact]
    public void SaveDraft_CanBeSavedManyTimes_BeforeSignOff()
    {
        var assessment = Start();

        assessment.SaveDraft(new AssessmentSections { PastSelfHarm = "First draft" }, Practitioner, Now.AddMinutes(5));
        assessment.SaveDraft(new AssessmentSections { PastSelfHarm = "Second draft" }, Practitioner, Now.AddMinutes(6));

        Assert.Equal("Second draft", assessment.Sections.PastSelfHarm);
        Assert.Equal(Now.AddMinutes(6), assessment.LastSavedAt);
        Assert.Equal(AssessmentStatus.Draft, assessment.Status);
    }

    [Fact]
    public void SaveDraft_WithASectionOver20000Characters_IsRefusedNamingTheSection()
    {
        var assessment = Start();

        var ex = Assert.Throws<ClinicalRuleException>(() =>
            assessment.SaveDraft(new AssessmentSections { Safeguarding = new string('x', 20001) }, Practitioner, Now));

        Assert.Equal(nameof(AssessmentSections.Safeguarding), ex.Field);
        Assert.Null(assessment.Sections.Safeguarding);
    }

    [Fact]
    public void SaveDraft_WithASectionOfExactly20000Characters_IsAccepted()
    {
        var assessment = Start();

        assessment.SaveDraft(new AssessmentSections { Safeguarding = new string('x', 20000) }, Practitioner, Now);

        Assert.Equal(20000, assessment.Sections.Safeguarding!.Length);
    }

    [Fact]
    public void SaveDraft_AfterSignOff_IsRefused_AndSaysToAddAnAddendum()
    {
        var assessment = SignedOff();
        var before = assessment.Sections;

        var ex = Assert.Throws<ClinicalRuleException>(() =>
            assessment.SaveDraft(Complete() with { Needs = "Changed afterwards" }, Practitioner, Now.AddHours(2)));

        Assert.Contains("addendum", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, assessment.Sections);
        Assert.Equal(Now.AddMinutes(20), assessment.LastSavedAt);
    }

    [Fact]
    public void SignOff_WithWhatHappenedAndASafetyFormulation_KeepsWhoAndExactlyWhen()
    {
        var assessment = Drafted();
        var at = new DateTimeOffset(2026, 5, 10, 16, 7, 33, 123, TimeSpan.FromHours(1)).AddTicks(4567);

        assessment.SignOff(Colleague, at);

        Assert.Equal(AssessmentStatus.SignedOff, assessment.Status);
        Assert.True(assessment.IsSignedOff);
        Assert.Equal(Colleague, assessment.SignedOffBy);
        Assert.Equal(at.UtcTicks, assessment.SignedOffAt!.Value.UtcTicks);
        Assert.Equal(at, assessment.SignedOffAt);
    }

    [Fact]
    public void SignOff_WithoutASafetyFormulation_IsRefused()
    {
        var assessment = Drafted(Complete() with { SafetyFormulation = "   " });

        var ex = Assert.Throws<ClinicalRuleException>(() => assessment.SignOff(Practitioner, Now.AddHours(1)));

        Assert.Equal(nameof(AssessmentSections.SafetyFormulation), ex.Field);
        Assert.Equal(AssessmentStatus.Draft, assessment.Status);
        Assert.Null(assessment.SignedOffAt);
    }

    [Fact]
    public void SignOff_WithoutWhatHappenedAndIntent_IsRefused()
    {
        var assessment = Drafted(Complete() with { WhatHappenedAndIntent = null });

        var ex = Assert.Throws<ClinicalRuleException>(() => assessment.SignOff(Practitioner, Now.AddHours(1)));

        Assert.Equal(nameof(AssessmentSections.WhatHappenedAndIntent), ex.Field);
        Assert.False(assessment.IsSignedOff);
    }

    [Fact]
    public void SignOff_OfAnAssessmentNeverSaved_IsRefused()
    {
        Assert.Throws<ClinicalRuleException>(() => Start().SignOff(Practitioner, Now));
    }

    [Fact]
    public void SignOff_WithOnlyTheTwoRequiredSections_IsAccepted()
    {
        var assessment = Drafted(new AssessmentSections { WhatHappenedAndIntent = "Overdose.", SafetyFormulation = "Written with her." });

        assessment.SignOff(Practitioner, Now.AddHours(1));

        Assert.True(assessment.IsSignedOff);
    }

    [Fact]
    public void SignOff_ASecondTime_IsRefused_AndKeepsTheFirstSignOff()
    {
        var assessment = SignedOff();

        Assert.Throws<ClinicalRuleException>(() => assessment.SignOff(Colleague, Now.AddHours(5)));

        Assert.Equal(Practitioner, assessment.SignedOffBy);
        Assert.Equal(Now.AddMinutes(45), assessment.SignedOffAt);
    }

    [Fact]
    public void AddAddendum_AfterSignOff_KeepsTheTextWhoAndWhen()
    {
        var assessment = SignedOff();
        var before = assessment.Sections;

        var addendum = assessment.AddAddendum("  Correction: it was 12 tablets, not 16, per her sister.  ", Colleague, "Priya Shah", Now.AddHours(3));

        var kept = Assert.Single(assessment.Addenda);
        Assert.Same(addendum, kept);
        Assert.NotEqual(Guid.Empty, kept.Id);
        Assert.Equal("Correction: it was 12 tablets, not 16, per her sister.", kept.Text);
        Assert.Equal(Colleague, kept.AddedBy);
        Assert.Equal("Priya Shah", kept.AddedByName);
        Assert.Equal(Now.AddHours(3), kept.AddedAt);
        Assert.Equal(before, assessment.Sections);
        Assert.Equal(Now.AddMinutes(45), assessment.SignedOffAt);
    }

    [Fact]
    public void AddAddendum_Several_AreKeptInOrder()
    {
        var assessment = SignedOff();

        assessment.AddAddendum("First", Practitioner, "Jo Bell", Now.AddHours(1));
        assessment.AddAddendum("Second", Colleague, "Priya Shah", Now.AddHours(2));

        Assert.Equal(["First", "Second"], assessment.Addenda.Select(a => a.Text));
        Assert.NotEqual(assessment.Addenda[0].Id, assessment.Addenda[1].Id);
    }

    [Fact]
    public void AddAddendum_ToADraft_IsRefused()
    {
        var assessment = Drafted();

        Assert.Throws<ClinicalRuleException>(() => assessment.AddAddendum("Note", Practitioner, "Jo Bell", Now));

        Assert.Empty(assessment.Addenda);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n ")]
    public void AddAddendum_WithoutText_IsRefused(string? text)
    {
        var assessment = SignedOff();

        var ex = Assert.Throws<ClinicalRuleException>(() => assessment.AddAddendum(text, Practitioner, "Jo Bell", Now));

        Assert.Equal(Assessment.AddendumField, ex.Field);
        Assert.Empty(assessment.Addenda);
    }

    [Fact]
    public void AddAddendum_Over8000Characters_IsRefused()
    {
        var assessment = SignedOff();

        var ex = Assert.Throws<ClinicalRuleException>(() => assessment.AddAddendum(new string('a', 8001), Practitioner, "Jo Bell", Now));

        Assert.Equal(Assessment.AddendumField, ex.Field);
        Assert.Empty(assessment.Addenda);
    }

    [Fact]
    public void AddAddendum_OfExactly8000Characters_IsAccepted()
    {
        var assessment = SignedOff();

        assessment.AddAddendum(new string('a', 8000), Practitioner, "Jo Bell", Now);

        Assert.Equal(8000, Assert.Single(assessment.Addenda).Text.Length);
    }

    [Fact]
    public void AddAddendum_WithoutTheAuthorsName_IsRefused()
    {
        var assessment = SignedOff();

        Assert.Throws<ClinicalRuleException>(() => assessment.AddAddendum("Note", Practitioner, " ", Now));
        Assert.Empty(assessment.Addenda);
    }
}
