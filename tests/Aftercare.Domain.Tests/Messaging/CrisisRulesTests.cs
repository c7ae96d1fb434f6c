using System.Collections;
using Aftercare.Domain.Messaging;

namespace Aftercare.Domain.Tests.Messaging;

/// <summary>
/// M12: a message that may signal immediate danger is put in front of the practitioner on duty,
/// with the reason. False positives are cheap; a missed alert is hazard H50.
/// </summary>
public class CrisisRulesTests
{
    private static readonly CrisisRuleSet Rules = CrisisRuleSet.Default;

    private static void AssertFlaggedBy(string message, string ruleId)
    {
        var assessment = Rules.Assess(message);
        Assert.True(assessment.MayBeDanger, $"Not flagged: {message}");
        Assert.Contains(ruleId, assessment.Matches.Select(m => m.RuleId));
    }

    private static void AssertNotFlagged(string message)
    {
        var assessment = Rules.Assess(message);
        Assert.False(assessment.MayBeDanger, $"Flagged: {message} ({string.Join(", ", assessment.Matches.Select(m => $"{m.RuleId}: {string.Join(" | ", m.Words.Select(w => w.Text))}"))})");
        Assert.Empty(assessment.Matches);
    }

    [Theory]
    [InlineData("I'm going to kill myself", "suicidal-intent")]
    [InlineData("I want to end my life", "suicidal-intent")]
    [InlineData("I keep thinking about suicide", "suicidal-intent")]
    [InlineData("I'm going to do myself in", "suicidal-intent")]
    [InlineData("honestly think I'll top myself this time", "suicidal-intent")]
    [InlineData("I want to unalive myself", "suicidal-intent")]
    [InlineData("I'm going to hang myself", "method-named")]
    [InlineData("I keep thinking I should jump off the bridge", "method-named")]
    public void Assess_WhenSuicidalIntentIsStated_MayBeDanger(string message, string ruleId) => AssertFlaggedBy(message, ruleId);

    [Theory]
    [InlineData("I'm going to take all my tablets tonight")]
    [InlineData("I want to cut myself tonight")]
    [InlineData("knife is in my bag. doing it later")]
    [InlineData("the rope is in the shed, this weekend")]
    [InlineData("Tomorrow. The bridge. Off the bridge")]
    [InlineData("its all planned for tonight, ive got paracetamol")]
    [InlineData("Friday I'm going down the train tracks")]
    public void Assess_WhenAPlanAndATimeAreBothNamed_MayBeDanger(string message) => AssertFlaggedBy(message, "means-with-time");

    [Theory]
    [InlineData("I've got a rope and I'm ready to do it")]
    [InlineData("I'm going to jump")]
    [InlineData("I will drink the bleach")]
    [InlineData("I'm planning to use the razor blades")]
    [InlineData("the urge to cut is so strong")]
    public void Assess_WhenAMeansAndAnIntentionAreBothNamed_MayBeDanger(string message) => AssertFlaggedBy(message, "means-with-intention");

    [Fact]
    public void Assess_ACombination_NeedsATermFromEveryGroup()
    {
        AssertNotFlagged("See you tonight");
        AssertNotFlagged("There was a knife on the kitchen floor");
        AssertFlaggedBy("There was a knife on the kitchen floor and I am using it tonight", "means-with-time");
    }

    [Fact]
    public void Assess_ACombination_MatchesAnywhereInTheMessage_InAnyOrder()
    {
        var message = "Tonight. " + string.Join(" ", Enumerable.Repeat("I have been thinking about everything that happened at work.", 40)) + " I have the rope.";

        AssertFlaggedBy(message, "means-with-time");
    }

    [Theory]
    [InlineData("This is goodbye", "goodbye")]
    [InlineData("goodbye everyone", "goodbye")]
    [InlineData("by the time you read this I'll be gone", "goodbye")]
    [InlineData("I won't be here tomorrow", "goodbye")]
    [InlineData("Thank you for everything. I won't need you any more", "thanks-and-farewell")]
    [InlineData("thanks for everything, remember me", "thanks-and-farewell")]
    [InlineData("Please look after my dog for me", "final-arrangements")]
    [InlineData("I've given away my things, I want you to have my guitar", "final-arrangements")]
    [InlineData("I've written a note for my mum", "final-arrangements")]
    [InlineData("sorry for everything. tell my kids i love them", "final-arrangements")]
    public void Assess_WhenTheMessageSaysGoodbyeOrPutsAffairsInOrder_MayBeDanger(string message, string ruleId) => AssertFlaggedBy(message, ruleId);

