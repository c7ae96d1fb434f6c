using Aftercare.Domain.Common;

namespace Aftercare.Domain.SafetyPlans;

/// <summary>
/// A read-only link to the current safety plan that the patient gives to a person they name. It
/// has an expiry and can be revoked at any time; every opening is audited (by the web layer).
/// Only a hash of the link's token is kept.
/// </summary>
public sealed class ShareLink
{
    public const int MaxRecipientNameLength = 100;
    public static readonly TimeSpan ShortestExpiry = TimeSpan.FromHours(1);
    public static readonly TimeSpan LongestExpiry = TimeSpan.FromDays(90);

    public Guid Id { get; private set; }
    public SafetyPlanId SafetyPlanId { get; private set; }
    public PersonId PersonId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public string RecipientName { get; private set; } = "";
    public Author CreatedBy { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    private ShareLink() { }

    public static ShareLink Create(SafetyPlan plan, string tokenHash, string? recipientName, Author createdBy, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        if (createdBy.Kind == AuthorKind.Patient && createdBy.Id != plan.PersonId.Value)
            throw new ClinicalRuleException("Only the person whose plan this is can share it from their own account");
        var recipient = Text.Required(recipientName, "Enter the name of the person you are sharing your plan with", nameof(RecipientName));
        if (recipient.Length > MaxRecipientNameLength)
            throw new ClinicalRuleException("Keep the name to 100 characters or fewer", nameof(RecipientName));
        if (expiresAt < now + ShortestExpiry)
            throw new ClinicalRuleException("Choose an end date and time at least 1 hour from now", nameof(ExpiresAt));
        if (expiresAt > now + LongestExpiry)
            throw new ClinicalRuleException("Choose an end date no more than 90 days from now. You can share it again after that", nameof(ExpiresAt));
        return new ShareLink
        {
            Id = Guid.CreateVersion7(),
            SafetyPlanId = plan.Id,
            PersonId = plan.PersonId,
            TokenHash = tokenHash,
            RecipientName = recipient,
            CreatedBy = createdBy,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
    }

    /// <summary>Closes the link for good. Revoking again keeps the first time.</summary>
    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    public bool IsOpenAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}
