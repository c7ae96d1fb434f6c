using Aftercare.Domain.Common;
using Aftercare.Domain.SafetyPlans;

namespace Aftercare.Domain.Tests.SafetyPlans;

public class ShareLinkTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 12, 18, 0, 0, TimeSpan.Zero);
    private static readonly PersonId Person = PersonId.New();
    private static readonly Author Patient = Author.ForPatient(Person, "Samantha Okafor");
    private static readonly SafetyPlan Plan = SafetyPlan.Create(Person, new SafetyPlanContent { ReasonsForLiving = [new("My cat")] }, Patient, Now.AddDays(-1)).Plan;

    private static ShareLink Create(string? recipient = "Ade (my sister)", TimeSpan? validFor = null, Author? by = null) =>
        ShareLink.Create(Plan, "HASH-OF-TOKEN", recipient, by ?? Patient, Now + (validFor ?? TimeSpan.FromDays(7)), Now);

    [Fact]
    public void Create_KeepsThePlanRecipientWhoAndWhen_AndOnlyTheHash()
    {
        var link = Create();

        Assert.NotEqual(Guid.Empty, link.Id);
        Assert.Equal(Plan.Id, link.SafetyPlanId);
        Assert.Equal(Person, link.PersonId);
        Assert.Equal("HASH-OF-TOKEN", link.TokenHash);
        Assert.Equal("Ade (my sister)", link.RecipientName);
        Assert.Equal(Patient, link.CreatedBy);
        Assert.Equal(Now, link.CreatedAt);
        Assert.Equal(Now.AddDays(7), link.ExpiresAt);
        Assert.Null(link.RevokedAt);
    }

    [Fact]
    public void Create_TrimsTheRecipientsName()
    {
        Assert.Equal("Ade", Create("  Ade \n").RecipientName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WithoutARecipientsName_IsRefused(string? recipient)
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => Create(recipient));

        Assert.Equal("RecipientName", ex.Field);
    }

    [Fact]
    public void Create_WithARecipientsNameOver100Characters_IsRefused()
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => Create(new string('n', 101)));

        Assert.Equal("RecipientName", ex.Field);
        Assert.Equal(100, Create(new string('n', 100)).RecipientName.Length);
    }

    [Theory]
    [InlineData(-60)]
    [InlineData(0)]
    [InlineData(59)]
    public void Create_ExpiringInLessThanAnHour_IsRefused(int minutes)
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => Create(validFor: TimeSpan.FromMinutes(minutes)));

        Assert.Equal("ExpiresAt", ex.Field);
    }

    [Fact]
    public void Create_ExpiringInMoreThan90Days_IsRefused()
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => Create(validFor: TimeSpan.FromDays(90).Add(TimeSpan.FromSeconds(1))));

        Assert.Equal("ExpiresAt", ex.Field);
    }

    [Theory]
    [InlineData(1.0 / 24)]
    [InlineData(1)]
    [InlineData(90)]
    public void Create_ExpiringBetweenAnHourAnd90Days_IsAccepted(double days)
    {
        var link = Create(validFor: TimeSpan.FromDays(days));

        Assert.True(link.IsOpenAt(Now));
    }

    [Fact]
    public void Create_ByThePractitioner_IsAllowed()
    {
        var link = Create(by: Author.ForStaff(StaffId.New(), "Jo Bell"));

        Assert.Equal(AuthorKind.Staff, link.CreatedBy.Kind);
    }

    [Fact]
    public void Create_ByAnotherPatient_IsRefused()
    {
        Assert.Throws<ClinicalRuleException>(() => Create(by: Author.ForPatient(PersonId.New(), "Someone Else")));
    }

    [Fact]
    public void Link_IsOpenUntilItExpires_AndNotAtOrAfter()
    {
        var link = Create(validFor: TimeSpan.FromDays(7));

        Assert.True(link.IsOpenAt(Now.AddDays(7).AddTicks(-1)));
        Assert.False(link.IsOpenAt(Now.AddDays(7)));
        Assert.False(link.IsOpenAt(Now.AddDays(8)));
    }

    [Fact]
    public void Revoke_ClosesTheLinkAtOnce()
    {
        var link = Create();

        link.Revoke(Now.AddHours(2));

        Assert.Equal(Now.AddHours(2), link.RevokedAt);
        Assert.False(link.IsOpenAt(Now.AddHours(2)));
        Assert.False(link.IsOpenAt(Now.AddHours(3)));
    }

    [Fact]
    public void Revoke_Twice_KeepsTheFirstTime()
    {
        var link = Create();

        link.Revoke(Now.AddHours(2));
        link.Revoke(Now.AddHours(5));

        Assert.Equal(Now.AddHours(2), link.RevokedAt);
    }

    [Fact]
    public void Tokens_AreLongUrlSafeAndDifferent_AndHashTheSameEachTime()
    {
        var token = SecretToken.New();

        Assert.True(token.Length >= 43);
        Assert.All(token, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
        Assert.NotEqual(token, SecretToken.New());
        Assert.Equal(SecretToken.Hash(token), SecretToken.Hash(token));
        Assert.NotEqual(SecretToken.Hash(token), SecretToken.Hash(SecretToken.New()));
        Assert.Matches("^[0-9A-F]{64}$", SecretToken.Hash(token));
    }
}