    [Theory]
    [InlineData("I've taken all my tablets", "already-taken")]
    [InlineData("i've taken 30 paracetamol", "already-taken")]
    [InlineData("I've taken twenty tablets", "already-taken")]
    [InlineData("I took a whole box of sertraline", "already-taken")]
    [InlineData("swallowed the lot", "already-taken")]
    [InlineData("I took an overdose an hour ago", "overdose")]
    [InlineData("I think I od'd", "overdose")]
    [InlineData("I cut too deep and it won't stop bleeding", "already-hurt")]
    [InlineData("I did something stupid", "already-hurt")]
    public void Assess_WhenSomethingHasAlreadyBeenTakenOrDone_MayBeDanger(string message, string ruleId) => AssertFlaggedBy(message, ruleId);

    [Theory]
    [InlineData("I just want to die", "wish-to-die")]
    [InlineData("I wish I was dead", "wish-to-die")]
    [InlineData("I hope I don't wake up tomorrow", "wish-to-die")]
    [InlineData("I'm so tired of being alive", "wish-to-die")]
    [InlineData("There's no point in living", "cannot-go-on")]
    [InlineData("I've got nothing to live for", "cannot-go-on")]
    [InlineData("Everyone would be better off without me", "burden")]
    [InlineData("Nobody would miss me if I was gone", "burden")]
    [InlineData("I've got it all planned", "plan-or-means-ready")]
    [InlineData("I've been saving up my tablets", "plan-or-means-ready")]
    public void Assess_WhenHopelessnessIsStatedAsWantingToDieOrNotToWakeUp_MayBeDanger(string message, string ruleId) => AssertFlaggedBy(message, ruleId);

    [Theory]
    [InlineData("I've been thinking about sucide a lot", "suicidal-intent")]
    [InlineData("suicde", "suicidal-intent")]
    [InlineData("I feel so suisidal", "suicidal-intent")]
    [InlineData("I want to kill myslef", "suicidal-intent")] // two letters swapped: one slip
    [InlineData("going to kil myself", "suicidal-intent")]
    [InlineData("I think I'll overdos", "overdose")]
    [InlineData("I've taken 16 paracetomol", "already-taken")]
    [InlineData("going to take all my tabelts tonite", "means-with-time")]
    [InlineData("tired of bieng alive", "wish-to-die")] // a swap inside the phrase
    [InlineData("I'm a burdne to everyone", "burden")]
    [InlineData("goodbey", "goodbye")]
    public void Assess_WhenAKeyWordIsMisspelt_StillMayBeDanger(string message, string ruleId) => AssertFlaggedBy(message, ruleId);

    [Theory]
    [InlineData("i want to kms", "suicidal-intent")]
    [InlineData("gonna jump off the bridge 2nite", "means-with-time")]
    [InlineData("i wanna die lol", "wish-to-die")]
    [InlineData("gonna swallow all my pills tmrw", "means-with-intention")]
    [InlineData("thx for everything. bye 4ever", "thanks-and-farewell")]
    [InlineData("imma end it all", "suicidal-intent")]
    [InlineData("u won't hear from me again", "goodbye")]
    [InlineData("sewer slide", "suicidal-intent")]
    public void Assess_WhenWrittenInTextSpeak_StillMayBeDanger(string message, string ruleId) => AssertFlaggedBy(message, ruleId);

    [Theory]
    [InlineData("I don't want to be alive")]
    [InlineData("I dont want to be alive")]
    [InlineData("I do not want to be alive")]
    [InlineData("I DON’T WANT TO BE ALIVE")]
    [InlineData("i dont even want to be alive")]
    public void Assess_WhenAContractionIsWrittenWithOrWithoutItsApostrophe_MatchesAlike(string message) => AssertFlaggedBy(message, "wish-to-die");

