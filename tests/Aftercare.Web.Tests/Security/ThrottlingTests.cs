using System.Net;
using Aftercare.Web.Tests.Infrastructure;

namespace Aftercare.Web.Tests.Security;

/// <summary>Sign-in attempts are throttled per address, before the password is even checked.</summary>
public sealed class ThrottlingTests(ThrottlingTests.Factory app) : IClassFixture<ThrottlingTests.Factory>
{
    public sealed class Factory : AftercareFactory
    {
        protected override int SignInAttemptsPerMinute => 3;
    }

    [Fact]
    public async Task MoreSignInAttemptsThanTheLimitInAMinute_AreRefusedWithTooManyRequests()
    {
        var session = app.NewSession();
        var page = await session.GetPage("/account/sign-in");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var r = await session.PostWithToken("/account/sign-in", token, new Dictionary<string, string?> { ["Form.Email"] = "nobody@example.nhs.uk", ["Form.Password"] = "guess number " + i });
            codes.Add(r.StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], codes);
    }
}
