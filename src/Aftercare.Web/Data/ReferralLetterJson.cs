using System.Text.Json;
using Aftercare.Domain.Referrals;

namespace Aftercare.Web.Data;

/// <summary>
/// The referral letter as its jsonb column holds it: the sections in order, each with its key, kind,
/// heading, hint and text, and nothing worked out from them (so the whole text is not stored twice).
/// </summary>
internal static class ReferralLetterJson
{
    private sealed record StoredSection(string Key, LetterSectionKind Kind, string Heading, string? Hint, string? Text);

    public static string Write(ReferralLetter letter) =>
        JsonSerializer.Serialize(letter.Sections.Select(s => new StoredSection(s.Key, s.Kind, s.Heading, s.Hint, s.Text)).ToList(), JsonSerializerOptions.Default);

    public static ReferralLetter Read(string json)
    {
        var stored = JsonSerializer.Deserialize<List<StoredSection>>(json, JsonSerializerOptions.Default);
        return stored is null
            ? ReferralLetter.Empty
            : new ReferralLetter { Sections = [.. stored.Select(s => new LetterSection(s.Key, s.Kind, s.Heading, s.Hint, s.Text))] };
    }
}