    [Theory]
    [InlineData("I can’t go on")]
    [InlineData("I CANT GO ON")]
    [InlineData("I cannot go on")]
    [InlineData("i can not go on")]
    [InlineData("I can‘t go on")]
    public void Assess_WhenCantIsWrittenAnyWay_MatchesAlike(string message) => AssertFlaggedBy(message, "cannot-go-on");

    [Theory]
    [InlineData("Ｉ ｗａｎｔ ｔｏ ｄｉｅ")] // full-width letters
    [InlineData("𝓲 𝔀𝓪𝓷𝓽 𝓽𝓸 𝓭𝓲𝓮")] // decorative letters some phones offer
    [InlineData("I want to díe")] // an accent
    [InlineData("I want to di\u0301e")] // a decomposed accent (combining acute)
    [InlineData("I WANT TO DIE")]
    [InlineData("I want... to... die!!!")]
    [InlineData("I want\nto die")]
    [InlineData("I want to d\u00ADie")] // a soft hyphen copied in from elsewhere
    public void Assess_WhenLettersAreFullWidthDecoratedAccentedOrPunctuated_MatchesAlike(string message) => AssertFlaggedBy(message, "wish-to-die");

    [Theory]
    [InlineData("💔I want to die💔", "wish-to-die")]
    [InlineData("kill myself😭😭", "suicidal-intent")]
    [InlineData("😭i cant go on😭", "cannot-go-on")]
    [InlineData("🙂 goodbye 🙂", "goodbye")]
    [InlineData("🔪 tonight", "means-with-time")] // a knife shown as an emoji
    public void Assess_WhenEmojiSurroundTheWords_StillMayBeDanger(string message, string ruleId) => AssertFlaggedBy(message, ruleId);

    [Theory]
    [InlineData("goodbyeeee everyone", "goodbye")]
    [InlineData("kilLLLL myself", "suicidal-intent")]
    [InlineData("i just wanna dieeeee", "wish-to-die")]
    [InlineData("I'm sooooo tired of living", "wish-to-die")]
    public void Assess_WhenLettersAreDrawnOut_StillMayBeDanger(string message, string ruleId) => AssertFlaggedBy(message, ruleId);

    [Theory]
    [InlineData("I don't want to be alive anymore", "wish-to-die")]
    [InlineData("I can't go on", "cannot-go-on")]
    [InlineData("I won't be around much longer", "goodbye")]
    [InlineData("no one would miss me", "burden")]
    [InlineData("I never want to wake up again", "wish-to-die")]
    [InlineData("There's no reason to live", "cannot-go-on")]
    public void Assess_WhenANegationCarriesTheDanger_MayBeDanger(string message, string ruleId) => AssertFlaggedBy(message, ruleId);

    [Theory]
    [InlineData("I'm not going to kill myself... yet", "suicidal-intent")]
    [InlineData("I'm not suicidal, honestly", "suicidal-intent")]
    [InlineData("I won't take all my tablets tonight, promise", "means-with-time")]
    [InlineData("I don't want to die but I can't carry on", "cannot-go-on")]
    [InlineData("I'd never overdose", "overdose")]
    public void Assess_WhenANegationComesBeforeDangerWords_ItNeverSuppressesTheMatch(string message, string ruleId) => AssertFlaggedBy(message, ruleId);

