using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;

namespace Aftercare.Domain.Tests.Messaging;

public class ConversationTests
{
    private static readonly ReadingHours OfficeHours = ReadingHours.Standard(UkTime.Zone);
    private static readonly MessageSender Robin = MessageSender.Patient(Guid.NewGuid(), "Robin");
    private static readonly MessageSender Asha = MessageSender.Staff(new StaffId(Guid.NewGuid()), "Asha Patel");

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static Conversation NewConversation() => Conversation.Open(new PersonId(Guid.NewGuid()), Utc(3, 1, 9));

    [Fact]
    public void AMessageSentWhileTheTeamReads_GetsNoAutomaticReply_AndThePersonAwaitsAReply()
    {
        var conversation = NewConversation();
        var tuesday = Utc(3, 10, 11);

        var sent = conversation.Send(Robin, "  Had a better day today 🙂  ", OfficeHours, careIsActive: true, tuesday);

        Assert.Null(sent.AutomaticReply);
        Assert.Equal((1, SenderKind.Patient, "Robin", "Had a better day today 🙂", false), (sent.Message.Sequence, sent.Message.SenderKind, sent.Message.SenderName, sent.Message.Body, sent.Message.SentOutOfHours));
        Assert.Equal(tuesday, conversation.AwaitingReplySince);
        Assert.Equal((1, 1), (conversation.LastSequence, conversation.LastPatientSequence));
    }

    [Fact]
    public void AMessageSentOnAFridayEvening_IsMarkedOutOfHours_AndAnsweredAutomatically_WithWhenItWillBeRead_AndTheCrisisHelp()
    {
        var conversation = NewConversation();
        var friday = Utc(3, 6, 22, 10);

        var sent = conversation.Send(Robin, "Can't sleep again", OfficeHours, careIsActive: true, friday);

        Assert.True(sent.Message.SentOutOfHours);
        var reply = sent.AutomaticReply!;
        Assert.Equal((2, SenderKind.AutomaticReply, null), (reply.Sequence, reply.SenderKind, reply.SenderId));
        Assert.Contains("Your team reads messages Monday to Friday, 9am to 5pm. Your message will be read from Monday at 9am.", reply.Body);
        foreach (var help in new[] { "999", "A&E", "NHS 111", "option 2", "Samaritans", "116 123", "SHOUT", "85258" })
            Assert.Contains(help, reply.Body);
        Assert.Equal(Utc(3, 9, 9), conversation.AutomaticReplyCoversUntil);
    }

    [Fact]
    public void SeveralMessagesInOneClosedPeriod_GetOneAutomaticReply_AndTheNextClosedPeriodGetsItsOwn()
    {
        var conversation = NewConversation();

        Assert.NotNull(conversation.Send(Robin, "First", OfficeHours, true, Utc(3, 6, 22)).AutomaticReply);
        Assert.Null(conversation.Send(Robin, "Second", OfficeHours, true, Utc(3, 7, 2)).AutomaticReply);
        Assert.Null(conversation.Send(Robin, "Third, on Sunday", OfficeHours, true, Utc(3, 8, 15)).AutomaticReply);
        // Read on Monday; the next closed period (Monday night) is answered again.
        Assert.Null(conversation.Send(Robin, "Monday lunchtime", OfficeHours, true, Utc(3, 9, 12)).AutomaticReply);
        var monday = conversation.Send(Robin, "Monday night", OfficeHours, true, Utc(3, 9, 21));
        Assert.NotNull(monday.AutomaticReply);
        Assert.Contains("read from tomorrow at 9am", monday.AutomaticReply!.Body);
        Assert.Equal(7, conversation.LastSequence);
        Assert.Equal(6, conversation.LastPatientSequence);
    }

    [Fact]
    public void AReplyFromStaff_ClearsTheWait_ButAnAutomaticReplyDoesNot()
    {
        var conversation = NewConversation();
        conversation.Send(Robin, "Are you there?", OfficeHours, true, Utc(3, 6, 22));
        Assert.Equal(Utc(3, 6, 22), conversation.AwaitingReplySince);

        conversation.Send(Robin, "Still here", OfficeHours, true, Utc(3, 7, 9));
        Assert.Equal(Utc(3, 6, 22), conversation.AwaitingReplySince);

        var reply = conversation.Send(Asha, "Morning Robin, I've read your messages.", OfficeHours, true, Utc(3, 9, 9, 5));
        Assert.Equal((SenderKind.Staff, "Asha Patel", false), (reply.Message.SenderKind, reply.Message.SenderName, reply.Message.SentOutOfHours));
        Assert.Null(reply.AutomaticReply);
        Assert.Null(conversation.AwaitingReplySince);
        Assert.Equal(3, conversation.LastPatientSequence);
    }

