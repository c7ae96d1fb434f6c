using System.Globalization;
using System.Text;

namespace Aftercare.Domain.Messaging;

/// <summary>
/// One word of a message as the crisis rules read it: in lower case, without accents, with its
/// contraction written out and its text speak read, and where it stands in the message as written
/// (so an alert can quote the person's own words).
/// </summary>
/// <param name="Text">The word as the rules read it ("not" for the second half of "don't").</param>
/// <param name="Start">Where the written word begins in the message.</param>
/// <param name="End">Where it ends (exclusive).</param>
/// <param name="Elongated">Written with a letter drawn out ("goodbyeeee", "sooo"), so its drawn-out letters may stand for one or two.</param>
/// <param name="Number">The whole number it is, or -1.</param>
internal readonly record struct CrisisWord(string Text, int Start, int End, bool Elongated = false, int Number = -1);

/// <summary>
/// Reads a message, or a phrase of a rule, into words: Unicode compatibility forms (NFKC, so
/// full-width and decorative letters read as plain ones), case, accents, curly apostrophes,
/// punctuation, drawn-out letters, contractions, text speak and common misspellings.
/// No regular expression runs per message.
/// </summary>
internal static class CrisisText
{
    /// <summary>A rule's number term: "10+" is any whole number of ten or more.</summary>
    public const char NumberTermMark = '#';

    private const int LongestNumber = 6;

