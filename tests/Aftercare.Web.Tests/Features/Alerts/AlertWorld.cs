using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;
using Aftercare.Web.Tests.Features.Messages;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Alerts;

public static class AlertTestData
{
    /// <summary>Words the default crisis rules flag (intent, a time), as a person might write them.</summary>
    public const string Crisis = "I can't go on any more, I'm going to kill myself tonight";

    /// <summary>Puts a member of the team on duty from now for eight hours.</summary>
    public static Task OnDuty(this AftercareFactory f, TeamAtSite team, StaffAccount who) =>
        f.WithDb(db =>
        {
            var now = DateTimeOffset.UtcNow;
            db.DutyShifts.Add(DutyShift.Arrange(team.TeamId, new StaffId(who.Id), now.AddMinutes(-1), now.AddHours(8), new StaffId(who.Id), now.AddMinutes(-1)));
            return db.SaveChangesAsync();
        });

    /// <summary>The alert raised by the person's latest flagged message.</summary>
    public static Task<DutyAlert> AlertOf(this AftercareFactory f, PersonId person) =>
        f.WithDb(db => db.DutyAlerts.AsNoTracking().Where(a => a.PersonId == person).OrderByDescending(a => a.RaisedAt).FirstAsync());

    /// <summary>The patient sends a crisis message through their page; answers the alert it raised.</summary>
    public static async Task<DutyAlert> SendCrisis(this AftercareFactory f, MessagingWorld world, string words = Crisis)
    {
        await (await f.SignedIn(world.Patient)).Send(words);
        return await f.AlertOf(world.Person);
    }
}
