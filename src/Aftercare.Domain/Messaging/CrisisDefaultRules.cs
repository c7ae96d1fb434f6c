namespace Aftercare.Domain.Messaging;

/// <summary>
/// The crisis rules every team has. They are written the way people write to their practitioner,
/// and lean towards flagging: a false alert costs the duty practitioner a minute, a missed one can
/// cost a life (hazard H50). Contractions, text speak, misspellings and drawn-out letters are
/// handled once by <see cref="CrisisText"/>, so each phrase is written here once, plainly.
/// Where a negation itself carries the danger ("don't want to be alive", "can't go on"), the
/// negated words are the phrase; no negation anywhere removes a match (decision 0012).
/// </summary>
internal static class CrisisDefaultRules
{
    /// <summary>
    /// Means of harm. Bare "tablets", "pills" and "train" are left out on purpose: people take
    /// their prescribed tablets and travel to appointments by train every day, and flagging each
    /// such message would bury the real alerts. A quantity of medicine is a means.
    /// </summary>
    private static readonly string[] Means =
    [
        "overdose", "paracetamol", "co-codamol", "all my tablets", "all my pills", "all my meds", "all my medication",
        "all of my tablets", "all of my pills", "all the tablets", "all the pills", "whole box", "whole packet",
        "whole bottle", "10+ tablets", "10+ pills", "sleeping pills", "sleeping tablets",
        "rope", "noose", "ligature", "hang myself", "hanging myself",
        "off the bridge", "off a bridge", "from the bridge", "from a bridge", "to the bridge", "jump", "jumping",
        "in front of a train", "under a train", "train tracks", "railway line", "the tracks",
        "knife", "knives", "blade", "blades", "razor", "razors", "cut", "cutting",
        "hurt myself", "hurting myself", "harm myself", "harming myself", "self harm", "burn myself",
        "bleach", "antifreeze", "poison", "gun", "drown", "end it", "kill myself",
    ];

    private static readonly string[] Times =
    [
        "tonight", "today", "now", "tomorrow", "this weekend", "this week", "this evening", "this afternoon",
        "this morning", "last night", "later", "soon", "in an hour", "in a bit", "at midnight",
        "when everyone is asleep", "when everyone's asleep", "before anyone",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ];

    private static readonly string[] Intentions =
    [
        "going to", "will", "plan to", "planning to", "planning on", "ready to", "want to", "about to",
        "intend to", "decided to", "thinking of", "thinking about", "urge to", "urges to",
    ];

