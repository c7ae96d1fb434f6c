using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;

namespace Aftercare.Domain.Tests.Pathways;

public class PathwayDefinitionTests
{
    private static readonly ContactTemplate FollowUp = new("follow-up", "Follow-up call", ContactKind.FollowUp, default, PathwayOffset.OfHours(48));

    [Fact]
    public void Assured_BeginsWithTheCheckInCallDueWithin48Hours_ThenThreeSessionsAndThreeLetters()
    {
        var assured = PathwayDefinition.Assured;
        Assert.Equal(PathwayDefinition.AssuredCode, assured.Code);
        Assert.Equal(ContactKind.FollowUp, assured.Contacts[0].Kind);
        Assert.Equal(PathwayOffset.OfHours(48), assured.Contacts[0].Due);
        Assert.Equal(3, assured.Contacts.Count(c => c.Kind == ContactKind.Session));
        Assert.Equal([3, 6, 9], assured.Contacts.Where(c => c.Kind == ContactKind.Letter).Select(c => c.LetterMonth!.Value));
    }

    [Fact]
    public void APlainLiaisonFollowUp_WithOnlyThe48HourFollowUp_IsAValidPathway()
    {
        var plain = new PathwayDefinition("Liaison", "Liaison follow-up", null, [FollowUp]);
        Assert.Equal("liaison", plain.Code);
        Assert.Single(plain.Contacts);
    }

    public static TheoryData<ContactTemplate> NotA48HourFollowUp => new()
    {
        new ContactTemplate("call", "Call", ContactKind.FollowUp, default, PathwayOffset.OfHours(72)),
        new ContactTemplate("call", "Call", ContactKind.FollowUp, default, PathwayOffset.OfDays(2)),
        new ContactTemplate("session", "Session", ContactKind.Session, default, PathwayOffset.OfHours(24)),
        new ContactTemplate("call", "Call", ContactKind.FollowUp, default, PathwayOffset.OfHours(0)),
    };

    [Theory]
    [MemberData(nameof(NotA48HourFollowUp))]
    public void ADefinition_ThatDoesNotBeginWithAFollowUpWithin48Hours_IsRefused(ContactTemplate first)
    {
        var e = Assert.Throws<ClinicalRuleException>(() => new PathwayDefinition("slow", "Slow", null, [first]));
        Assert.Contains("48 hours", e.Message);
    }

    [Fact]
    public void ADefinition_WithNoContacts_ARepeatedKey_AWindowOpeningAfterItsDueTime_OrALetterWithoutItsMonth_IsRefused()
    {
        Assert.Throws<ClinicalRuleException>(() => new PathwayDefinition("none", "None", null, []));
        Assert.Throws<ClinicalRuleException>(() => new PathwayDefinition("twice", "Twice", null, [FollowUp, FollowUp with { Kind = ContactKind.Session }]));
        Assert.Throws<ClinicalRuleException>(() => new PathwayDefinition("back", "Back", null,
            [FollowUp, new ContactTemplate("s", "Session", ContactKind.Session, PathwayOffset.OfDays(10), PathwayOffset.OfDays(5))]));
        Assert.Throws<ClinicalRuleException>(() => new PathwayDefinition("letter", "Letter", null,
            [FollowUp, new ContactTemplate("l", "Letter", ContactKind.Letter, PathwayOffset.OfMonths(3), PathwayOffset.OfMonths(4))]));
        Assert.Throws<ClinicalRuleException>(() => new PathwayDefinition("Not a code!", "Name", null, [FollowUp]));
    }

    [Theory]
    [InlineData(0, 0, 48, "48 hours")]
    [InlineData(0, 7, 0, "1 week")]
    [InlineData(0, 28, 0, "4 weeks")]
    [InlineData(3, -14, 0, "3 months -14 days")]
    [InlineData(0, 10, 0, "10 days")]
    public void AnOffset_ReadsAsPlainWords(int months, int days, int hours, string words) =>
        Assert.Equal(words, new PathwayOffset(months, days, hours).ToString());
}
