using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;

namespace Aftercare.Domain.Tests.Messaging;

/// <summary>
/// A team adds its own crisis rules (a local bridge, a cliff, the words its people use). They can
/// only add to the defaults, and a supervisor is told plainly what to fix in a rule that would
/// match nothing or everything.
/// </summary>
public class CrisisTeamRulesTests
{
    private const string Reason = "The message names a place in our area where people have ended their lives.";

    private static CrisisRule Viaduct(string id = "local-viaduct") =>
        CrisisRule.Phrase(id, "Naming the viaduct", Reason, ["the viaduct", "Beachy Head"]);

    private static string FieldOf(Action act) => Assert.Throws<ClinicalRuleException>(act).Field!;

    [Fact]
    public void ATeamRule_AddedToTheDefaults_FlagsItsOwnWords_AndTheDefaultsStillFire()
    {
        var rules = CrisisRuleSet.Default.With([Viaduct()]);

        var match = Assert.Single(rules.Assess("I'm at the viaduct").Matches);
        Assert.Equal(("local-viaduct", "Naming the viaduct", Reason), (match.RuleId, match.RuleName, match.Reason));
        Assert.Equal(["the viaduct"], match.Words.Select(w => w.Text));
        Assert.Contains("goodbye", rules.Assess("this is goodbye").Matches.Select(m => m.RuleId));
        Assert.False(CrisisRuleSet.Default.Assess("I'm at the viaduct").MayBeDanger);
    }

    [Fact]
    public void ATeamRule_IsReadLikeTheDefaults_WithCaseAccentsSlipsDrawnOutLettersAndTextSpeak()
    {
        var rules = CrisisRuleSet.Default.With([
            CrisisRule.Combination("local-cliff", "The cliff, with a time", Reason, [["Beachy Head"], ["tonight", "later"]]),
        ]);

        Assert.Contains("local-cliff", rules.Assess("BEACHY HEAAAD 2nite").Matches.Select(m => m.RuleId));
        Assert.Contains("local-cliff", rules.Assess("l8r. béachy head").Matches.Select(m => m.RuleId));
        Assert.Contains("local-cliff", rules.Assess("going to beachyy head tonight").Matches.Select(m => m.RuleId));
        Assert.DoesNotContain("local-cliff", rules.Assess("Beachy Head was lovely last summer").Matches.Select(m => m.RuleId));
    }

    [Fact]
    public void ATeamCombination_NeedsOneTermOfEachGroup_InAnyOrder()
    {
        var rules = CrisisRuleSet.Default.With([
            CrisisRule.Combination("quarry", "The quarry, with an intention", Reason, [["the quarry"], ["going to", "want to"], ["alone", "on my own"]]),
        ]);

        Assert.Contains("quarry", rules.Assess("On my own. Going to the quarry").Matches.Select(m => m.RuleId));
        Assert.DoesNotContain("quarry", rules.Assess("going to the quarry with my brother").Matches.Select(m => m.RuleId));
    }

