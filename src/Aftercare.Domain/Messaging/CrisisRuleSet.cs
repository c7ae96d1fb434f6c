using Aftercare.Domain.Common;

namespace Aftercare.Domain.Messaging;

/// <summary>
/// The crisis rules a team's messages are read against: the default rules every team has, and
/// the team's own, which can only add (a team cannot switch a default rule off). The rules are
/// read and indexed once when the set is made, so assessing a message is one pass over its words
/// with dictionary look-ups: no regular expression per phrase. A set never changes once made, so
/// one set can assess every message of a team at once, on any number of threads.
/// </summary>
public sealed class CrisisRuleSet
{
    /// <summary>Message words of this length or more are also read as a one-slip misspelling of a rule word of this length or more.</summary>
    public const int ShortestWordForSlips = 5;

    /// <summary>Words of emphasis skipped inside a phrase, at most this many per phrase.</summary>
    private const int MostFillersInAPhrase = 2;

    /// <summary>The default rules: what a liaison team would recognise as a message that may signal immediate danger.</summary>
    public static CrisisRuleSet Default { get; } = new(CrisisDefaultRules.All, CrisisDefaultRules.All.Count);

    private readonly int _defaults;
    private readonly Dictionary<string, int> _wordIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _skeletons = new(StringComparer.Ordinal);
    private readonly Dictionary<char, List<(string Word, int Id)>> _slipCandidates = [];
    private readonly List<(int Least, int Id)> _numberTerms = [];
    private readonly List<int[]> _phraseWords = [];
    private readonly List<(int Rule, int Group)> _phraseOwner = [];
    private readonly List<List<int>> _phrasesStartingWith = [];

    private CrisisRuleSet(IReadOnlyList<CrisisRule> rules, int defaults)
    {
        Rules = rules;
        _defaults = defaults;
        for (var r = 0; r < rules.Count; r++)
        {
            for (var g = 0; g < rules[r].ReadGroups.Count; g++)
            {
                foreach (var phrase in rules[r].ReadGroups[g])
                {
                    var ids = phrase.Select(WordId).ToArray();
                    _phrasesStartingWith[ids[0]].Add(_phraseWords.Count);
                    _phraseWords.Add(ids);
                    _phraseOwner.Add((r, g));
                }
            }
        }
    }

    /// <summary>Every rule in the set: the defaults first, then the team's own, in the order given.</summary>
    public IReadOnlyList<CrisisRule> Rules { get; }

    /// <summary>The team's own rules (those added to the defaults).</summary>
    public IReadOnlyList<CrisisRule> TeamRules => Rules.Skip(_defaults).ToList();