    /// <summary>Ordinary messages a liaison team receives: none of them raises a duty alert.</summary>
    [Theory]
    [InlineData("I took my tablets this morning like the doctor said")]
    [InlineData("the train was late")]
    [InlineData("I'm getting the train tomorrow to the appointment")]
    [InlineData("I could kill for a coffee")]
    [InlineData("This job is killing me")]
    [InlineData("I'm dying to see the new film")]
    [InlineData("I'm dead tired")]
    [InlineData("Can I take painkillers with my new tablets?")]
    [InlineData("I'll take my tablets tonight")]
    [InlineData("I've taken 2 tablets for the headache")]
    [InlineData("My mum will collect my pills tomorrow")]
    [InlineData("Is it ok to take 10 tablets a day? thats what the pharmacist said")]
    [InlineData("Bridge club tonight was lovely")]
    [InlineData("Thanks for all your help, see you next week")]
    [InlineData("Thank you for everything, see you at the session on Tuesday")]
    [InlineData("Can I change my appointment to Thursday?")]
    [InlineData("I went for a walk today and felt a bit better")]
    [InlineData("The session helped, I'm going to try the breathing exercise tonight")]
    [InlineData("I'm going to my mum's tonight")]
    [InlineData("I've been hanging out with friends tonight")]
    [InlineData("I've been cutting down on drinking")]
    [InlineData("I haven't hurt myself in weeks")]
    [InlineData("I don't want to go to the group tonight")]
    [InlineData("My prescription is ready to collect today")]
    [InlineData("Please can you send me the number for the crisis team?")]
    [InlineData("My sister is getting married this weekend, I'm nervous")]
    [InlineData("It took all my courage to come to the appointment")]
    [InlineData("it took me 20 minutes to get there")]
    [InlineData("Sorry, I'll be late for the session tomorrow")]
    [InlineData("I had a good day today 😊")]
    [InlineData("kmsl 😂")] // "killing myself laughing": British text speak for laughter
    public void Assess_EverydayMessages_AreNotFlagged(string message) => AssertNotFlagged(message);

    [Theory]
    [InlineData("I need to skill myself up for the new job")] // "skill" is not "kill"
    [InlineData("Are these painkillers ok with my other meds?")] // "painkillers" holds "kill"
    [InlineData("I'm going to the Ropewalk tonight")] // a street called "Ropewalk" holds "rope"
    [InlineData("The cutlery drawer is stuck again today")] // "cutlery" holds "cut"
    public void Assess_MatchesWholeWords_NotWordsInsideOtherWords(string message)
    {
        var assessment = Rules.Assess(message);

        Assert.DoesNotContain(assessment.Matches, m => m.RuleId is "suicidal-intent" or "means-with-time" or "means-with-intention");
    }

    [Fact]
    public void Assess_AWordBetweenHyphensOrSlashes_IsStillAWholeWord()
    {
        AssertFlaggedBy("so-called suicide-prevention training", "suicidal-intent");
        AssertFlaggedBy("tablets/overdose/whatever", "overdose");
    }

    [Theory]
    [InlineData("I will kiss my cat tonight")] // "kiss" is one letter from "kill", too short to be read as it
    [InlineData("My cat is ill today")] // "cat" and "cut"
    [InlineData("I have hope tonight")] // "hope" and "rope"
    [InlineData("I'm having fun tonight")] // "fun" and "gun"
    [InlineData("I'll pump up the tyres later")] // "pump" and "jump"
    [InlineData("The cute puppy made me smile today")] // "cute" and "cut"
    [InlineData("There was gum on my shoe tonight")] // "gum" and "gun"
    [InlineData("I rode my bike tonight")] // "rode" and "rope": same first letter, but four letters are too few to guess from
    [InlineData("I'm a bit jumpy today")] // "jumpy" and "jump"
    [InlineData("the train was late")] // "late" is not "later": a four-letter word is not read as a slip
    public void Assess_ShortWords_DoNotFuzzIntoFalseMatches(string message) => AssertNotFlagged(message);

    [Theory]
    [InlineData("The noise outside kept me up")] // noise / noose
    [InlineData("We're going to the beach tomorrow")] // beach / bleach
    [InlineData("My brother is in prison, I'm visiting Friday")] // prison / poison
    [InlineData("It takes all my energy to get up")] // takes / taken
    [InlineData("I'll have a lager later")] // lager / later
    [InlineData("I've drawn a picture today")] // drawn / drown
    [InlineData("I'm getting my hair bleached tomorrow")] // bleached / bleach
    [InlineData("Don't blame yourself, it's going to be ok")] // blame / blade
    public void Assess_OrdinaryWordsOneLetterFromAKeyWord_AreNotReadAsMisspellings(string message) => AssertNotFlagged(message);

