using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Messages;

/// <summary>A person in active care with an account of their own, their named practitioner, and their team.</summary>
public sealed record MessagingWorld(TeamAtSite Team, StaffAccount Practitioner, PersonId Person, PathwayId Pathway, PatientAccount Patient, string Family)
{
    public string StaffUrl => $"/persons/{Person}/messages";
    public const string PatientUrl = "/my/messages";
}

public static class MessagingTestData
{
    /// <summary>Every day, midnight to midnight: whenever the test runs, the team is reading.</summary>
    public const string AlwaysReading = "Mo 00:00-24:00;Tu 00:00-24:00;We 00:00-24:00;Th 00:00-24:00;Fr 00:00-24:00;Sa 00:00-24:00;Su 00:00-24:00";

    private static readonly string[] Codes = ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"];

    /// <summary>
    /// Only three days from today (UK), 9am to 5pm: whenever the test runs, the team is not reading,
    /// and a message sent now is read on that day at 9am.
    /// </summary>
    public static (string Hours, DateOnly Opens) NotReadingNow()
    {
        var day = UkTime.DateOf(DateTimeOffset.UtcNow).AddDays(3);
        return ($"{Codes[(int)day.DayOfWeek]} 09:00-17:00", day);
    }

    public static async Task<MessagingWorld> NewMessagingWorld(this AftercareFactory f, string hours = AlwaysReading)
    {
        var team = await f.NewTeam();
        var practitioner = await f.NewStaff(StaffRole.Practitioner, team);
        var (person, pathway) = await f.NewPathway(team, practitioner, DateTimeOffset.UtcNow.AddDays(-2));
        var patient = await f.NewPatientAccount(person);
        var family = await f.WithDb(db => db.Persons.Where(p => p.Id == person).Select(p => p.FamilyName).SingleAsync());
        await f.SetReadingHours(team, hours);
        return new MessagingWorld(team, practitioner, person, pathway, patient, family);
    }

    public static Task SetReadingHours(this AftercareFactory f, TeamAtSite team, string hours, int replyWithin = 16) =>
        f.WithDb(db => db.Database.ExecuteSqlAsync(
            $"UPDATE teams SET message_reading_hours = {hours}, message_reply_within_hours = {replyWithin} WHERE id = {team.TeamId.Value}"));

    /// <summary>Someone else covers the person's pathway from now for a week.</summary>
    public static async Task ArrangeCover(this AftercareFactory f, MessagingWorld world, StaffAccount covering)
    {
        await f.WithDb(async db =>
        {
            var pathway = await db.Pathways.Include(p => p.Covers).SingleAsync(p => p.Id == world.Pathway);
            var now = DateTimeOffset.UtcNow;
            pathway.ArrangeCover(new StaffId(covering.Id), now.AddMinutes(-1), now.AddDays(7), "On leave this week", new StaffId(world.Practitioner.Id), now);
            return await db.SaveChangesAsync();
        });
    }

    /// <summary>The person's pathway is completed: their care with the team has ended.</summary>
    public static Task EndCare(this AftercareFactory f, MessagingWorld world) =>
        f.WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE pathways SET status = 2, completed_at = now() WHERE id = {world.Pathway.Value}"));

    public static async Task<WebSession> SignedIn(this AftercareFactory f, PatientAccount patient)
    {
        var session = f.NewSession();
        await session.SignIn(patient);
        return session;
    }

    public static async Task<WebSession> SignedIn(this AftercareFactory f, StaffAccount staff)
    {
        var session = f.NewSession();
        await session.SignIn(staff);
        return session;
    }

    /// <summary>The patient sends a message through the page, as a browser would; answers where it redirected.</summary>
    public static async Task<string> Send(this WebSession patient, string body) =>
        await WebSession.AssertRedirect(await patient.PostForm(MessagingWorld.PatientUrl, new Dictionary<string, string?> { ["Form.Body"] = body }));

    public static async Task<string> Reply(this WebSession staff, MessagingWorld world, string body) =>
        await WebSession.AssertRedirect(await staff.PostForm(world.StaffUrl, new Dictionary<string, string?> { ["Form.Body"] = body }));

    public static async Task<List<Message>> MessagesOf(this AftercareFactory f, PersonId person) =>
        await f.WithDb(db => (from c in db.Conversations
                              where c.PersonId == person
                              join m in db.Messages on c.Id equals m.ConversationId
                              orderby m.Sequence
                              select m).AsNoTracking().ToListAsync());

    public static string Day(DateOnly day) => day.DayOfWeek.ToString();

    /// <summary>The header's count of conversations with something unread: 0 when the count is hidden.</summary>
    public static int HeaderCount(AngleSharp.Dom.IDocument page)
    {
        var count = page.QuerySelector("[data-testid=messages-count]")!;
        return count.HasAttribute("hidden") ? 0 : int.Parse(count.TextContent);
    }
}