    /// <summary>
    /// This set with a team's own rules added. A team rule may not reuse the id of a rule already
    /// in the set (so it cannot replace a default), nor two team rules share one.
    /// </summary>
    public CrisisRuleSet With(IEnumerable<CrisisRule> teamRules)
    {
        ArgumentNullException.ThrowIfNull(teamRules);
        var all = Rules.ToList();
        var ids = Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in teamRules)
        {
            ArgumentNullException.ThrowIfNull(rule);
            if (!ids.Add(rule.Id))
                throw new ClinicalRuleException(Default.Rules.Any(d => d.Id == rule.Id)
                    ? $"'{rule.Id}' is the id of a rule every team has: choose another id for the team's rule"
                    : $"Two of the team's rules have the id '{rule.Id}': each needs its own", nameof(CrisisRule.Id));
            all.Add(rule);
        }
        return new CrisisRuleSet(all, _defaults);
    }

    /// <summary>
    /// Reads a message against every rule. Words are matched whole ("painkillers" is not "kill"),
    /// in any case, with accents, curly apostrophes, punctuation, drawn-out letters, contractions,
    /// text speak and one-slip misspellings set aside. A negation never removes a match: "I'm not
    /// going to kill myself" is flagged, because a missed alert is the hazard and a human reads it.
    /// </summary>
    public CrisisAssessment Assess(string? message)
    {
        if (string.IsNullOrWhiteSpace(message)) return CrisisAssessment.NothingFound;
        var words = CrisisText.Read(message);
        if (words.Count == 0) return CrisisAssessment.NothingFound;

        // The rule words each message word can stand for: flat, with each word's slice marked.
        var sliceStart = new int[words.Count + 1];
        var matched = new List<int>(words.Count);
        for (var k = 0; k < words.Count; k++)
        {
            sliceStart[k] = matched.Count;
            AddRuleWords(words[k], matched);
        }
        sliceStart[words.Count] = matched.Count;

        List<(int Rule, int Group, int Start, int End)>? found = null;
        for (var k = 0; k < words.Count; k++)
        {
            for (var m = sliceStart[k]; m < sliceStart[k + 1]; m++)
            {
                foreach (var phrase in _phrasesStartingWith[matched[m]])
                {
                    var last = MatchFrom(k, _phraseWords[phrase], words, matched, sliceStart);
                    if (last < 0) continue;
                    var (rule, group) = _phraseOwner[phrase];
                    (found ??= []).Add((rule, group, words[k].Start, words[last].End));
                }
            }
        }
        return found is null ? CrisisAssessment.NothingFound : Explain(message, found);
    }

    private int WordId(string word)
    {
        if (_wordIds.TryGetValue(word, out var id)) return id;
        id = _wordIds.Count;
        _wordIds.Add(word, id);
        _phrasesStartingWith.Add([]);
        if (word[0] == CrisisText.NumberTermMark)
        {
            _numberTerms.Add((int.Parse(word.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture), id));
            return id;
        }
        var skeleton = CrisisText.Skeleton(word);
        if (!_skeletons.TryGetValue(skeleton, out var same)) _skeletons[skeleton] = same = [];
        same.Add(id);
        if (word.Length >= ShortestWordForSlips && word.All(char.IsLetter))
        {
            if (!_slipCandidates.TryGetValue(word[0], out var candidates)) _slipCandidates[word[0]] = candidates = [];
            candidates.Add((word, id));
        }
        return id;
    }

    /// <summary>The rule words one message word can stand for, added to <paramref name="into"/>.</summary>
    private void AddRuleWords(CrisisWord word, List<int> into)
    {
        var from = into.Count;
        if (_wordIds.TryGetValue(word.Text, out var exact)) into.Add(exact);
        if (word.Number >= 0)
        {
            foreach (var (least, id) in _numberTerms)
                if (word.Number >= least) into.Add(id);
            return;
        }
        if (word.Elongated && _skeletons.TryGetValue(CrisisText.Skeleton(word.Text), out var drawnOut))
            foreach (var id in drawnOut) AddOnce(into, from, id);
        // A slip keeps the first letter: people rarely mistype it, and ordinary words one letter
        // from a rule word differ there most ("brain" and "train", "bills" and "pills").
        if (word.Text.Length >= ShortestWordForSlips
            && !CrisisVocabulary.NeverMisspellings.Contains(word.Text)
            && _slipCandidates.TryGetValue(word.Text[0], out var candidates))
        {
            foreach (var (candidate, id) in candidates)
                if (CrisisText.WithinOneSlip(word.Text, candidate)) AddOnce(into, from, id);
        }
    }

    private static void AddOnce(List<int> into, int from, int id)
    {
        for (var k = from; k < into.Count; k++)
            if (into[k] == id) return;
        into.Add(id);
    }

    /// <summary>
    /// Whether a phrase is in the message starting at word <paramref name="first"/> (whose first
    /// word already matched); a word of emphasis may stand between its words. Answers the index of
    /// the message word its last word matched, or -1.
    /// </summary>
    private int MatchFrom(int first, int[] phrase, List<CrisisWord> words, List<int> matched, int[] sliceStart)
    {
        var at = first + 1;
        var skipped = 0;
        for (var p = 1; p < phrase.Length; p++)
        {
            while (true)
            {
                if (at >= words.Count) return -1;
                if (Stands(phrase[p], at, matched, sliceStart)) break;
                if (skipped == MostFillersInAPhrase || !CrisisVocabulary.Fillers.Contains(words[at].Text)) return -1;
                skipped++;
                at++;
            }
            at++;
        }
        return at - 1;
    }

    private static bool Stands(int ruleWord, int at, List<int> matched, int[] sliceStart)
    {
        for (var m = sliceStart[at]; m < sliceStart[at + 1]; m++)
            if (matched[m] == ruleWord) return true;
        return false;
    }

    private CrisisAssessment Explain(string message, List<(int Rule, int Group, int Start, int End)> found)
    {
        var matches = new List<CrisisMatch>();
        for (var r = 0; r < Rules.Count; r++)
        {
            var rule = Rules[r];
            var spans = found.Where(f => f.Rule == r).ToList();
            if (spans.Count == 0 || spans.Select(f => f.Group).Distinct().Count() < rule.ReadGroups.Count) continue;

            // The person's own words, in order; words inside a longer match are shown once, within it.
            var ordered = spans.Select(f => (f.Start, f.End)).Distinct().OrderBy(s => s.Start).ThenByDescending(s => s.End);
            var shown = new List<CrisisMatchedWords>();
            var texts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var reached = -1;
            foreach (var (start, end) in ordered)
            {
                if (end <= reached) continue;
                reached = end;
                var text = message[start..end];
                if (texts.Add(text)) shown.Add(new CrisisMatchedWords(text, start, end - start));
            }
            matches.Add(new CrisisMatch(rule.Id, rule.Name, rule.Reason, shown));
        }
        return matches.Count == 0 ? CrisisAssessment.NothingFound : new CrisisAssessment(matches);
    }
}