    [Theory]
    [InlineData("I'm putting the kids to bed now")] // putting / cutting
    [InlineData("My shoelace came loose")] // loose / noose
    [InlineData("I'll wear my brown coat tomorrow")] // brown / drown
    [InlineData("I cut my finger and ran it under cold water")] // water / later
    [InlineData("My brain is fried today")]
    [InlineData("I can't pay my bills tonight")]
    public void Assess_ASlipKeepsTheFirstLetter_SoOrdinaryWordsAreNotReadAsKeyWords(string message) => AssertNotFlagged(message);

    [Fact]
    public void Assess_ABridgeClub_IsNotABridge_ButJumpingOffTheBridgeIs()
    {
        AssertNotFlagged("Bridge club tonight, then home");
        AssertNotFlagged("I walked over the bridge to the clinic today");
        AssertFlaggedBy("I'm going to jump off the bridge", "method-named");
        AssertFlaggedBy("I'm going to the bridge tonight", "means-with-time");
    }

    [Fact]
    public void Assess_ANumberOfTabletsTenOrMore_IsAQuantity_ButTwoIsADose()
    {
        AssertFlaggedBy("I've taken 12 tablets", "already-taken");
        AssertFlaggedBy("I've taken fifty pills", "already-taken");
        AssertNotFlagged("I've taken 2 tablets");
    }

