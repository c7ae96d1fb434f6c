namespace Aftercare.Domain.Common;

public static class Text
{
    /// <summary>Trims and turns blank into null; the words inside are kept exactly as given.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string Required(string? value, string message, string field) =>
        Clean(value) ?? throw new ClinicalRuleException(message, field);
}
