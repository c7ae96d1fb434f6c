using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;
using Aftercare.Domain.Tests.Common;

namespace Aftercare.Domain.Tests.Messaging;

public class DutyAlertTests
{
    private static readonly TeamId Team = new(Guid.NewGuid());
    private static readonly StaffId OnDuty = new(Guid.NewGuid());
    private static readonly StaffId Colleague = new(Guid.NewGuid());
    private static readonly DateTimeOffset Sent = new(2026, 10, 25, 0, 40, 0, TimeSpan.Zero);

    private static CrisisAssessment Flagged(string words = "I'm going to take all my tablets tonight") => CrisisRuleSet.Default.Assess(words);

    private static DutyAlert Raise(FakeTimeProvider clock, int minutes = 10) =>
        DutyAlert.Raise(Team, new PersonId(Guid.NewGuid()), MessageId.New(), Flagged(), OnDuty, minutes, clock.GetUtcNow());

    [Fact]
    public void Raise_KeepsEveryReasonTheMessageWasFlagged_WithThePersonsOwnWords()
    {
        var assessment = Flagged();
        var alert = DutyAlert.Raise(Team, new PersonId(Guid.NewGuid()), MessageId.New(), assessment, OnDuty, 10, Sent);

        Assert.Equal(assessment.Matches.Count, alert.Reasons.Count);
        Assert.NotEmpty(alert.Reasons);
        Assert.All(alert.Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        Assert.Contains(alert.Reasons, r => r.Words.Any(w => "I'm going to take all my tablets tonight".Contains(w, StringComparison.Ordinal)));
        Assert.True(alert.IsOpen);
        Assert.Equal(Sent.AddMinutes(10), alert.EscalatesAt);
    }

    [Fact]
    public void Raise_ForAMessageNoRuleFlagged_IsRefused() =>
        Assert.Throws<InvalidOperationException>(() =>
            DutyAlert.Raise(Team, new PersonId(Guid.NewGuid()), MessageId.New(), CrisisRuleSet.Default.Assess("See you on Tuesday"), OnDuty, 10, Sent));

    [Fact]
    public void Raise_WithNobodyOnDuty_StillRaisesTheAlert_AndItStillEscalatesOnTime()
    {
        var clock = new FakeTimeProvider(Sent);
        var alert = DutyAlert.Raise(Team, new PersonId(Guid.NewGuid()), MessageId.New(),
            CrisisRuleSet.Default.Assess("this is goodbye, thank you for everything"), onDuty: null, 10, clock.GetUtcNow());

        Assert.Null(alert.DutyPractitionerId);
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.True(alert.Escalate(clock.GetUtcNow()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(61)]
    [InlineData(-5)]
    public void TheTimeToAcknowledge_IsBetweenOneMinuteAndAnHour(int? minutes)
    {
        var error = Assert.Throws<ClinicalRuleException>(() => DutyAlert.ValidEscalationMinutes(minutes));
        Assert.Equal("EscalationMinutes", error.Field);
    }

    [Fact]
    public void AnAlertNobodyTakesOn_EscalatesWhenItsTimeComes_NotAMomentBefore_AndOnlyOnce()
    {
        var clock = new FakeTimeProvider(Sent);
        var alert = Raise(clock, minutes: 5);

        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.False(alert.IsDueToEscalate(clock.GetUtcNow()));
        Assert.False(alert.Escalate(clock.GetUtcNow()));
        Assert.Null(alert.EscalatedAt);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(alert.Escalate(clock.GetUtcNow()));
        var escalatedAt = clock.GetUtcNow();

        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.False(alert.Escalate(clock.GetUtcNow()));
        Assert.Equal(escalatedAt, alert.EscalatedAt);
    }

    [Fact]
    public void AnAlertTakenOnInTime_NeverEscalates()
    {
        var clock = new FakeTimeProvider(Sent);
        var alert = Raise(clock);
        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.True(alert.Acknowledge(OnDuty, clock.GetUtcNow()));

        clock.Advance(TimeSpan.FromHours(2));
        Assert.False(alert.IsDueToEscalate(clock.GetUtcNow()));
        Assert.False(alert.Escalate(clock.GetUtcNow()));
        Assert.True(alert.IsOpen);
    }

    [Fact]
    public void TheEscalationTime_IsElapsedTime_AcrossTheNightTheClocksGoBack()
    {
        // 00:40 UTC on 25 October 2026 is 01:40 BST; at 01:00 UTC the clocks go back to 01:00 GMT.
        // Ten minutes are ten real minutes, whatever the wall clock shows.
        var clock = new FakeTimeProvider(Sent);
        var alert = Raise(clock, minutes: 30);

        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.False(alert.Escalate(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(alert.Escalate(clock.GetUtcNow()));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 1, 10, 0, TimeSpan.Zero), alert.EscalatedAt);
    }

    [Fact]
    public void TheFirstToTakeItOn_IsRecorded_AndASecondChangesNothing()
    {
        var clock = new FakeTimeProvider(Sent);
        var alert = Raise(clock);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(alert.Acknowledge(Colleague, clock.GetUtcNow()));
        var first = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.False(alert.Acknowledge(OnDuty, clock.GetUtcNow()));
        Assert.Equal((first, Colleague), (alert.AcknowledgedAt, alert.AcknowledgedBy));
    }

    [Fact]
    public void TakingItOnAfterItEscalated_IsStillRecorded()
    {
        var clock = new FakeTimeProvider(Sent);
        var alert = Raise(clock, minutes: 1);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(alert.Escalate(clock.GetUtcNow()));

        Assert.True(alert.Acknowledge(OnDuty, clock.GetUtcNow()));
        Assert.True(alert.IsEscalated);
        Assert.Equal(OnDuty, alert.AcknowledgedBy);
    }

    [Fact]
    public void RecordingWhatWasDone_ClosesTheAlert_AndCountsAsTakingItOn()
    {
        var clock = new FakeTimeProvider(Sent);
        var alert = Raise(clock);
        clock.Advance(TimeSpan.FromMinutes(4));

        alert.RecordResponse(OnDuty, DutyResponse.CalledThePerson, "  Spoke to them; their sister is with them tonight.  ", clock.GetUtcNow());

        Assert.False(alert.IsOpen);
        Assert.Equal((DutyResponse.CalledThePerson, "Spoke to them; their sister is with them tonight.", OnDuty), (alert.Response, alert.ResponseNote, alert.RespondedBy));
        Assert.Equal(clock.GetUtcNow(), alert.AcknowledgedAt);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.False(alert.Escalate(clock.GetUtcNow()));
    }

    [Theory]
    [InlineData(DutyResponse.NoActionNeeded, "Say why no action was needed")]
    [InlineData(DutyResponse.SomethingElse, "Say what was done")]
    public void NoActionOrSomethingElse_NeedsTheReasonInWords(DutyResponse response, string message)
    {
        var alert = Raise(new FakeTimeProvider(Sent));
        var error = Assert.Throws<ClinicalRuleException>(() => alert.RecordResponse(OnDuty, response, "   ", Sent));
        Assert.Equal((message, "ResponseNote"), (error.Message, error.Field));
        Assert.True(alert.IsOpen);
        Assert.Null(alert.AcknowledgedAt);
    }

    [Fact]
    public void EmergencyServicesContacted_NeedsNoNote()
    {
        var alert = Raise(new FakeTimeProvider(Sent));
        alert.RecordResponse(OnDuty, DutyResponse.ContactedEmergencyServices, null, Sent);
        Assert.Equal(DutyResponse.ContactedEmergencyServices, alert.Response);
    }

    [Fact]
    public void AResponseMustBeChosen_AndIsRecordedOnlyOnce()
    {
        var alert = Raise(new FakeTimeProvider(Sent));
        Assert.Equal("Response", Assert.Throws<ClinicalRuleException>(() => alert.RecordResponse(OnDuty, null, "x", Sent)).Field);
        Assert.Equal("Response", Assert.Throws<ClinicalRuleException>(() => alert.RecordResponse(OnDuty, (DutyResponse)99, "x", Sent)).Field);

        alert.RecordResponse(OnDuty, DutyResponse.NoActionNeeded, "The words were about a film they watched.", Sent);
        var again = Assert.Throws<ClinicalRuleException>(() => alert.RecordResponse(Colleague, DutyResponse.CalledThePerson, null, Sent.AddMinutes(1)));
        Assert.Equal("Response", again.Field);
        Assert.Equal((DutyResponse.NoActionNeeded, OnDuty), (alert.Response, alert.RespondedBy));
    }

    [Fact]
    public void ANoteLongerThanTheLimit_IsRefused()
    {
        var alert = Raise(new FakeTimeProvider(Sent));
        var error = Assert.Throws<ClinicalRuleException>(() =>
            alert.RecordResponse(OnDuty, DutyResponse.CalledThePerson, new string('a', DutyAlert.MaxNoteLength + 1), Sent));
        Assert.Equal("ResponseNote", error.Field);
    }
}
