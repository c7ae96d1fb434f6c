using Aftercare.Domain.Common;
using Aftercare.Domain.Narratives;

namespace Aftercare.Domain.Tests.Narratives;

public class NarrativeInterviewTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 11, 10, 0, 0, TimeSpan.Zero);
    private static readonly PersonId Person = PersonId.New();
    private static readonly StaffId Practitioner = StaffId.New();
    private static readonly StaffId Colleague = StaffId.New();
    private const string Story = "It started when I lost my job. I stopped going out. That night I couldn't see a way through — I don't feel like that now.";

    private static NarrativeInterview Record(NarrativeSharing sharing = NarrativeSharing.CareTeamOnly, string? story = Story) =>
        NarrativeInterview.Record(Person, story, sharing, Practitioner, Now);

    [Fact]
    public void Record_KeepsTheStoryTheChoiceWhoAndWhen()
    {
        var narrative = Record(NarrativeSharing.CareTeamAndReferredServices);

        Assert.NotEqual(Guid.Empty, narrative.Id.Value);
        Assert.Equal(Person, narrative.PersonId);
        Assert.Equal(Story, narrative.Story);
        Assert.Equal(NarrativeSharing.CareTeamAndReferredServices, narrative.Sharing);
        Assert.Equal(Practitioner, narrative.RecordedBy);
        Assert.Equal(Now, narrative.RecordedAt);
        Assert.Null(narrative.SharingChangedAt);
        Assert.Null(narrative.SharingChangedBy);
    }

    [Fact]
    public void Record_KeepsTheWordsExactly_OnlyTrimmed()
    {
        const string words = "i dont know why.  I just did it\n\nmum found me";

        Assert.Equal(words, Record(story: "\n  " + words + "   ").Story);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n\t ")]
    public void Record_WithoutAStory_IsRefused(string? story)
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => Record(story: story));

        Assert.Equal("Story", ex.Field);
    }

    [Fact]
    public void Record_WithAStoryOver20000Characters_IsRefused()
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => Record(story: new string('w', 20001)));

        Assert.Equal("Story", ex.Field);
    }

    [Fact]
    public void Record_WithAStoryOfExactly20000Characters_IsAccepted()
    {
        Assert.Equal(20000, Record(story: "  " + new string('w', 20000) + "  ").Story.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    public void Record_WithoutAChoiceOfWhoMayReadIt_IsRefused(int sharing)
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => Record((NarrativeSharing)sharing));

        Assert.Equal("Sharing", ex.Field);
    }

    [Theory]
    [InlineData(NarrativeSharing.CareTeamOnly, true, false, false)]
    [InlineData(NarrativeSharing.CareTeamAndReferredServices, true, true, false)]
    [InlineData(NarrativeSharing.CareTeamReferredServicesAndGp, true, true, true)]
    public void MayBeReadBy_HonoursThePersonsChoice(NarrativeSharing sharing, bool careTeam, bool referredService, bool gp)
    {
        var narrative = Record(sharing);

        Assert.Equal(careTeam, narrative.MayBeReadBy(NarrativeReader.CareTeam));
        Assert.Equal(referredService, narrative.MayBeReadBy(NarrativeReader.ReferredService));
        Assert.Equal(gp, narrative.MayBeReadBy(NarrativeReader.Gp));
    }

    [Fact]
    public void MayBeReadBy_AReaderNobodyHasThoughtOf_IsNo()
    {
        Assert.False(Record(NarrativeSharing.CareTeamReferredServicesAndGp).MayBeReadBy((NarrativeReader)99));
    }

    [Theory]
    [InlineData(NarrativeSharing.CareTeamOnly, NarrativeReader.CareTeam, true)]
    [InlineData(NarrativeSharing.CareTeamOnly, NarrativeReader.ReferredService, false)]
    [InlineData(NarrativeSharing.CareTeamOnly, NarrativeReader.Gp, false)]
    [InlineData(NarrativeSharing.CareTeamAndReferredServices, NarrativeReader.ReferredService, true)]
    [InlineData(NarrativeSharing.CareTeamAndReferredServices, NarrativeReader.Gp, false)]
    [InlineData(NarrativeSharing.CareTeamReferredServicesAndGp, NarrativeReader.Gp, true)]
    public void TextFor_GivesTheStoryOnlyToThoseThePersonChose(NarrativeSharing sharing, NarrativeReader reader, bool shown)
    {
        var text = NarrativeInterview.TextFor(Record(sharing), reader);

        Assert.Equal(shown ? Story : null, text);
    }

    [Fact]
    public void TextFor_WithNoNarrative_IsNull()
    {
        Assert.Null(NarrativeInterview.TextFor(null, NarrativeReader.CareTeam));
    }

    [Fact]
    public void ChangeSharing_RecordsTheNewChoiceWhoAndWhen_AndIsHonouredAtOnce()
    {
        var narrative = Record(NarrativeSharing.CareTeamReferredServicesAndGp);

        var changed = narrative.ChangeSharing(NarrativeSharing.CareTeamOnly, Colleague, Now.AddDays(2));

        Assert.True(changed);
        Assert.Equal(NarrativeSharing.CareTeamOnly, narrative.Sharing);
        Assert.Equal(Colleague, narrative.SharingChangedBy);
        Assert.Equal(Now.AddDays(2), narrative.SharingChangedAt);
        Assert.False(narrative.MayBeReadBy(NarrativeReader.Gp));
        Assert.Null(NarrativeInterview.TextFor(narrative, NarrativeReader.ReferredService));
        Assert.Equal(Practitioner, narrative.RecordedBy);
        Assert.Equal(Story, narrative.Story);
    }

    [Fact]
    public void ChangeSharing_ToTheSameChoice_RecordsNothing()
    {
        var narrative = Record(NarrativeSharing.CareTeamAndReferredServices);

        var changed = narrative.ChangeSharing(NarrativeSharing.CareTeamAndReferredServices, Colleague, Now.AddDays(1));

        Assert.False(changed);
        Assert.Null(narrative.SharingChangedAt);
        Assert.Null(narrative.SharingChangedBy);
    }

    [Fact]
    public void ChangeSharing_ToAnUnknownChoice_IsRefused_AndKeepsTheOldOne()
    {
        var narrative = Record(NarrativeSharing.CareTeamOnly);

        var ex = Assert.Throws<ClinicalRuleException>(() => narrative.ChangeSharing((NarrativeSharing)7, Colleague, Now));

        Assert.Equal("Sharing", ex.Field);
        Assert.Equal(NarrativeSharing.CareTeamOnly, narrative.Sharing);
        Assert.False(narrative.MayBeReadBy(NarrativeReader.ReferredService));
    }

    [Fact]
    public void EveryChoice_IsDescribedInThePersonsWords()
    {
        var descriptions = Enum.GetValues<NarrativeSharing>().Select(NarrativeInterview.Describe).ToList();

        Assert.Equal(3, descriptions.Distinct().Count());
        Assert.Equal("Only my care team", NarrativeInterview.Describe(NarrativeSharing.CareTeamOnly));
        Assert.Contains("GP", NarrativeInterview.Describe(NarrativeSharing.CareTeamReferredServicesAndGp));
    }
}