    /// <summary>
    /// Flagged though harmless: each is accepted because the same words, in other hands, are the
    /// message that must not be missed, and a practitioner reading it costs a minute.
    /// </summary>
    [Theory]
    [InlineData("I'm going to cut my hair tomorrow", "means-with-time")] // "cut" is how many people name self-harm
    [InlineData("goodbye, see you Tuesday", "goodbye")] // a final message often says no more than goodbye
    [InlineData("I took paracetamol for my headache", "already-taken")] // paracetamol is the commonest overdose in the UK
    [InlineData("My friend died by suicide last year, it's the anniversary", "suicidal-intent")] // bereavement by suicide is itself a time to check in
    [InlineData("I nearly killed myself laughing", "suicidal-intent")]
    [InlineData("I didn't self harm today!", "means-with-time")] // a negation never suppresses; the practitioner answers with praise
    [InlineData("Can I overdose on sertraline if I take two?", "overdose")] // a question about overdose deserves a prompt human answer
    public void Assess_AcceptedFalsePositives_AreFlagged_BecauseAMissedAlertCostsMore(string message, string ruleId) => AssertFlaggedBy(message, ruleId);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("😀😀👍")]
    [InlineData("...!?")]
    public void Assess_AnEmptyOrWordlessMessage_FindsNothing(string? message)
    {
        var assessment = Rules.Assess(message);

        Assert.False(assessment.MayBeDanger);
        Assert.Empty(assessment.Matches);
    }

    [Fact]
    public void Assess_AVeryLongMessage_FindsTheDangerAtItsEnd_AndAnOrdinaryOneFindsNothing()
    {
        var ordinary = string.Join(" ", Enumerable.Repeat("I went for a walk with my sister and we talked about the appointment next week.", 2500));

        AssertNotFlagged(ordinary);
        var assessment = Rules.Assess(ordinary + " I have taken all my tablets");
        Assert.Contains("already-taken", assessment.Matches.Select(m => m.RuleId));
        var words = assessment.Matches.Single(m => m.RuleId == "already-taken").Words;
        Assert.Equal(["taken", "all my tablets"], words.Select(w => w.Text));
    }

    [Fact]
    public void AMatch_ShowsTheRulesIdNameAndReason_AndThePersonsOwnWordsAsWritten()
    {
        var message = "honestly I CAN’T go on like this x";

        var match = Assert.Single(Rules.Assess(message).Matches);

        var rule = Rules.Rules.Single(r => r.Id == "cannot-go-on");
        Assert.Equal(("cannot-go-on", rule.Name, rule.Reason), (match.RuleId, match.RuleName, match.Reason));
        var words = Assert.Single(match.Words);
        Assert.Equal("CAN’T go on", words.Text);
        Assert.Equal(words.Text, message.Substring(words.Start, words.Length));
    }

    [Fact]
    public void ACombinationsMatch_ShowsTheWordsOfEachGroup_InTheOrderWritten()
    {
        var message = "gonna do it 2nite. got the rope";

        var match = Rules.Assess(message).Matches.Single(m => m.RuleId == "means-with-time");

        Assert.Equal(["2nite", "rope"], match.Words.Select(w => w.Text));
        Assert.All(match.Words, w => Assert.Equal(w.Text, message.Substring(w.Start, w.Length)));
    }

    [Fact]
    public void AMatch_ShowsWordsInsideALongerMatchOnce_WithinIt()
    {
        var match = Rules.Assess("This is goodbye").Matches.Single(m => m.RuleId == "goodbye");

        Assert.Equal(["This is goodbye"], match.Words.Select(w => w.Text));
    }

    [Fact]
    public void Matches_AreInTheOrderOfTheRuleSet_NotRankedByAnyMeasure()
    {
        var assessment = Rules.Assess("I took an overdose. This is goodbye. I don't want to be alive");

        var order = Rules.Rules.Select(r => r.Id).ToList();
        var ids = assessment.Matches.Select(m => m.RuleId).ToList();
        Assert.Equal(["wish-to-die", "goodbye", "means-with-intention", "already-taken", "overdose"], ids);
        Assert.Equal(ids.OrderBy(order.IndexOf), ids);
    }

    [Fact]
    public void TheAssessment_CarriesNoScoreNoWeightAndNoRanking()
    {
        // NICE NG225: no risk prediction. Only yes/no, the rules and the person's words.
        Type[] explained = [typeof(CrisisAssessment), typeof(CrisisMatch), typeof(CrisisRule)];
        var numeric = explained
            .SelectMany(t => t.GetProperties().Select(p => (t, p)))
            .Where(x => x.p.PropertyType != typeof(bool) && x.p.PropertyType != typeof(string)
                && x.p.PropertyType != typeof(CrisisRuleKind) && !typeof(IEnumerable).IsAssignableFrom(x.p.PropertyType))
            .Select(x => $"{x.t.Name}.{x.p.Name}")
            .ToList();

        Assert.Empty(numeric);
    }

    /// <summary>Each default rule, with a message a liaison team would recognise that proves it fires.</summary>
    private static readonly Dictionary<string, string> ProofOfEachDefaultRule = new()
    {
        ["suicidal-intent"] = "I'm going to kill myself",
        ["wish-to-die"] = "I want to die",
        ["cannot-go-on"] = "I can't go on",
        ["burden"] = "everyone would be better off without me",
        ["goodbye"] = "this is goodbye",
        ["final-arrangements"] = "please look after my cat",
        ["thanks-and-farewell"] = "thanks for everything, goodbye",
        ["plan-or-means-ready"] = "I've been stockpiling my tablets",
        ["method-named"] = "I keep thinking about hanging myself",
        ["means-with-time"] = "the knife. tonight.",
        ["means-with-intention"] = "I'm going to jump",
        ["already-taken"] = "I've swallowed all my pills",
        ["overdose"] = "I've overdosed",
        ["already-hurt"] = "I cut too deep",
    };

    [Fact]
    public void EveryDefaultRule_HasAMessageThatProvesItFires()
    {
        Assert.Equal(ProofOfEachDefaultRule.Keys.Order(), Rules.Rules.Select(r => r.Id).Order());
        Assert.All(ProofOfEachDefaultRule, proof => AssertFlaggedBy(proof.Value, proof.Key));
    }

    [Fact]
    public void TheDefaultRules_EachHaveAStableIdAShortNameAndAOneSentenceReason()
    {
        Assert.Equal(Rules.Rules.Count, Rules.Rules.Select(r => r.Id).Distinct().Count());
        Assert.All(Rules.Rules, r =>
        {
            Assert.Matches("^[a-z]+(-[a-z]+)*$", r.Id);
            Assert.InRange(r.Name.Length, 5, 40);
            Assert.StartsWith("The message ", r.Reason);
            Assert.EndsWith(".", r.Reason);
            Assert.Equal(1, r.Reason.Count(c => c == '.'));
        });
        Assert.Empty(Rules.TeamRules);
    }
}
