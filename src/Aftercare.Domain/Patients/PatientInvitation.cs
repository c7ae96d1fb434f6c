using System.Security.Cryptography;
using Aftercare.Domain.Common;

namespace Aftercare.Domain.Patients;

/// <summary>
/// A one-time invitation for a patient to set up their account, issued by their practitioner from
/// their record. Only a hash of the code is kept; the code is shown once. A new invitation can be
/// issued at any time (each is single-use); an older one can be withdrawn.
/// </summary>
public sealed class PatientInvitation
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromHours(72);

    public Guid Id { get; private set; }
    public PersonId PersonId { get; private set; }
    public string CodeHash { get; private set; } = "";
    public StaffId IssuedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }

    private PatientInvitation() { }

    public static PatientInvitation Issue(PersonId person, string codeHash, StaffId issuedBy, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(codeHash);
        return new PatientInvitation
        {
            Id = Guid.CreateVersion7(),
            PersonId = person,
            CodeHash = codeHash,
            IssuedBy = issuedBy,
            CreatedAt = now,
            ExpiresAt = now + ValidFor,
        };
    }

    public bool CanBeUsedAt(DateTimeOffset now) => UsedAt is null && WithdrawnAt is null && now < ExpiresAt;

    public void Use(DateTimeOffset now)
    {
        if (UsedAt is not null) throw new ClinicalRuleException("This invitation has already been used");
        if (WithdrawnAt is not null) throw new ClinicalRuleException("This invitation has been replaced by a newer one: use the latest code your practitioner gave you");
        if (now >= ExpiresAt) throw new ClinicalRuleException("This invitation has expired: ask your practitioner for a new one");
        UsedAt = now;
    }

    /// <summary>Stops an unused invitation working, e.g. when a new one is issued. Has no effect once used or withdrawn.</summary>
    public void Withdraw(DateTimeOffset now)
    {
        if (UsedAt is not null || WithdrawnAt is not null) return;
        WithdrawnAt = now;
    }
}

/// <summary>
/// The code a patient types to accept an invitation: 12 characters in three groups
/// ("ABCD-EFGH-JKMN"), from an alphabet without the look-alikes 0, O, 1, I and L. Case, spaces
/// and dashes in what the patient types do not matter.
/// </summary>
public static class PatientInvitationCode
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 12;

    public static string New()
    {
        var code = RandomNumberGenerator.GetString(Alphabet, Length);
        return $"{code[..4]}-{code[4..8]}-{code[8..]}";
    }

    /// <summary>The 12 characters of a code as typed, upper case, without spaces or dashes; null if it cannot be a code.</summary>
    public static string? Normalise(string? typed)
    {
        if (typed is null) return null;
        var compact = new string([.. typed.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '‐' or '–' or '—')).Select(char.ToUpperInvariant)]);
        return compact.Length == Length && compact.All(c => Alphabet.Contains(c)) ? compact : null;
    }

    /// <summary>SHA-256 of the normalised code, as upper-case hex. Refuses input that cannot be a code.</summary>
    public static string Hash(string? typed)
    {
        var code = Normalise(typed) ?? throw new ClinicalRuleException("Enter the 12-character code from your invitation, for example ABCD-EFGH-JKMN", "Code");
        return SecretToken.Hash(code);
    }
}
