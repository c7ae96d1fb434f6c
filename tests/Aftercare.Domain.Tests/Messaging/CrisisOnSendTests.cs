using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;
using Aftercare.Domain.Staff;

namespace Aftercare.Domain.Tests.Messaging;

/// <summary>A person's message is read against their team's crisis rules as it is sent, whatever the hour; staff's are not.</summary>
public class CrisisOnSendTests
{
    private static readonly ReadingHours OfficeHours = ReadingHours.Standard(UkTime.Zone);
    private static readonly MessageSender Robin = MessageSender.Patient(Guid.NewGuid(), "Robin");
    private static readonly MessageSender Asha = MessageSender.Staff(new StaffId(Guid.NewGuid()), "Asha Patel");
    private static readonly DateTimeOffset SaturdayNight = new(2026, 3, 7, 23, 40, 0, TimeSpan.Zero);

    [Fact]
    public void Send_WhenThePersonsMessageMayBeDanger_MarksItAsRaisingAnAlert_EvenOutOfHours()
    {
        var conversation = Conversation.Open(new PersonId(Guid.NewGuid()), SaturdayNight.AddDays(-3));
        var sent = conversation.Send(Robin, "I'm going to kill myself tonight", OfficeHours, careIsActive: true, SaturdayNight);
        Assert.True(sent.Message.RaisedAlert);
        Assert.True(sent.Crisis.MayBeDanger);
        Assert.False(sent.AutomaticReply!.RaisedAlert);
    }

    [Fact]
    public void Send_WhenTheMessageIsOrdinary_OrWrittenByStaff_RaisesNothing()
    {
        var conversation = Conversation.Open(new PersonId(Guid.NewGuid()), SaturdayNight.AddDays(-3));
        Assert.False(conversation.Send(Robin, "Walked the long way round the park", OfficeHours, true, SaturdayNight).Message.RaisedAlert);
        // Staff quoting the person's words back are not the person in danger.
        var reply = conversation.Send(Asha, "You said you wanted to kill yourself: I'm calling you now", OfficeHours, true, SaturdayNight);
        Assert.False(reply.Message.RaisedAlert);
        Assert.False(reply.Crisis.MayBeDanger);
    }

    [Fact]
    public void Send_WithTheTeamsOwnRules_FlagsTheirWordsToo()
    {
        var local = CrisisRule.Phrase("bridge-local", "A local place", "The team knows this bridge as a place of danger", ["Clifton bridge"]);
        var rules = CrisisRuleSet.Default.With([local]);
        var conversation = Conversation.Open(new PersonId(Guid.NewGuid()), SaturdayNight.AddDays(-3));
        Assert.False(conversation.Send(Robin, "Heading to Clifton bridge", OfficeHours, true, SaturdayNight).Message.RaisedAlert);
        var sent = conversation.Send(Robin, "Heading to Clifton bridge", OfficeHours, true, SaturdayNight, rules);
        Assert.True(sent.Message.RaisedAlert);
        Assert.Equal("bridge-local", Assert.Single(sent.Crisis.Matches).RuleId);
    }
}

public class SupervisorNoteTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 14, 0, 0, TimeSpan.Zero);
    private static readonly PersonId Person = new(Guid.NewGuid());

    [Fact]
    public void Write_ByTheSupervisor_KeepsTheWordsWhoAndWhen_AndTheMessageItIsAbout()
    {
        var note = SupervisorNote.Write(Person, StaffRole.Supervisor, new StaffId(Guid.NewGuid()), "Sam Okafor", "  Good boundaries here  ", 3, lastSequence: 5, Now);
        Assert.Equal(("Good boundaries here", 3, "Sam Okafor", Now), (note.Body, note.AboutSequence, note.WrittenByName, note.WrittenAt));
    }

    [Theory]
    [InlineData(StaffRole.Practitioner)]
    [InlineData(StaffRole.Administrator)]
    public void Write_ByAnyoneButASupervisor_IsRefused(StaffRole role) =>
        Assert.Throws<ClinicalRuleException>(() => SupervisorNote.Write(Person, role, new StaffId(Guid.NewGuid()), "Someone", "A note", null, 5, Now));

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Write_AboutAMessageNotSent_IsRefused(int about)
    {
        var refused = Assert.Throws<ClinicalRuleException>(() => SupervisorNote.Write(Person, StaffRole.Supervisor, new StaffId(Guid.NewGuid()), "Sam", "A note", about, 5, Now));
        Assert.Equal(nameof(SupervisorNote.AboutSequence), refused.Field);
    }

    [Fact]
    public void Write_WithoutWords_IsRefused() =>
        Assert.Equal(nameof(SupervisorNote.Body), Assert.Throws<ClinicalRuleException>(() => SupervisorNote.Write(Person, StaffRole.Supervisor, new StaffId(Guid.NewGuid()), "Sam", "  ", null, 5, Now)).Field);
}
