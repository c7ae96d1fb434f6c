using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Referrals;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aftercare.Web.Tests.Features.Referrals;

/// <summary>The referral kept in PostgreSQL: all of it read back as saved, its history never rewritten, and a second writer refused.</summary>
[Collection("web")]
public sealed class ReferralStorageTests(AftercareFactory app)
{
    [Fact]
    public async Task AReferral_IsReadBackAsSaved_WithItsLetterContributorsEscalationsAndHistory()
    {
        var world = await app.NewReferralWorld();
        var colleague = await app.NewStaff(StaffRole.Practitioner, world.Team);
        var by = new StaffId(world.Practitioner.Id);
        var referral = await app.NewReferral(world, ReferralStatus.Declined, DeclineReason.Age, draft: r =>
        {
            var c = r.NameContributor(colleague.Name, Discipline.SocialWork, "Approved mental health professional", new StaffId(colleague.Id), by, world.Practitioner.Name, DateTimeOffset.UtcNow.AddHours(-6));
            r.AddContribution(c.Id, "Robin's housing is secure.\nShe has a tenancy support worker.", new StaffId(colleague.Id), colleague.Name, DateTimeOffset.UtcNow.AddHours(-6));
        });
        var senior = await app.NewStaff(StaffRole.Supervisor, world.Team);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AftercareDb>();
            var tracked = await db.ReferralOf(world.Person, referral.Id.Value, tracked: true, default);
            db.ExpectVersion(tracked!, db.VersionOf(tracked!));
            tracked!.Escalate(new StaffId(senior.Id), senior.Name, "Please call their lead", by, world.Practitioner.Name, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        var saved = await app.Saved(referral.Id);
        Assert.Equal(referral.Letter, saved.Letter);
        Assert.Equal(referral.Letter.Sections.Select(s => (s.Key, s.Kind, s.Heading, s.Hint, s.Text)), saved.Letter.Sections.Select(s => (s.Key, s.Kind, s.Heading, s.Hint, s.Text)));
        var contributor = Assert.Single(saved.Contributors);
        Assert.Equal(("Approved mental health professional", Discipline.SocialWork, "Robin's housing is secure.\nShe has a tenancy support worker."), (contributor.Role, contributor.Discipline, contributor.Part));
        Assert.Equal(new StaffId(colleague.Id), contributor.StaffId);
        Assert.Equal((DeclineReason.Age, true, "We cannot take this referral at present."), (saved.DeclineReason!.Value, saved.IsDeclinedContraryToGuidance, saved.DeclineExplanation));
        Assert.Equal(senior.Name, saved.OpenEscalation!.SeniorClinicianName);
        Assert.Equal(Enumerable.Range(1, saved.History.Count), saved.History.OrderBy(h => h.Sequence).Select(h => h.Sequence));
        Assert.Equal(ReferralHistoryKind.Escalated, saved.History.MaxBy(h => h.Sequence)!.Kind);
        Assert.Equal(referral.PrintedLetter(), saved.PrintedLetter());
    }

    [Fact]
    public async Task TheHistory_CannotBeRewritten_AndTheDatabaseRefusesADeclineWithoutItsReason()
    {
        var world = await app.NewReferralWorld();
        var referral = await app.NewReferral(world);
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();

        var update = await Assert.ThrowsAsync<PostgresException>(() =>
            new NpgsqlCommand($"UPDATE referral_history SET by_name = 'someone else' WHERE referral_id = '{referral.Id}'", conn).ExecuteNonQueryAsync());
        Assert.Contains("append-only", update.MessageText);
        await Assert.ThrowsAsync<PostgresException>(() =>
            new NpgsqlCommand($"DELETE FROM referral_history WHERE referral_id = '{referral.Id}'", conn).ExecuteNonQueryAsync());
        var decline = await Assert.ThrowsAsync<PostgresException>(() =>
            new NpgsqlCommand($"UPDATE referrals SET status = 4 WHERE id = '{referral.Id}'", conn).ExecuteNonQueryAsync());
        Assert.Equal("ck_referrals_decline_has_reason", decline.ConstraintName);
    }

    [Fact]
    public async Task AChangeToOnlyAColleaguesPart_StillMovesTheReferralsVersion_SoASecondWriterIsRefused()
    {
        var world = await app.NewReferralWorld();
        var colleague = await app.NewStaff(StaffRole.Practitioner, world.Team);
        var by = new StaffId(world.Practitioner.Id);
        var referral = await app.NewReferral(world, ReferralStatus.Draft, draft: r =>
            r.NameContributor(colleague.Name, Discipline.Psychology, null, new StaffId(colleague.Id), by, world.Practitioner.Name, DateTimeOffset.UtcNow.AddHours(-6)));
        var contributor = referral.Contributors.Single().Id;

        await using var first = app.Scope();
        await using var second = app.Scope();
        var db1 = first.ServiceProvider.GetRequiredService<AftercareDb>();
        var db2 = second.ServiceProvider.GetRequiredService<AftercareDb>();
        var mine = (await db1.ReferralOf(world.Person, referral.Id.Value, tracked: true, default))!;
        var theirs = (await db2.ReferralOf(world.Person, referral.Id.Value, tracked: true, default))!;
        var version = db1.VersionOf(mine);

        db1.ExpectVersion(mine, version);
        mine.AddContribution(contributor, "My part.", new StaffId(colleague.Id), colleague.Name, DateTimeOffset.UtcNow);
        await db1.SaveChangesAsync();
        Assert.NotEqual(version, db1.VersionOf(mine));

        db2.ExpectVersion(theirs, version);
        theirs.RemoveContributor(contributor, "Away this week", by, world.Practitioner.Name, DateTimeOffset.UtcNow);
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db2.SaveChangesAsync());
        var saved = await app.Saved(referral.Id);
        Assert.Equal("My part.", saved.Contributors.Single().Part);
        Assert.False(saved.Contributors.Single().IsRemoved);
    }
}
