using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Features.Messages;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Supervision;

/// <summary>A team with its supervisor and two practitioners; Asha is named for Robin, who has written to the team.</summary>
public sealed record SupervisionWorld(TeamAtSite Team, StaffAccount Supervisor, StaffAccount Asha, StaffAccount Ben, PersonId Robin, string RobinFamily, PatientAccount RobinAccount)
{
    public string TeamUrl => $"/teams/{Team.TeamId}/supervision";
    public string RecordUrl => $"{TeamUrl}?practitioner={Asha.Id}";
}

public static class SupervisionTestData
{
    public static async Task<SupervisionWorld> NewSupervisionWorld(this AftercareFactory app)
    {
        var messaging = await app.NewMessagingWorld();
        var supervisor = await app.NewStaff(StaffRole.Supervisor, messaging.Team);
        var ben = await app.NewStaff(StaffRole.Practitioner, messaging.Team);
        // Robin's message is written straight to the record, so a browser fixture (which serves no test client) can use this world too.
        await app.WithDb(async db =>
        {
            var now = DateTimeOffset.UtcNow.AddMinutes(-5);
            var hours = (await db.Teams.FirstAsync(t => t.Id == messaging.Team.TeamId)).ReadingHours(UkTime.Zone);
            var conversation = Conversation.Open(messaging.Person, now);
            db.Conversations.Add(conversation);
            db.Messages.AddRange(conversation.Send(MessageSender.Patient(messaging.Patient.Id, "Robin"), "I have not been sleeping", hours, careIsActive: true, now).All);
            return await db.SaveChangesAsync();
        });
        return new SupervisionWorld(messaging.Team, supervisor, messaging.Practitioner, ben, messaging.Person, messaging.Family, messaging.Patient);
    }

    /// <summary>The supervisor records a session with Asha: Robin's case, Robin's transcript reviewed, and one action for Asha.</summary>
    public static async Task<string> RecordSession(this WebSession supervisor, SupervisionWorld world, string action = "Review Robin's safety plan with her this week")
    {
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var due = today.AddDays(7);
        return await WebSession.AssertRedirect(await supervisor.PostForm(world.RecordUrl, new Dictionary<string, string?>
        {
            ["Form.Practitioner"] = world.Asha.Id.ToString(),
            ["Form.HeldOn.Day"] = today.Day.ToString(),
            ["Form.HeldOn.Month"] = today.Month.ToString(),
            ["Form.HeldOn.Year"] = today.Year.ToString(),
            ["Form.DurationMinutes"] = "60",
            ["Form.Kind"] = "OneToOne",
            ["Form.Cases[0].PersonId"] = world.Robin.ToString(),
            ["Form.Cases[0].Discussed"] = "Not sleeping; safety plan not yet shared with her sister",
            ["Form.Transcripts"] = world.Robin.ToString(),
            ["Form.Actions[0].Text"] = action,
            ["Form.Actions[0].Owner"] = "Practitioner",
            ["Form.Actions[0].DueOn.Day"] = due.Day.ToString(),
            ["Form.Actions[0].DueOn.Month"] = due.Month.ToString(),
            ["Form.Actions[0].DueOn.Year"] = due.Year.ToString(),
            ["Form.Actions[0].AboutPerson"] = world.Robin.ToString(),
        }));
    }
}
