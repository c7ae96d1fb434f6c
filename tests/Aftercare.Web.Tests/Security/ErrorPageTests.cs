using System.Net;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Aftercare.Web.Tests.Security;

/// <summary>An unexpected failure deep in a request shows a friendly page, never the exception.</summary>
public sealed class ErrorPageTests(ErrorPageTests.Factory app) : IClassFixture<ErrorPageTests.Factory>
{
    public sealed class Factory : AftercareFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddTransient<IStartupFilter, FailingEndpoint>());
        }
    }

    /// <summary>Adds, inside the application's own pipeline, an address that fails like a broken query would.</summary>
    private sealed class FailingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context => context.Request.Path == "/test-failure"
                ? throw new InvalidOperationException("42P01: relation \"persons\" does not exist: SELECT family_name FROM persons")
                : Task.CompletedTask);
        };
    }

    [Fact]
    public async Task AnUnexpectedFailure_ShowsAFriendlyPage_WithoutTheExceptionOrSql()
    {
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Practitioner, await app.NewTeam()));
        var response = await session.Get("/test-failure");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Sorry, there is a problem with the service", html);
        Assert.DoesNotContain("SELECT", html);
        Assert.DoesNotContain("InvalidOperationException", html);
        Assert.DoesNotContain("42P01", html);
    }
}
