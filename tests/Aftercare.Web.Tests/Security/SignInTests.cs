using System.Net;
using Aftercare.Domain.Staff;
using Aftercare.Web.Security;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aftercare.Web.Tests.Security;

[Collection("web")]
public sealed class SignInTests(AftercareFactory app)
{
    private static Dictionary<string, string?> Credentials(string email, string password) => new() { ["Form.Email"] = email, ["Form.Password"] = password };

    [Fact]
    public async Task SignIn_WithPasswordAndSecondFactor_ReachesTheHomePage()
    {
        var account = await app.NewStaff(StaffRole.Practitioner, await app.NewTeam());
        var session = app.NewSession();
        var response = await session.PostForm("/account/sign-in", Credentials(account.Email, account.Password));
        Assert.StartsWith("/account/two-factor", response.Headers.Location!.OriginalString);
        // The password alone opens nothing.
        Assert.NotEqual(HttpStatusCode.OK, (await session.Get("/persons")).StatusCode);

        response = await session.PostForm("/account/two-factor", new Dictionary<string, string?> { ["Form.Code"] = "000000" == Totp.Code(account.TotpKey!, DateTimeOffset.UtcNow) ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The code is not right", await response.Content.ReadAsStringAsync());

        response = await session.PostForm("/account/two-factor", new Dictionary<string, string?> { ["Form.Code"] = Totp.Code(account.TotpKey!, DateTimeOffset.UtcNow) });
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var home = await session.GetPage("/");
        Assert.Contains(account.Name, home.QuerySelector("[data-testid=signed-in-as]")!.TextContent);
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_ShowsAMessage_AndKeepsTheEmail()
    {
        var account = await app.NewStaff(StaffRole.Practitioner, await app.NewTeam());
        var response = await app.NewSession().PostForm("/account/sign-in", Credentials(account.Email, "not the password at all"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Enter the email address and password", page.QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.Equal(account.Email, page.QuerySelector("input[name='Form.Email']")!.GetAttribute("value"));
        Assert.Equal("", page.QuerySelector("input[name='Form.Password']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_SoTheRightPasswordIsRefusedToo()
    {
        var account = await app.NewStaff(StaffRole.Practitioner, await app.NewTeam());
        var session = app.NewSession();
        for (var i = 0; i < 5; i++)
            await session.PostForm("/account/sign-in", Credentials(account.Email, "wrong password " + i));
        var response = await session.PostForm("/account/sign-in", Credentials(account.Email, account.Password));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked for 15 minutes", await response.Content.ReadAsStringAsync());
        var failures = await app.WithDb(db => db.AuditEvents.CountAsync(a => a.EntityId == account.Id.ToString() && a.Action == "sign-in-failed"));
        Assert.True(failures >= 5);
    }

    [Fact]
    public async Task StaffWithoutASecondFactor_MustSetOneUp_BeforeSeeingAnything()
    {
        var account = await app.NewStaff(StaffRole.Practitioner, await app.NewTeam(), secondFactor: false);
        var session = app.NewSession();
        var response = await session.PostForm("/account/sign-in", Credentials(account.Email, account.Password));
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        response = await session.Get("/persons");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/set-up-two-factor", response.Headers.Location!.ToString());

        var setUpResponse = await session.Get("/account/set-up-two-factor");
        Assert.True(setUpResponse.StatusCode == HttpStatusCode.OK, $"{setUpResponse.StatusCode} {setUpResponse.Headers.Location}");
        var setUp = WebSession.Parse(await setUpResponse.Content.ReadAsStringAsync());
        var key = setUp.QuerySelector("[data-testid=authenticator-key]")!.TextContent.Replace(" ", "").Trim();
        var wrong = Totp.Code(key, DateTimeOffset.UtcNow) == "123456" ? "654321" : "123456";
        response = await session.PostForm("/account/set-up-two-factor", new Dictionary<string, string?> { ["Form.Code"] = wrong });
        Assert.Contains("The code is not right", WebSession.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".nhsuk-error-summary")!.TextContent);
        response = await session.PostForm("/account/set-up-two-factor", new Dictionary<string, string?> { ["Form.Code"] = "12ab" });
        Assert.Contains("The code must be 6 numbers", WebSession.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".nhsuk-error-summary")!.TextContent);
        response = await session.PostForm("/account/set-up-two-factor", new Dictionary<string, string?> { ["Form.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var after = await session.Get("/persons");
        Assert.True(HttpStatusCode.OK == after.StatusCode, string.Join(" | ", response.Headers.GetValues("Set-Cookie")) + " -> " + after.Headers.Location);
        Assert.True(await app.WithDb(db => db.Users.Where(u => u.Id == account.Id).Select(u => u.TwoFactorEnabled).FirstAsync()));
    }

    [Fact]
    public async Task TheSecurityCodePage_NeverShowsOrReplacesTheKey_OnceTheSecondFactorIsOn()
    {
        var account = await app.NewStaff(StaffRole.Practitioner, await app.NewTeam());
        var keyBefore = await app.WithDb(db => db.UserTokens.Where(t => t.UserId == account.Id).Select(t => t.Value).SingleAsync());
        var session = app.NewSession();
        await session.SignIn(account);

        var page = await session.GetPage("/account/set-up-two-factor");
        Assert.NotNull(page.QuerySelector("[data-testid=already-set-up]"));
        Assert.Null(page.QuerySelector("[data-testid=authenticator-key]"));
        Assert.DoesNotContain(account.TotpKey!, page.DocumentElement.OuterHtml.Replace(" ", ""), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("otpauth://", page.DocumentElement.OuterHtml);

        // A code posted anyway changes nothing: the key the person's app holds still works.
        // (The page has no form now, so the request's token is taken from another page of the session.)
        var token = (await session.GetPage("/persons/register")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var response = await session.PostWithToken("/account/set-up-two-factor", token, new Dictionary<string, string?> { ["Form.Code"] = "123456" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Equal(keyBefore, await app.WithDb(db => db.UserTokens.Where(t => t.UserId == account.Id).Select(t => t.Value).SingleAsync()));
    }

    [Fact]
    public async Task SigningIn_GivesANewSession_AndEndsTheOldOne()
    {
        var account = await app.NewStaff(StaffRole.Practitioner, await app.NewTeam());
        var session = app.NewSession();
        await session.SignIn(account);
        var old = session.Clone();
        var firstCookie = session.Cookies["aftercare-session"];
        await session.SignIn(account);
        Assert.NotEqual(firstCookie, session.Cookies["aftercare-session"]);
        Assert.Equal(HttpStatusCode.OK, (await session.Get("/persons")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await old.Get("/persons")).StatusCode);
    }

    [Fact]
    public async Task SigningOut_EndsTheSessionOnTheServer_SoAReplayedCookieOpensNothing()
    {
        var team = await app.NewTeam();
        var (id, family) = await app.NewPerson(team);
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Practitioner, team));
        var stolen = session.Clone();
        Assert.Equal(HttpStatusCode.OK, (await stolen.Get($"/persons/{id}")).StatusCode);

        var response = await session.SignOut();
        Assert.Equal("/account/signed-out", response.Headers.Location!.OriginalString);
        response = await stolen.Get($"/persons/{id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location!.ToString());
        Assert.DoesNotContain(family, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SigningOut_FromAnotherSite_EndsNothing()
    {
        var team = await app.NewTeam();
        var (id, _) = await app.NewPerson(team);
        var session = app.NewSession();
        await session.SignIn(await app.NewStaff(StaffRole.Practitioner, team));

        // What a browser sends: no session cookie (it is SameSite=Strict), so there is nothing to end.
        await session.PostFromAnotherSite("/account/sign-out", withCookies: false);
        Assert.Equal(HttpStatusCode.OK, (await session.Get($"/persons/{id}")).StatusCode);
        // A browser that sent the cookie anyway is asked to confirm on Aftercare's own page.
        var asked = await session.PostFromAnotherSite("/account/sign-out", withCookies: true);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("<h1>Sign out</h1>", await asked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await session.Get($"/persons/{id}")).StatusCode);
    }

    // A clinician's session is checked in the same statement as their banner (and, on a worklist,
    // as the list's own single values): an account no longer active opens nothing there either.
    [Theory]
    [InlineData(StaffRole.Practitioner, "/work")]
    [InlineData(StaffRole.Supervisor, "/teams/{team}/work")]
    [InlineData(StaffRole.Practitioner, "/persons")]
    public async Task AnAccountNoLongerActive_OpensNothing_EvenWithItsSessionStillOpen(StaffRole role, string page)
    {
        var team = await app.NewTeam();
        var account = await app.NewStaff(role, team);
        var url = page.Replace("{team}", team.TeamId.ToString());
        var session = app.NewSession();
        await session.SignIn(account);
        Assert.Equal(HttpStatusCode.OK, (await session.Get(url)).StatusCode);

        await using (var conn = new NpgsqlConnection(app.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("UPDATE user_accounts SET is_active = false WHERE id = $1", conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = account.Id });
            await cmd.ExecuteNonQueryAsync();
        }
        var response = await session.Get(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task DeactivatingAnAccount_EndsItsOpenSessionsAtOnce_AndRefusesSignIn()
    {
        var team = await app.NewTeam();
        var account = await app.NewStaff(StaffRole.Practitioner, team);
        var session = app.NewSession();
        await session.SignIn(account);
        Assert.Equal(HttpStatusCode.OK, (await session.Get("/persons")).StatusCode);

        var admin = app.NewSession();
        await admin.SignIn(await app.NewStaff(StaffRole.Administrator, null));
        var response = await admin.PostForm("/admin/staff", new Dictionary<string, string?>(), $"/admin/staff?handler=Deactivate&id={account.Id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await session.Get("/persons")).StatusCode);
        var again = await app.NewSession().PostForm("/account/sign-in", Credentials(account.Email, account.Password));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Enter the email address and password of an active account", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders_WithoutInlineScript()
    {
        var response = await app.NewSession().Get("/account/sign-in");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheStylesheet_AsksNoOtherSiteForAnything_SoAPageAboutSomeonesCareIsSeenByNoOneElse()
    {
        var session = app.NewSession();
        var page = await (await session.Get("/account/sign-in")).Content.ReadAsStringAsync();
        var stylesheets = System.Text.RegularExpressions.Regex.Matches(page, "<link[^>]+href=\"([^\"]+\\.css)[^\"]*\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(stylesheets, s => s.Contains("nhsuk-frontend", StringComparison.Ordinal));
        foreach (var href in stylesheets)
        {
            var css = await (await session.Get(href)).Content.ReadAsStringAsync();
            Assert.False(string.IsNullOrWhiteSpace(css), href);
            Assert.DoesNotMatch("url\\(\\s*['\"]?(https?:)?//", css);
        }
    }

    [Fact]
    public async Task AFormPostedWithoutItsAntiForgeryToken_IsRefused()
    {
        var account = await app.NewStaff(StaffRole.Practitioner, await app.NewTeam());
        var session = app.NewSession();
        await session.SignIn(account);
        var response = await session.PostWithToken("/persons/register", null, new Dictionary<string, string?> { ["Form.GivenName"] = "X" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PasswordRules_AcceptLongPassphrases_AndRefuseCommonOrShortOnes()
    {
        await using var scope = app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var user = new UserAccount { Id = Guid.NewGuid(), UserName = TestWorld.Unique("pw") + "@example.nhs.uk", Email = "pw@example.nhs.uk", DisplayName = "P" };
        async Task<IdentityResult> Check(string pw)
        {
            foreach (var v in users.PasswordValidators)
            {
                var r = await v.ValidateAsync(users, user, pw);
                if (!r.Succeeded) return r;
            }
            return IdentityResult.Success;
        }
        Assert.True((await Check("correct horse battery staple")).Succeeded);
        Assert.True((await Check(new string('x', 20) + " lowercase only no digits")).Succeeded);
        Assert.True((await Check(new string('a', 64) + "b")).Succeeded);
        Assert.False((await Check("short")).Succeeded);
        Assert.Contains((await Check("password123")).Errors, e => e.Code == "PasswordTooCommon");
        Assert.Contains((await Check("iloveyou")).Errors, e => e.Code == "PasswordTooCommon");
        Assert.False((await Check(new string('z', 129))).Succeeded);
    }
}
