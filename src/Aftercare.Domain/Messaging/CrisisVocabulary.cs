namespace Aftercare.Domain.Messaging;

/// <summary>
/// The ways people write the same words in a message: contractions with and without their
/// apostrophe, text speak, common misspellings of the words the crisis rules look for, words
/// split in two, and the few emoji that stand for a means of harm. Messages and rule phrases are
/// both read through it, so a phrase a team writes as "don't want to be here" also finds
/// "dont want to be here" and "do not want to be here". It is kept as data in one place so a
/// clinician can review it with the rules (decision 0012).
/// </summary>
internal static class CrisisVocabulary
{
    /// <summary>A word as written (lower case, accents off, apostrophe kept) and what it stands for.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Words = Build(new Dictionary<string, string>
    {
        // Contractions: written out in full, so every spelling of a negation reads the same.
        ["can't"] = "can not",
        ["cant"] = "can not",
        ["cannot"] = "can not",
        ["won't"] = "will not",
        ["wont"] = "will not",
        ["shan't"] = "shall not",
        ["ain't"] = "is not",
        ["aint"] = "is not",
        ["dont"] = "do not",
        ["didnt"] = "did not",
        ["doesnt"] = "does not",
        ["isnt"] = "is not",
        ["wasnt"] = "was not",
        ["werent"] = "were not",
        ["arent"] = "are not",
        ["couldnt"] = "could not",
        ["wouldnt"] = "would not",
        ["shouldnt"] = "should not",
        ["havent"] = "have not",
        ["hasnt"] = "has not",
        ["hadnt"] = "had not",
        ["im"] = "i am",
        ["ive"] = "i have",
        ["youre"] = "you are",
        ["theyre"] = "they are",
        ["thats"] = "that is",
        ["theres"] = "there is",
        ["whats"] = "what is",
        ["hes"] = "he is",
        ["shes"] = "she is",
        ["it's"] = "it is",
        ["that's"] = "that is",
        ["there's"] = "there is",
        ["what's"] = "what is",
        ["he's"] = "he is",
        ["she's"] = "she is",
        ["let's"] = "let us",
        ["here's"] = "here is",
        ["itll"] = "it will",
        ["youll"] = "you will",
        ["theyll"] = "they will",
        ["youve"] = "you have",
        ["weve"] = "we have",
        ["theyve"] = "they have",
        ["wouldve"] = "would have",
        ["couldve"] = "could have",
        ["shouldve"] = "should have",
        ["idk"] = "i do not know",
        ["dunno"] = "do not know",
        ["idc"] = "i do not care",
        ["goin"] = "going",
        ["nothin"] = "nothing",
        ["somethin"] = "something",
        ["doin"] = "doing",

        // Text speak.
        ["u"] = "you",
        ["r"] = "are",
        ["ur"] = "your",
        ["n"] = "and",
        ["ppl"] = "people",
        ["b4"] = "before",
        ["2"] = "to",
        ["4"] = "for",
        ["pls"] = "please",
        ["plz"] = "please",
        ["msg"] = "message",
        ["gonna"] = "going to",
        ["gunna"] = "going to",
        ["gna"] = "going to",
        ["finna"] = "going to",
        ["imma"] = "i am going to",
        ["ima"] = "i am going to",
        ["i'ma"] = "i am going to",
        ["i'mma"] = "i am going to",
        ["wanna"] = "want to",
        ["wana"] = "want to",
        ["gotta"] = "got to",
        ["hafta"] = "have to",
        ["tryna"] = "trying to",
        ["kms"] = "kill myself",
        ["od"] = "overdose",
        ["oded"] = "overdosed",
        ["od'd"] = "overdosed",
        ["od'ed"] = "overdosed",
        ["odd'd"] = "overdosed",
        ["2day"] = "today",
        ["tdy"] = "today",
        ["2nite"] = "tonight",
        ["2night"] = "tonight",
        ["2nyt"] = "tonight",
        ["tonite"] = "tonight",
        ["tnite"] = "tonight",
        ["tonyt"] = "tonight",
        ["nite"] = "night",
        ["2moro"] = "tomorrow",
        ["2morro"] = "tomorrow",
        ["2morrow"] = "tomorrow",
        ["2mrw"] = "tomorrow",
        ["tmrw"] = "tomorrow",
        ["tmr"] = "tomorrow",
        ["tmw"] = "tomorrow",
        ["tmoro"] = "tomorrow",
        ["tmoz"] = "tomorrow",
        ["tomoz"] = "tomorrow",
        ["tomo"] = "tomorrow",
        ["tomz"] = "tomorrow",
        ["l8r"] = "later",
        ["l8er"] = "later",
        ["l8tr"] = "later",
        ["rn"] = "right now",
        ["wkend"] = "weekend",
        ["wknd"] = "weekend",
        ["ty"] = "thank you",
        ["tyvm"] = "thank you",
        ["tysm"] = "thank you so much",
        ["thx"] = "thanks",
        ["thnx"] = "thanks",
        ["thanx"] = "thanks",
        ["tnx"] = "thanks",
        ["thnks"] = "thanks",
        ["ily"] = "i love you",
        ["luv"] = "love",
        ["gbye"] = "goodbye",
        ["g'bye"] = "goodbye",
        ["cya"] = "see you",
        ["sry"] = "sorry",
        ["soz"] = "sorry",
        ["every1"] = "everyone",
        ["evry1"] = "everyone",
        ["evryone"] = "everyone",
        ["no1"] = "no one",
        ["noone"] = "no one",
        ["some1"] = "someone",
        ["sum1"] = "someone",
        ["any1"] = "anyone",
        ["4ever"] = "forever",
        ["4eva"] = "forever",
        ["alot"] = "a lot",
        ["cos"] = "because",
        ["coz"] = "because",
        ["cuz"] = "because",
        ["bc"] = "because",
        ["bcos"] = "because",
        ["bcoz"] = "because",
        ["selfharm"] = "self harm",
        ["sewerslide"] = "suicide",

        // Numbers written as words, so "twenty tablets" is read as a number of tablets.
        ["ten"] = "10",
        ["eleven"] = "11",
        ["twelve"] = "12",
        ["dozen"] = "12",
        ["fifteen"] = "15",
        ["twenty"] = "20",
        ["thirty"] = "30",
        ["forty"] = "40",
        ["fifty"] = "50",
        ["sixty"] = "60",
        ["hundred"] = "100",

        // Misspellings of the key words that a one-letter slip does not already cover
        // (and the commonest ones that it does, so that they are named here for a reviewer).
        ["sucide"] = "suicide",
        ["suicde"] = "suicide",
        ["suiside"] = "suicide",
        ["sucid"] = "suicide",
        ["suicid"] = "suicide",
        ["suecide"] = "suicide",
        ["suacide"] = "suicide",
        ["sucicide"] = "suicide",
        ["suiscide"] = "suicide",
        ["siucide"] = "suicide",
        ["suisid"] = "suicide",
        ["suiside's"] = "suicide",
        ["sucidal"] = "suicidal",
        ["suicdal"] = "suicidal",
        ["suisidal"] = "suicidal",
        ["sucicidal"] = "suicidal",
        ["sucidle"] = "suicidal",
        ["suicidle"] = "suicidal",
        ["overdos"] = "overdose",
        ["overdoes"] = "overdose",
        ["overdoze"] = "overdose",
        ["overdoce"] = "overdose",
        ["overdoss"] = "overdose",
        ["ovadose"] = "overdose",
        ["overdoesed"] = "overdosed",
        ["overdossed"] = "overdosed",
        ["paracetomol"] = "paracetamol",
        ["paracetemol"] = "paracetamol",
        ["parecetamol"] = "paracetamol",
        ["paracetomal"] = "paracetamol",
        ["parcetamol"] = "paracetamol",
        ["paracitamol"] = "paracetamol",
        ["parasetamol"] = "paracetamol",
        ["paracetamoll"] = "paracetamol",
        ["paracetamols"] = "paracetamol",
        ["kil"] = "kill",
        ["kll"] = "kill",
        ["kiling"] = "killing",
        ["myslf"] = "myself",
        ["meself"] = "myself",
        ["gudbye"] = "goodbye",
        ["goodby"] = "goodbye",
        ["goodbie"] = "goodbye",
        ["gdbye"] = "goodbye",
        ["tommorow"] = "tomorrow",
        ["tomorow"] = "tomorrow",
        ["tommorrow"] = "tomorrow",
        ["tomoro"] = "tomorrow",
        ["tonigt"] = "tonight",
        ["tonihgt"] = "tonight",
        ["2nit"] = "tonight",
        ["tabelts"] = "tablets",
        ["tablest"] = "tablets",
        ["tablts"] = "tablets",
        ["pils"] = "pills",
        ["anymore"] = "any more",
    });

    /// <summary>Words split in two that mean one: read as the one word.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Compounds =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
        {
            ["my"] = new Dictionary<string, string> { ["self"] = "myself" },
            ["good"] = new Dictionary<string, string> { ["bye"] = "goodbye" },
            ["over"] = new Dictionary<string, string> { ["dose"] = "overdose", ["dosed"] = "overdosed" },
            ["to"] = new Dictionary<string, string> { ["night"] = "tonight", ["morrow"] = "tomorrow" },
            ["pain"] = new Dictionary<string, string> { ["killers"] = "painkillers" },
            ["every"] = new Dictionary<string, string> { ["one"] = "everyone", ["thing"] = "everything" },
            ["sewer"] = new Dictionary<string, string> { ["slide"] = "suicide" },
            ["un"] = new Dictionary<string, string> { ["alive"] = "unalive" },
            ["anti"] = new Dictionary<string, string> { ["freeze"] = "antifreeze", ["depressants"] = "antidepressants" },
            ["rail"] = new Dictionary<string, string> { ["way"] = "railway" },
        };

    /// <summary>
    /// Words of emphasis that may stand inside a phrase without changing what it says:
    /// "I want to just die" is "want to die", "don't even want to be alive" is "don't want to be alive".
    /// </summary>
    public static readonly IReadOnlySet<string> Fillers = new HashSet<string>(StringComparer.Ordinal)
    {
        "just", "really", "so", "even", "ever", "actually", "honestly", "literally", "seriously", "genuinely",
        "truly", "totally", "fucking", "fuckin", "effing", "bloody", "frigging", "freaking", "still", "all",
    };

    /// <summary>
    /// Ordinary words one letter away from a word the rules look for. They are read as themselves,
    /// never as its misspelling, or "noise" would be read as "noose" and "going to the beach
    /// tomorrow" as "bleach ... tomorrow".
    /// </summary>
    public static readonly IReadOnlySet<string> NeverMisspellings = new HashSet<string>(StringComparer.Ordinal)
    {
        "noise", "beach", "breach", "prison", "blame", "blames", "blamed", "blaze", "blazes", "blare",
        "takes", "taker", "token", "tokens", "lager", "layer", "latex", "laser", "latter", "toady", "sundae",
        "nicked", "downer", "cuttings", "tricks", "trucks", "drawn", "pocket", "battle", "while",
        "loving", "waiting", "thinks", "thanking", "planting", "bitter", "would", "drink", "drinks", "bleached",
    };

    /// <summary>
    /// Words that on their own appear in almost every message: a phrase rule made only of them
    /// would flag everything, so it is refused.
    /// </summary>
    public static readonly IReadOnlySet<string> CommonWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "so", "to", "of", "in", "on", "at", "for", "with", "from", "by",
        "up", "out", "it", "is", "am", "are", "was", "were", "be", "been", "being", "i", "me", "my", "you", "your",
        "he", "she", "we", "they", "them", "us", "his", "her", "our", "their", "this", "that", "these", "those",
        "do", "does", "did", "not", "no", "yes", "have", "has", "had", "will", "would", "can", "could", "should",
        "just", "get", "got", "go", "going", "want", "know", "like", "now", "then", "there", "here", "what", "when",
        "how", "all", "some", "any", "more", "very", "really", "ok", "okay", "today", "time", "day", "feel",
        "think", "see", "take", "make", "need", "well", "good", "thanks", "thank", "please", "hi", "hello",
    };

    /// <summary>The few emoji that stand for a means of harm, read as the word they show.</summary>
    public static readonly IReadOnlyDictionary<int, string[]> Emoji = new Dictionary<int, string[]>
    {
        [0x1F52A] = ["knife"],   // 🔪
        [0x1FAA2] = ["rope"],    // 🪢
        [0x1F48A] = ["pills"],   // 💊
        [0x1FA78] = ["blood"],   // 🩸
    };

    private static Dictionary<string, string[]> Build(Dictionary<string, string> words) =>
        words.ToDictionary(w => w.Key, w => w.Value.Split(' '), StringComparer.Ordinal);
}
