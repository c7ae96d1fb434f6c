using System.Net;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Security;

/// <summary>Moves the clock, so it has an application of its own.</summary>
public sealed class SessionLifetimeTests(SessionLifetimeTests.Factory app) : IClassFixture<SessionLifetimeTests.Factory>
{
    public sealed class Factory : AftercareFactory;

    [Fact]
    public async Task ASessionLeftIdleFor31Minutes_Ends()
    {
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Practitioner, await app.NewTeam()));
        Assert.Equal(HttpStatusCode.OK, (await session.Get("/persons")).StatusCode);
        try
        {
            app.Clock.Advance(TimeSpan.FromMinutes(31));
            Assert.Equal(HttpStatusCode.Redirect, (await session.Get("/persons")).StatusCode);
            var endedReasons = await app.WithDb(db => db.AuthSessions.Where(s => s.EndedReason == "inactive").CountAsync());
            Assert.True(endedReasons >= 1);
        }
        finally { app.Clock.Reset(); }
    }

    [Fact]
    public async Task AnActiveSession_EndsAfter12Hours_HoweverBusy()
    {
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Practitioner, await app.NewTeam()));
        try
        {
            for (var minutes = 0; minutes < 11 * 60 + 40; minutes += 20)
            {
                app.Clock.Advance(TimeSpan.FromMinutes(20));
                Assert.Equal(HttpStatusCode.OK, (await session.Get("/persons")).StatusCode);
            }
            app.Clock.Advance(TimeSpan.FromMinutes(25));
            Assert.Equal(HttpStatusCode.Redirect, (await session.Get("/persons")).StatusCode);
        }
        finally { app.Clock.Reset(); }
    }
}
