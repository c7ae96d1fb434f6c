using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Tests.Common;
using static Aftercare.Domain.Tests.Pathways.PathwayTestData;

namespace Aftercare.Domain.Tests.Pathways;

public class PathwayTests
{
    private static readonly DateTimeOffset SignedOff = Uk(2026, 6, 10, 14, 30);

    [Fact]
    public void APathway_CannotStartFromADraftAssessment()
    {
        var draft = Assessment(SignedOff, signOff: false);
        var e = Assert.Throws<ClinicalRuleException>(() => Pathway.Start(draft, PathwayDefinition.Assured, Team, Asha, Asha, null));
        Assert.Contains("Sign off", e.Message);
    }

    [Fact]
    public void Starting_PlansEveryContact_CountedFromTheSignOff_WithTheNamedPractitioner()
    {
        var pathway = Started(SignedOff);
        Assert.Equal(SignedOff, pathway.StartedAt);
        Assert.Equal(PathwayDefinition.Assured.Contacts.Select(c => c.Key), pathway.Contacts.Select(c => c.Key));
        Assert.All(pathway.Contacts, c => Assert.Equal(Asha, c.PractitionerId));
        Assert.All(pathway.Contacts, c => Assert.Equal(ContactStatus.Open, c.Status));
        var checkIn = pathway.Contacts[0];
        Assert.Equal(SignedOff, checkIn.OpensAt);
        Assert.Equal(SignedOff.AddHours(48), checkIn.DueAt);
        Assert.Equal(Uk(2026, 6, 15, 14, 30), pathway.Contacts[1].OpensAt);
        Assert.Equal(Uk(2026, 6, 20, 14, 30), pathway.Contacts[1].DueAt);
        Assert.Equal(Uk(2026, 9, 10, 14, 30).AddDays(-14), pathway.Contacts[4].OpensAt);
        Assert.Equal(Uk(2026, 9, 24, 14, 30), pathway.Contacts[4].DueAt);
        var allocation = Assert.Single(pathway.PractitionerChanges);
        Assert.Null(allocation.FromPractitionerId);
        Assert.Equal(Asha, allocation.ToPractitionerId);
    }

    [Fact]
    public void The48HourFollowUp_IsExactly48ElapsedHours_WhenTheClocksGoForwardInBetween()
    {
        // Signed off at 10:00 on Saturday 28 March 2026; the clocks go forward at 01:00 on Sunday.
        var signedOff = Uk(2026, 3, 28, 10, 0);
        var due = Started(signedOff).Contacts[0].DueAt;
        Assert.Equal(TimeSpan.FromHours(48), due - signedOff);
        Assert.Equal(new DateTime(2026, 3, 30, 11, 0, 0), UkTime.ToLocal(due));   // 11:00 BST on the wall clock
    }

    [Fact]
    public void The48HourFollowUp_IsExactly48ElapsedHours_WhenTheClocksGoBackInBetween()
    {
        var signedOff = Uk(2026, 10, 24, 1, 30);
        var due = Started(signedOff).Contacts[0].DueAt;
        Assert.Equal(TimeSpan.FromHours(48), due - signedOff);
        Assert.Equal(new DateTime(2026, 10, 26, 0, 30, 0), UkTime.ToLocal(due));  // 00:30 GMT: the wall clock lost an hour
    }

    [Fact]
    public void ASessionAWeekLater_KeepsTheTimeOfDay_AcrossTheClocksGoingBack()
    {
        var signedOff = Uk(2026, 10, 20, 14, 0);   // 13:00 UTC in summer time
        var session = Started(signedOff).Contacts[1];
        Assert.Equal(new DateTime(2026, 10, 25, 14, 0, 0), UkTime.ToLocal(session.OpensAt));
        Assert.Equal(new DateTime(2026, 10, 30, 14, 0, 0), UkTime.ToLocal(session.DueAt));
        Assert.Equal(TimeSpan.FromDays(10) + TimeSpan.FromHours(1), session.DueAt - signedOff);
    }