    public static List<CrisisWord> Read(string text)
    {
        var words = new List<CrisisWord>(Math.Min(text.Length / 4 + 4, 4096));
        var raw = new StringBuilder(32);
        var start = -1;
        var end = -1;
        var i = 0;
        while (i < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
                rune = Rune.ReplacementChar;
            if (CrisisVocabulary.Emoji.TryGetValue(rune.Value, out var shown))
            {
                Flush(raw, ref start, end, words);
                foreach (var w in shown) words.Add(new CrisisWord(w, i, i + consumed));
            }
            else if (IsWordRune(rune) && (start >= 0 || !IsMark(rune)))
            {
                if (start < 0) start = i;
                raw.Append(text, i, consumed);
                end = i + consumed;
            }
            else if (IsApostrophe(rune) && start >= 0)
            {
                raw.Append('\'');
            }
            else if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.Format || start < 0)
            {
                // A soft hyphen or zero-width character inside a word is skipped; anything else ends the word.
                Flush(raw, ref start, end, words);
            }
            i += consumed;
        }
        Flush(raw, ref start, end, words);
        JoinCompounds(words);
        return words;
    }

    /// <summary>
    /// A phrase of a rule read into the words it looks for. "10+" becomes a number term (any whole
    /// number of ten or more); everything else is read as a message is, so the phrase and the
    /// message meet in the same form.
    /// </summary>
    public static List<string> ReadPhrase(string phrase)
    {
        var words = new List<CrisisWord>();
        foreach (var piece in phrase.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (NumberTerm(piece) is { } least)
                words.Add(new CrisisWord(NumberTermMark + least.ToString(CultureInfo.InvariantCulture), 0, 0));
            else
                words.AddRange(Read(piece));
        }
        JoinCompounds(words);
        return words.Select(w => w.Text).ToList();
    }

    /// <summary>"10+" → 10; anything else → null.</summary>
    public static int? NumberTerm(string piece)
    {
        if (piece.Length < 2 || piece.Length > LongestNumber + 1 || piece[^1] != '+') return null;
        for (var k = 0; k < piece.Length - 1; k++)
            if (!char.IsAsciiDigit(piece[k])) return null;
        return int.Parse(piece.AsSpan(0, piece.Length - 1), CultureInfo.InvariantCulture);
    }

    /// <summary>The word with every run of a letter cut to one: "goodbyeeee" and "goodbye" both read "godbye".</summary>
    public static string Skeleton(string word)
    {
        var b = new StringBuilder(word.Length);
        foreach (var c in word)
            if (b.Length == 0 || b[^1] != c) b.Append(c);
        return b.ToString();
    }

    /// <summary>
    /// Whether two words are at most one slip apart: one letter changed, added or left out, or two
    /// neighbouring letters swapped (the optimal-string-alignment form of Damerau–Levenshtein).
    /// </summary>
    public static bool WithinOneSlip(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (Math.Abs(a.Length - b.Length) > 1) return false;
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        if (prefix == a.Length && prefix == b.Length) return true;
        if (a.Length == b.Length)
        {
            if (a[(prefix + 1)..].SequenceEqual(b[(prefix + 1)..])) return true;
            return prefix + 1 < a.Length && a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix]
                && a[(prefix + 2)..].SequenceEqual(b[(prefix + 2)..]);
        }
        return a.Length > b.Length ? a[(prefix + 1)..].SequenceEqual(b[prefix..]) : a[prefix..].SequenceEqual(b[(prefix + 1)..]);
    }

    private static bool IsWordRune(Rune r) => Rune.GetUnicodeCategory(r) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => false,
    };

    private static bool IsMark(Rune r) => Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark
        or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static bool IsApostrophe(Rune r) => r.Value is '\'' or '\u2019' or '\u2018' or '\u02BC' or '\uFF07' or '`' or '\u00B4' or '\u2032';

    private static void Flush(StringBuilder raw, ref int start, int end, List<CrisisWord> words)
    {
        if (start < 0) return;
        var word = Normalise(raw);
        raw.Clear();
        if (word.Length > 0) Expand(word, start, end, words);
        start = -1;
    }

    private static string Normalise(StringBuilder raw)
    {
        var ascii = true;
        for (var k = 0; k < raw.Length && ascii; k++) ascii = raw[k] < 128;
        string s;
        if (ascii)
        {
            s = string.Create(raw.Length, raw, static (lower, from) =>
            {
                from.CopyTo(0, lower, from.Length);
                for (var k = 0; k < lower.Length; k++) lower[k] = char.ToLowerInvariant(lower[k]);
            });
        }
        else
        {
            // Compatibility forms first (full-width, ligatures, mathematical letters), then accents off.
            var decomposed = raw.ToString().Normalize(NormalizationForm.FormKC).ToLowerInvariant().Normalize(NormalizationForm.FormD);
            var b = new StringBuilder(decomposed.Length);
            foreach (var r in decomposed.EnumerateRunes())
                if (Rune.IsLetterOrDigit(r) || r.Value == '\'') b.Append(r.ToString());
            s = b.ToString();
        }
        return s.Trim('\'');
    }

    private static void Expand(string word, int start, int end, List<CrisisWord> words)
    {
        if (CrisisVocabulary.Words.TryGetValue(word, out var meant))
        {
            foreach (var w in meant) words.Add(Word(w, start, end));
            return;
        }
        if (word.Contains('\''))
        {
            foreach (var part in Contraction(word))
            {
                if (CrisisVocabulary.Words.TryGetValue(part, out var partMeant))
                    foreach (var w in partMeant) words.Add(Word(w, start, end));
                else if (part.Length > 0)
                    words.Add(Word(part, start, end));
            }
            return;
        }
        if (IsElongated(word))
        {
            foreach (var keep in (ReadOnlySpan<int>)[1, 2])
            {
                if (CrisisVocabulary.Words.TryGetValue(Shorten(word, keep), out var shortened))
                {
                    foreach (var w in shortened) words.Add(Word(w, start, end));
                    return;
                }
            }
            words.Add(Word(word, start, end) with { Elongated = true });
            return;
        }
        words.Add(Word(word, start, end));
    }

    private static CrisisWord Word(string text, int start, int end)
    {
        var number = -1;
        if (text.Length is > 0 and <= LongestNumber && text.All(char.IsAsciiDigit))
            number = int.Parse(text, CultureInfo.InvariantCulture);
        return new CrisisWord(text, start, end, Number: number);
    }

    /// <summary>"didn't" → did not; "you're" → you are; "I'd" → I would; "mum's" → mum.</summary>
    private static string[] Contraction(string word)
    {
        static string Bare(string s) => s.Replace("'", "", StringComparison.Ordinal);
        if (word.EndsWith("n't", StringComparison.Ordinal)) return [Bare(word[..^3]), "not"];
        foreach (var (ending, meaning) in Endings)
            if (word.EndsWith(ending, StringComparison.Ordinal)) return meaning.Length == 0 ? [Bare(word[..^ending.Length])] : [Bare(word[..^ending.Length]), meaning];
        return [Bare(word)];
    }

    private static readonly (string Ending, string Meaning)[] Endings =
        [("'re", "are"), ("'ve", "have"), ("'ll", "will"), ("'d", "would"), ("'m", "am"), ("'s", "")];

    private static bool IsElongated(string word)
    {
        for (var k = 2; k < word.Length; k++)
            if (char.IsLetter(word[k]) && word[k] == word[k - 1] && word[k] == word[k - 2]) return true;
        return false;
    }

    private static string Shorten(string word, int keep)
    {
        var b = new StringBuilder(word.Length);
        var run = 0;
        for (var k = 0; k < word.Length; k++)
        {
            run = k > 0 && word[k] == word[k - 1] ? run + 1 : 1;
            if (run <= keep || !char.IsLetter(word[k])) b.Append(word[k]);
        }
        return b.ToString();
    }

    private static void JoinCompounds(List<CrisisWord> words)
    {
        var kept = 0;
        for (var k = 0; k < words.Count; k++)
        {
            if (k + 1 < words.Count
                && CrisisVocabulary.Compounds.TryGetValue(words[k].Text, out var seconds)
                && seconds.TryGetValue(words[k + 1].Text, out var joined))
            {
                words[kept++] = new CrisisWord(joined, words[k].Start, words[k + 1].End);
                k++;
            }
            else
            {
                words[kept++] = words[k];
            }
        }
        words.RemoveRange(kept, words.Count - kept);
    }
}