    [Fact]
    public void ATeamRule_CannotReuseTheIdOfADefaultRule_SoCannotSwitchOneOff()
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => CrisisRuleSet.Default.With([Viaduct("goodbye")]));

        Assert.Equal("Id", ex.Field);
        Assert.Contains("every team has", ex.Message);
    }

    [Fact]
    public void TwoTeamRules_WithOneId_AreRefused()
    {
        Assert.Equal("Id", FieldOf(() => CrisisRuleSet.Default.With([Viaduct(), Viaduct()])));
    }

    [Fact]
    public void With_AddsToACopy_LeavingTheDefaultsAsTheyWere()
    {
        var count = CrisisRuleSet.Default.Rules.Count;

        var rules = CrisisRuleSet.Default.With([Viaduct()]);

        Assert.Equal(count, CrisisRuleSet.Default.Rules.Count);
        Assert.Equal(count + 1, rules.Rules.Count);
        Assert.Equal([Viaduct()], rules.TeamRules);
        Assert.Equal(CrisisRuleSet.Default.Rules, rules.Rules.Take(count));
    }

    [Fact]
    public void ARule_KeepsItsPhrasesAsWritten_ForTheTeamPage()
    {
        var rule = CrisisRule.Phrase("  Local-Viaduct ", " Naming the viaduct ", Reason, ["  the viaduct ", "Beachy Head"]);

        Assert.Equal("local-viaduct", rule.Id);
        Assert.Equal("Naming the viaduct", rule.Name);
        Assert.Equal(CrisisRuleKind.Phrase, rule.Kind);
        Assert.Equal(["the viaduct", "Beachy Head"], rule.Phrases);
        Assert.Equal(rule, Viaduct());
    }

    [Fact]
    public void ACombination_KeepsItsGroupsAsWritten()
    {
        var rule = CrisisRule.Combination("quarry", "The quarry", Reason, [["the quarry"], ["tonight", "later"]]);

        Assert.Equal(CrisisRuleKind.Combination, rule.Kind);
        Assert.Equal(2, rule.Groups.Count);
        Assert.Equal(["tonight", "later"], rule.Groups[1]);
        Assert.Empty(rule.Phrases);
    }

    [Theory]
    [InlineData(null, "Naming the viaduct", Reason, "Id")]
    [InlineData(" ", "Naming the viaduct", Reason, "Id")]
    [InlineData("local viaduct", "Naming the viaduct", Reason, "Id")]
    [InlineData("local--viaduct", "Naming the viaduct", Reason, "Id")]
    [InlineData("local-viaduct", null, Reason, "Name")]
    [InlineData("local-viaduct", "Naming the viaduct", "", "Reason")]
    public void ARule_WithoutAGoodIdNameOrReason_IsRefusedAtThatField(string? id, string? name, string? reason, string field)
    {
        Assert.Equal(field, FieldOf(() => CrisisRule.Phrase(id, name, reason, ["the viaduct"])));
        Assert.Equal(field, FieldOf(() => CrisisRule.Combination(id, name, reason, [["the viaduct"], ["tonight"]])));
    }

    [Fact]
    public void ARule_WithAnOverlongNameOrReason_IsRefused()
    {
        Assert.Equal("Name", FieldOf(() => CrisisRule.Phrase("viaduct", new string('n', CrisisRule.MaxNameLength + 1), Reason, ["the viaduct"])));
        Assert.Equal("Reason", FieldOf(() => CrisisRule.Phrase("viaduct", "Viaduct", new string('r', CrisisRule.MaxReasonLength + 1), ["the viaduct"])));
    }

    [Fact]
    public void APhraseRule_WithNoPhrases_IsRefused()
    {
        Assert.Equal("Phrases", FieldOf(() => CrisisRule.Phrase("viaduct", "Viaduct", Reason, [])));
        Assert.Equal("Phrases", FieldOf(() => CrisisRule.Phrase("viaduct", "Viaduct", Reason, null)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void APhraseRule_WithAnEmptyPhrase_IsRefused_SayingSo(string? phrase)
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => CrisisRule.Phrase("viaduct", "Viaduct", Reason, ["the viaduct", phrase]));

        Assert.Equal("Phrases", ex.Field);
        Assert.Contains("empty", ex.Message);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("ok")]
    [InlineData("I'm")]
    [InlineData("b4")]
    [InlineData("10")]
    public void APhraseOfOneOrTwoLetters_IsRefused_BecauseItWouldMatchAlmostEveryMessage(string phrase)
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => CrisisRule.Phrase("viaduct", "Viaduct", Reason, [phrase]));

        Assert.Equal("Phrases", ex.Field);
        Assert.Contains("almost every message", ex.Message);
        Assert.Equal("Groups", FieldOf(() => CrisisRule.Combination("viaduct", "Viaduct", Reason, [["the viaduct"], [phrase]])));
    }

    [Theory]
    [InlineData("the")]
    [InlineData("I am")]
    [InlineData("going to")]
    [InlineData("10+")]
    public void APhraseRule_OfOnlyEverydayWordsOrANumber_IsRefused(string phrase)
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => CrisisRule.Phrase("viaduct", "Viaduct", Reason, [phrase]));

        Assert.Equal("Phrases", ex.Field);
        Assert.Contains("almost every message", ex.Message);
    }

    [Fact]
    public void EverydayWordsAndNumbers_AreAllowedInACombination_WhereAnotherGroupMustAlsoMatch()
    {
        var rule = CrisisRule.Combination("many-of-them", "Many of them", Reason, [["going to"], ["swallow"], ["10+"]]);

        var rules = CrisisRuleSet.Default.With([rule]);
        Assert.Contains("many-of-them", rules.Assess("going to swallow 40 of them").Matches.Select(m => m.RuleId));
        Assert.DoesNotContain("many-of-them", rules.Assess("going to swallow 4 of them").Matches.Select(m => m.RuleId));
    }

    [Theory]
    [InlineData("1+")]
    [InlineData("0+")]
    public void ANumberTerm_ThatWouldMatchAnyNumber_IsRefused(string term)
    {
        Assert.Equal("Groups", FieldOf(() => CrisisRule.Combination("many", "Many", Reason, [["taken"], [term]])));
    }

    [Theory]
    [InlineData("don't go", "dont go")]
    [InlineData("the viaduct", "The  Viaduct")]
    [InlineData("the viaduct", "the viaduct")]
    [InlineData("end it tonight", "end it 2nite")]
    public void TheSamePhraseTwice_HoweverSpelt_IsRefused(string first, string second)
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => CrisisRule.Phrase("viaduct", "Viaduct", Reason, [first, second]));

        Assert.Equal("Phrases", ex.Field);
        Assert.Contains("keep one", ex.Message);
    }

    [Fact]
    public void APhraseTooLongToAppearWordForWord_IsRefused()
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => CrisisRule.Phrase("viaduct", "Viaduct", Reason,
            ["if I ever go back to the viaduct on my own at night I think that would be it"]));

        Assert.Equal("Phrases", ex.Field);
        Assert.Contains("too long", ex.Message);
        Assert.Equal("Phrases", FieldOf(() => CrisisRule.Phrase("viaduct", "Viaduct", Reason, [new string('v', CrisisRule.MaxPhraseLength + 1)])));
    }

    [Fact]
    public void ACombination_WithFewerThanTwoGroups_IsRefused()
    {
        Assert.Equal("Groups", FieldOf(() => CrisisRule.Combination("viaduct", "Viaduct", Reason, [["the viaduct"]])));
        Assert.Equal("Groups", FieldOf(() => CrisisRule.Combination("viaduct", "Viaduct", Reason, null)));
    }

    [Fact]
    public void ACombination_WithAnEmptyGroup_IsRefused()
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => CrisisRule.Combination("viaduct", "Viaduct", Reason, [["the viaduct"], []]));

        Assert.Equal("Groups", ex.Field);
        Assert.Contains("Group 2", ex.Message);
    }

    [Fact]
    public void ACombination_WithTheSameWordsInTwoGroups_IsRefused_AsOneWordWouldSatisfyBoth()
    {
        Assert.Equal("Groups", FieldOf(() => CrisisRule.Combination("viaduct", "Viaduct", Reason, [["the viaduct", "tonight"], ["tonite"]])));
    }

    [Fact]
    public void ACombination_WithTooManyGroups_IsRefused()
    {
        Assert.Equal("Groups", FieldOf(() => CrisisRule.Combination("viaduct", "Viaduct", Reason,
            [["the viaduct"], ["tonight"], ["going to"], ["alone"], ["again"]])));
    }
}