    [Fact]
    public void AWindowThatWouldOpenInTheHourTheClocksSkip_OpensAtTheEndOfThatHour_NeverEarlier()
    {
        var signedOff = Uk(2026, 3, 24, 1, 30);     // 01:30 GMT; five days on, 01:30 does not exist
        var opens = Started(signedOff).Contacts[1].OpensAt;
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), opens);
        Assert.Equal(new DateTime(2026, 3, 29, 2, 30, 0), UkTime.ToLocal(opens));
    }

    [Fact]
    public void ALetterAtThreeMonths_FollowsTheCalendar_EvenFromTheEndOfAMonth()
    {
        var pathway = Started(Uk(2026, 11, 30, 9, 0));
        var letter = pathway.Contacts.Single(c => c.Key == "letter-3");
        Assert.Equal(new DateTime(2027, 2, 14, 9, 0, 0), UkTime.ToLocal(letter.OpensAt));   // 28 February less 14 days
        Assert.Equal(new DateTime(2027, 3, 14, 9, 0, 0), UkTime.ToLocal(letter.DueAt));
    }

    [Fact]
    public void AContact_IsOverdueTheMomentItsDueTimeHasPassed_AndOnlyWhileItIsOpen()
    {
        var clock = new FakeTimeProvider(SignedOff);
        var pathway = Started(SignedOff);
        var checkIn = pathway.Contacts[0];
        clock.SetUtcNow(checkIn.DueAt);
        Assert.False(checkIn.IsOverdueAt(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(checkIn.IsOverdueAt(clock.GetUtcNow()));
        Assert.Equal(Urgency.Overdue, checkIn.UrgencyAt(clock.GetUtcNow()));

        pathway.CompleteContact(checkIn.Id, clock.GetUtcNow(), Asha, null, clock.GetUtcNow());
        Assert.False(checkIn.IsOverdueAt(clock.GetUtcNow()));
        Assert.Equal(Urgency.Finished, checkIn.UrgencyAt(clock.GetUtcNow()));

        var session = pathway.Contacts[1];
        clock.SetUtcNow(session.DueAt.AddDays(1));
        pathway.CloseContact(session.Id, "Moved to Scotland; his new GP knows", Ben, clock.GetUtcNow());
        Assert.False(session.IsOverdueAt(clock.GetUtcNow()));
    }

    [Fact]
    public void DueToday_MeansBeforeMidnightOnTheUkClock_NotTheUtcOne()
    {
        // Signed off at 23:30 BST on 10 June: the check-in is due at 23:30 BST (22:30 UTC) on 12 June.
        var checkIn = Started(Uk(2026, 6, 10, 23, 30)).Contacts[0];
        Assert.Equal(Urgency.Next, checkIn.UrgencyAt(Uk(2026, 6, 11, 23, 59)));
        Assert.Equal(Urgency.DueToday, checkIn.UrgencyAt(Uk(2026, 6, 12, 0, 10)));    // still 11 June in UTC, already the 12th here
        Assert.Equal(Urgency.DueToday, checkIn.UrgencyAt(Uk(2026, 6, 12, 23, 30)));
        Assert.Equal(Urgency.Overdue, checkIn.UrgencyAt(Uk(2026, 6, 12, 23, 31)));
    }

    [Fact]
    public void TheDueTimeTimer_RecordsAnOverdueContactOnce_AndNeverOneDoneInTime()
    {
        var pathway = Started(SignedOff);
        var checkIn = pathway.Contacts[0];
        Assert.False(checkIn.RecordOverdue(checkIn.DueAt));
        Assert.True(checkIn.RecordOverdue(checkIn.DueAt.AddMinutes(1)));
        Assert.False(checkIn.RecordOverdue(checkIn.DueAt.AddMinutes(2)));
        Assert.Equal(checkIn.DueAt.AddMinutes(1), checkIn.OverdueRecordedAt);

        var session = pathway.Contacts[1];
        pathway.CompleteContact(session.Id, session.OpensAt, Asha, CareSessionId.New(), session.OpensAt);
        Assert.False(session.RecordOverdue(session.DueAt.AddDays(1)));
    }

    [Fact]
    public void Cover_NeedsAReasonAndAnEnd_AndHandsTheWorkBackWhenItEnds()
    {
        var clock = new FakeTimeProvider(SignedOff);
        var pathway = Started(SignedOff);
        Assert.Equal("Reason", Assert.Throws<ClinicalRuleException>(() => pathway.ArrangeCover(Ben, SignedOff, SignedOff.AddDays(7), " ", Supervisor, SignedOff)).Field);
        Assert.Throws<ClinicalRuleException>(() => pathway.ArrangeCover(Asha, SignedOff, SignedOff.AddDays(7), "Leave", Supervisor, SignedOff));
        Assert.Throws<ClinicalRuleException>(() => pathway.ArrangeCover(Ben, SignedOff, SignedOff, "Leave", Supervisor, SignedOff));

        var cover = pathway.ArrangeCover(Ben, SignedOff.AddDays(1), SignedOff.AddDays(8), "Asha on annual leave", Supervisor, SignedOff);
        Assert.Equal(Asha, cover.CoveredPractitionerId);              // whose work it is
        Assert.Equal(Asha, pathway.ResponsibleAt(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(Ben, pathway.ResponsibleAt(clock.GetUtcNow()));
        Assert.Equal(Asha, pathway.NamedPractitionerId);            // cover never changes who is named
        Assert.Equal("Asha on annual leave", pathway.CoverAt(clock.GetUtcNow())!.Reason);
        clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(Asha, pathway.ResponsibleAt(clock.GetUtcNow()));

        var again = pathway.ArrangeCover(Ben, clock.GetUtcNow(), clock.GetUtcNow().AddDays(3), "Asha off sick", Supervisor, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromHours(1));
        pathway.EndCover(again.Id, Asha, clock.GetUtcNow());
        Assert.Null(pathway.CoverAt(clock.GetUtcNow()));
        Assert.Equal(2, pathway.Covers.Count);                       // ended, never removed
        Assert.Equal(SignedOff, cover.ArrangedAt);
    }

    [Fact]
    public void AHandover_MovesEveryOpenContact_OverdueOnesIncluded_AndKeepsWhoWasNamedBefore()
    {
        var pathway = Started(SignedOff);
        var now = SignedOff.AddDays(3);                               // the check-in is overdue
        var session = pathway.Contacts[1];
        pathway.CompleteContact(session.Id, now, Asha, CareSessionId.New(), now);
        Assert.Equal("Reason", Assert.Throws<ClinicalRuleException>(() => pathway.HandOver(Ben, null, Supervisor, now)).Field);
        Assert.Throws<ClinicalRuleException>(() => pathway.HandOver(Asha, "No change", Supervisor, now));

        var inPlace = pathway.ArrangeCover(Supervisor, now.AddDays(-1), now.AddDays(6), "Asha on leave", Supervisor, now.AddDays(-1));
        var toCome = pathway.ArrangeCover(Supervisor, now.AddDays(10), now.AddDays(12), "Asha on a course", Supervisor, now);
        var over = pathway.ArrangeCover(Supervisor, now.AddDays(-3), now.AddDays(-2), "Asha off sick", Supervisor, now.AddDays(-3));

        pathway.HandOver(Ben, "Asha has moved to the community team", Supervisor, now);
        // Cover for Asha's absence ends with the handover, so no cover in place or to come is of
        // anyone but the named practitioner, who holds every open contact (the worklists rely on it).
        Assert.Equal((now, now, null), (inPlace.EndedAt, toCome.EndedAt, over.EndedAt));
        Assert.DoesNotContain(pathway.Covers, c => c.EndedAt is null && c.EndsAt > now && c.CoveredPractitionerId != pathway.NamedPractitionerId);
        Assert.Equal(Ben, pathway.NamedPractitionerId);
        Assert.All(pathway.OpenContacts, c => Assert.Equal(Ben, c.PractitionerId));
        Assert.Equal(Asha, session.PractitionerId);                   // what Asha did stays hers
        Assert.True(pathway.Contacts[0].IsOverdueAt(now));            // still overdue, now on Ben's work
        var change = pathway.PractitionerChanges[^1];
        Assert.Equal((Asha, Ben, "Asha has moved to the community team"), (change.FromPractitionerId!.Value, change.ToPractitionerId, change.Reason));
    }

    [Fact]
    public void AContact_IsDoneOnce_NeverInTheFuture_AndThePathwayCompletesWhenNothingIsOpen()
    {
        var pathway = Started(SignedOff, new PathwayDefinition("plain", "Plain", null,
            [new ContactTemplate("call", "Follow-up call", ContactKind.FollowUp, default, PathwayOffset.OfHours(48)),
             new ContactTemplate("review", "Review", ContactKind.Session, PathwayOffset.OfDays(7), PathwayOffset.OfDays(14))]));
        var now = SignedOff.AddHours(20);
        var call = pathway.Contacts[0];
        Assert.Throws<ClinicalRuleException>(() => pathway.CompleteContact(call.Id, now.AddHours(1), Asha, null, now));
        pathway.CompleteContact(call.Id, now, Asha, null, now);
        Assert.Throws<ClinicalRuleException>(() => pathway.CompleteContact(call.Id, now, Asha, null, now));
        Assert.Equal(PathwayStatus.Active, pathway.Status);
        Assert.Equal("ClosedReason", Assert.Throws<ClinicalRuleException>(() => pathway.CloseContact(pathway.Contacts[1].Id, "", Asha, now)).Field);
        pathway.CloseContact(pathway.Contacts[1].Id, "He asked not to have more sessions; GP informed", Asha, now);
        Assert.Equal(PathwayStatus.Completed, pathway.Status);
        Assert.Equal(now, pathway.CompletedAt);
        Assert.Throws<ClinicalRuleException>(() => pathway.HandOver(Ben, "Too late", Supervisor, now));
    }
}