    [Fact]
    public void ThePersonIsToldWhenToExpectAReply_CountedInReadingHoursFromTheirFirstUnansweredMessage()
    {
        var conversation = NewConversation();
        Assert.Null(conversation.ExpectedReplyBy(OfficeHours, 16));

        conversation.Send(Robin, "Hello", OfficeHours, true, Utc(3, 6, 16));
        conversation.Send(Robin, "Me again", OfficeHours, true, Utc(3, 9, 10));

        Assert.Equal(Utc(3, 10, 16), conversation.ExpectedReplyBy(OfficeHours, 16));
        Assert.Equal(Utc(3, 9, 16), conversation.ExpectedReplyBy(OfficeHours, 8));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n  ")]
    public void AnEmptyMessage_IsRefused(string? body)
    {
        var conversation = NewConversation();

        var ex = Assert.Throws<ClinicalRuleException>(() => conversation.Send(Robin, body, OfficeHours, true, Utc(3, 10, 10)));

        Assert.Equal(("Write your message", "Body"), (ex.Message, ex.Field));
        Assert.Equal(0, conversation.LastSequence);
    }

    [Fact]
    public void AMessageIsAtMost4000Characters_CountingAnEmojiAsOne_SoEmojiAreNeverRefused()
    {
        var conversation = NewConversation();
        // A family is seven code points (eleven UTF-16 units) but one character to the reader.
        var family = "👨‍👩‍👧‍👦";
        var longestWithEmoji = string.Concat(Enumerable.Repeat(family, 4000));

        var sent = conversation.Send(Robin, longestWithEmoji, OfficeHours, true, Utc(3, 10, 10));
        Assert.Equal(longestWithEmoji, sent.Message.Body);
        Assert.Equal(1, Message.LengthOf(family));

        var ex = Assert.Throws<ClinicalRuleException>(() => conversation.Send(Robin, new string('a', 4001), OfficeHours, true, Utc(3, 10, 10)));
        Assert.Equal("Body", ex.Field);
        Assert.Contains("4,000 characters or fewer (it is 4,001)", ex.Message);
    }

    [Fact]
    public void WhenCareIsNoLongerActive_NeitherThePersonNorStaffCanSend()
    {
        var conversation = NewConversation();

        var patient = Assert.Throws<ClinicalRuleException>(() => conversation.Send(Robin, "Hello?", OfficeHours, careIsActive: false, Utc(3, 10, 10)));
        var staff = Assert.Throws<ClinicalRuleException>(() => conversation.Send(Asha, "Hello", OfficeHours, careIsActive: false, Utc(3, 10, 10)));

        Assert.Contains("not reading messages now", patient.Message);
        Assert.Contains("care pathway has ended", staff.Message);
        Assert.Equal(0, conversation.LastSequence);
    }

    [Fact]
    public void NobodyButTheConversation_WritesAnAutomaticReply()
    {
        var conversation = NewConversation();

        Assert.Throws<InvalidOperationException>(() =>
            conversation.Send(new MessageSender(SenderKind.AutomaticReply, Guid.NewGuid(), "Automatic reply"), "Fake", OfficeHours, true, Utc(3, 10, 10)));
    }

    [Fact]
    public void EachMessage_TakesTheNextSequence()
    {
        var conversation = NewConversation();

        var sequences = new[]
        {
            conversation.Send(Robin, "One", OfficeHours, true, Utc(3, 10, 10)).Message.Sequence,
            conversation.Send(Asha, "Two", OfficeHours, true, Utc(3, 10, 11)).Message.Sequence,
            conversation.Send(Robin, "Three", OfficeHours, true, Utc(3, 10, 12)).Message.Sequence,
        };

        Assert.Equal([1, 2, 3], sequences);
        Assert.Equal(Utc(3, 10, 12), conversation.LastMessageAt);
    }
}