    public static readonly IReadOnlyList<CrisisRule> All =
    [
        CrisisRule.Phrase("suicidal-intent", "Speaking of ending their life",
            "The message speaks of killing themselves or ending their life, which can mean an intention to act.",
            [
                "kill myself", "killing myself", "killed myself", "end my life", "ending my life", "end my own life",
                "take my life", "take my own life", "taking my own life", "end it all", "ending it all",
                "want to end it", "going to end it", "end myself", "off myself", "top myself", "topping myself",
                "do myself in", "doing myself in", "neck myself", "unalive", "unalive myself", "suicide", "suicidal",
            ]),

        CrisisRule.Phrase("wish-to-die", "Wanting to die or not to wake up",
            "The message says they want to die, not to wake up or not to be alive, which can mean thoughts of suicide.",
            [
                "want to die", "wanting to die", "wanted to die", "waiting to die", "ready to die", "wish i was dead",
                "wish i were dead", "wish i could die", "wish i had died", "wish i died", "wish i was never born",
                "want to be dead", "better off dead", "rather be dead", "want it to be over", "want it all to end",
                "want it to end", "want everything to stop", "want it all to stop", "wish it was over",
                "don't want to wake up", "never want to wake up", "hope i don't wake up", "hope i never wake up", "never wake up",
                "sleep forever", "don't want to be alive", "don't want to live", "don't want to be here any more",
                "don't want to exist", "don't want to be around any more", "tired of being alive", "tired of living",
                "sick of living", "sick of being alive",
            ]),

        CrisisRule.Phrase("cannot-go-on", "Saying they cannot go on",
            "The message says they cannot go on or see no way out, which can come before an attempt on their life.",
            [
                "can't go on", "can't carry on", "can't do this any more", "can't take it any more", "can't take any more",
                "can't cope any more", "can't keep going", "can't live like this", "no way out", "no point any more",
                "no point in anything", "no point going on", "nothing to live for", "no reason to live", "no point living",
                "no point in living", "not worth living", "given up on life", "giving up on life", "give up on life",
                "no hope left", "there's no hope", "done with life", "done with everything", "had enough of life",
                "had enough of everything", "can't see a future",
            ]),

        CrisisRule.Phrase("burden", "Feeling a burden to others",
            "The message says others would be better off without them, a recognised warning sign of suicide.",
            [
                "better off without me", "better off if i was gone", "better off if i wasn't here", "better off if i were gone",
                "better off when i'm gone", "be better without me", "i'm a burden", "such a burden", "a burden to everyone",
                "a burden on everyone", "burden to my family", "no one would miss me", "nobody would miss me",
                "no one will miss me", "nobody will miss me", "no one would care if i", "nobody would care if i",
                "no one would notice if i", "nobody would notice if i",
            ]),

        CrisisRule.Phrase("goodbye", "Saying goodbye",
            "The message says goodbye in a way that can mean an intention to die.",
            [
                "goodbye", "this is goodbye", "goodbye forever", "bye forever", "final goodbye", "last goodbye",
                "saying goodbye", "say goodbye", "farewell", "my last message", "this is my last",
                "by the time you read this", "when i'm gone", "after i'm gone", "once i'm gone",
                "won't be around much longer", "won't be here much longer", "won't be here tomorrow",
                "won't be here any more", "won't be around any more", "not be here much longer",
                "never see you again", "won't see you again", "won't hear from me again", "see you on the other side",
            ]),

        CrisisRule.Phrase("final-arrangements", "Putting their affairs in order",
            "The message gives things away, asks someone to look after what is theirs or speaks of a note or a will, as people sometimes do before ending their life.",
            [
                "look after my", "take care of my", "giving away my", "gave away my", "given away my", "give away my",
                "giving my things away", "given my things away", "want you to have my", "left a note", "leaving a note",
                "written a note", "wrote a note", "writing a note", "written my will", "wrote my will", "made my will",
                "my affairs in order", "sorted everything out for", "tell my mum i love her", "tell my family i love them",
                "tell them i love them", "tell my kids i love them", "tell my children i love them", "please forgive me",
                "sorry for what i'm about to do", "sorry for everything",
            ]),

        CrisisRule.Combination("thanks-and-farewell", "Thanking everyone as a farewell",
            "The message thanks people in a way that sounds final, as people sometimes do before ending their life.",
            [
                [
                    "thank you for everything", "thanks for everything", "thank you for all", "thanks for all",
                    "thank everyone", "thanks everyone", "thank you all", "thanks all", "love you all",
                    "grateful for everything", "sorry for everything",
                ],
                [
                    "goodbye", "bye", "farewell", "forever", "final", "never", "gone", "any more", "no longer",
                    "last message", "my last", "remember me", "look after yourself", "take care of yourself",
                ],
            ]),

        CrisisRule.Phrase("plan-or-means-ready", "Having a plan or the means ready",
            "The message says they have planned how or when, or have the means ready, which can mean they are close to acting.",
            [
                "got it all planned", "have it all planned", "planned it all", "planned how", "planned when",
                "know how i'm going to do it", "know how i would do it", "know how to do it", "worked out how",
                "decided how", "decided when", "picked a date", "got the pills ready", "got the tablets ready",
                "got everything ready", "bought a rope", "got a rope", "bought rope", "bought a knife",
                "bought razor blades", "stockpiling", "stockpiled", "saving up my tablets", "saving up my pills",
                "saving my tablets", "saving my pills", "saved up my tablets", "saved my tablets", "hoarding my tablets",
                "hoarding my pills",
            ]),

        CrisisRule.Phrase("method-named", "Naming a way to end their life",
            "The message names a way of ending their life, which can mean they have thought about how.",
            [
                "hang myself", "hanging myself", "noose", "jump off a bridge", "jump off the bridge", "jump off a building",
                "jump off the roof", "jump off a cliff", "in front of a train", "under a train", "on the train tracks",
                "slit my wrists", "cut my wrists", "cut my throat", "shoot myself", "drown myself", "poison myself",
                "gas myself", "walk into the sea", "throw myself off", "throw myself in front", "step in front of",
            ]),

        CrisisRule.Combination("means-with-time", "A means of harm, with a time",
            "The message names a means of harming themselves together with a time, which can mean a plan to act soon.",
            [Means, Times]),

        CrisisRule.Combination("means-with-intention", "A means of harm, with an intention",
            "The message names a means of harming themselves together with an intention to use it.",
            [Means, Intentions]),

        CrisisRule.Combination("already-taken", "Saying they have already taken something",
            "The message says they have already taken a lot of medicine or something harmful, which can need urgent medical help.",
            [
                ["taken", "took", "swallowed", "necked", "downed", "drank"],
                [
                    "all my tablets", "all my pills", "all my meds", "all my medication", "all my painkillers",
                    "all my antidepressants", "all of my tablets", "all of my pills", "all the tablets", "all the pills",
                    "all of them", "the lot", "whole box", "whole packet", "whole pack", "whole bottle", "whole strip",
                    "loads of", "a load of", "lots of", "too many", "handful", "box of", "boxes of", "packet of",
                    "packets of", "bottle of", "strip of", "strips of", "every tablet", "every pill", "10+ tablets",
                    "10+ pills", "10+ of", "overdose", "paracetamol", "co-codamol", "sleeping pills", "sleeping tablets",
                    "bleach", "antifreeze", "poison",
                ],
            ]),

        CrisisRule.Phrase("overdose", "Speaking of an overdose",
            "The message speaks of an overdose, which may already have been taken and need urgent medical help.",
            ["overdose", "overdosed", "overdosing"]),

        CrisisRule.Phrase("already-hurt", "Saying they are hurt now",
            "The message says they have hurt themselves, or done something they do not name, and may need urgent help now.",
            [
                "cut too deep", "won't stop bleeding", "can't stop the bleeding", "can't stop bleeding", "so much blood",
                "lot of blood", "losing blood", "blood everywhere", "done something stupid", "did something stupid",
                "done something silly", "did something silly", "done something bad", "i've hurt myself", "hurt myself again",
                "hurt myself badly", "cut myself again", "cut myself badly", "burnt myself", "burned myself",
                "need an ambulance",
            ]),
    ];
}
