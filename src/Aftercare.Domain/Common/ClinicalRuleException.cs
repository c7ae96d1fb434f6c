namespace Aftercare.Domain.Common;

/// <summary>
/// A clinical or record-keeping rule refused an action. <see cref="Field"/> names the input the
/// person can correct, so the page can put the message next to it.
/// </summary>
public sealed class ClinicalRuleException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
