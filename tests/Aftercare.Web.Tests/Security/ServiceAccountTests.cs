using System.Net;
using System.Security.Claims;
using Aftercare.Domain.Common;
using Aftercare.Domain.Sessions;
using Aftercare.Domain.Staff;
using Aftercare.Web.Security;
using Aftercare.Web.Tests.Features.Pathways;
using Aftercare.Web.Tests.Features.Referrals;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aftercare.Web.Tests.Security;

/// <summary>
/// Receiving services sign in: invited by an administrator for one service in the directory, with
/// a password and a second factor; they land on their service's referrals, may read the directory,
/// and every other page of the application answers not found.
/// </summary>
[Collection("web")]
public sealed class ServiceAccountTests(AftercareFactory app)
{
    private static Dictionary<string, string?> Credentials(string email, string password) => new() { ["Form.Email"] = email, ["Form.Password"] = password };

    private async Task<WebSession> Administrator()
    {
        var admin = app.NewSession();
        await admin.SignIn(await app.NewStaff(StaffRole.Administrator, null));
        return admin;
    }

    private async Task<WebSession> SignedIn(ServiceUserAccount account)
    {
        var session = app.NewSession();
        await session.SignIn(account);
        return session;
    }

    [Fact]
    public async Task AnAdministrator_InvitesSomeoneOfAService_WhoSetsAPasswordAndASecondFactor_AndLandsOnTheirReferrals()
    {
        var service = await app.NewReceivingService();
        var admin = await Administrator();
        var email = TestWorld.Unique("therapist.") + "@example.org";
        var response = await admin.PostForm($"/directory/manage/{service.Id}/users", new Dictionary<string, string?>
        {
            ["Invite.Name"] = "Femi Adebayo",
            ["Invite.Email"] = email,
        }, $"/directory/manage/{service.Id}/users?handler=Invite");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = WebSession.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-testid=invitation] .app-one-time-code")!.TextContent.Trim();
        var account = await app.WithDb(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.Equal(service.Id, account.ServiceId);
        Assert.Null(account.Role);
        Assert.Null(account.TeamId);
        Assert.Null(account.PersonId);
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.Invite && e.EntityId == account.Id.ToString())));

        var newcomer = app.NewSession();
        const string chosen = "river stones under the bridge";
        response = await newcomer.PostForm(new Uri(link).PathAndQuery, new Dictionary<string, string?> { ["Form.Password"] = chosen, ["Form.ConfirmPassword"] = chosen });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        // The password alone opens nothing, not even their own service's page: a second factor first.
        response = await newcomer.PostForm("/account/sign-in", Credentials(email, chosen));
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        foreach (var url in new[] { "/", "/service", "/directory" })
        {
            response = await newcomer.Get(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/set-up-two-factor", response.Headers.Location!.ToString());
        }
        var key = (await newcomer.GetPage("/account/set-up-two-factor")).QuerySelector("[data-testid=authenticator-key]")!.TextContent.Replace(" ", "").Trim();
        response = await newcomer.PostForm("/account/set-up-two-factor", new Dictionary<string, string?> { ["Form.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Equal("/service", (await newcomer.Get("/")).Headers.Location?.OriginalString);
        Assert.Equal("Referrals to " + service.Name, (await newcomer.GetPage("/service")).QuerySelector("h1")!.TextContent.Trim());

        // Next time, sign-in asks for the code from their app.
        var again = app.NewSession();
        response = await again.PostForm("/account/sign-in", Credentials(email, chosen));
        Assert.StartsWith("/account/two-factor", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await again.Get("/service")).StatusCode);
        response = await again.PostForm("/account/two-factor", new Dictionary<string, string?> { ["Form.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await again.Get("/service")).StatusCode);

        // The administrator sees them on the service's page.
        var page = await admin.GetPage($"/directory/services/{service.Id}");
        Assert.Contains("Femi Adebayo", page.QuerySelector("[data-testid=service-users]")!.TextContent);
        Assert.Contains("Active", page.QuerySelector("[data-testid=service-users]")!.TextContent);
    }

    [Fact]
    public async Task InvitingWithoutANameOrWithABadOrTakenEmail_OrForARetiredService_ExplainsWhatToFix_AndCreatesNoAccount()
    {
        var service = await app.NewReceivingService();
        var admin = await Administrator();
        var url = $"/directory/manage/{service.Id}/users";
        var before = await app.WithDb(db => db.Users.CountAsync(u => u.ServiceId == service.Id));

        var response = await admin.PostForm(url, new Dictionary<string, string?> { ["Invite.Name"] = "", ["Invite.Email"] = "not-an-email" }, url + "?handler=Invite");
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        var summary = page.QuerySelector(".nhsuk-error-summary")!.TextContent;
        Assert.Contains("Enter the person's full name", summary);
        Assert.Contains("right format", summary);
        Assert.Equal("not-an-email", page.QuerySelector("input[name='Invite.Email']")!.GetAttribute("value"));

        var taken = await app.NewStaff(StaffRole.Practitioner, await app.NewTeam());
        response = await admin.PostForm(url, new Dictionary<string, string?> { ["Invite.Name"] = "Someone", ["Invite.Email"] = taken.Email }, url + "?handler=Invite");
        Assert.Contains("already an account with this email address", WebSession.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".nhsuk-error-summary")!.TextContent);

        await app.WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE aftercare_services SET is_active = false, retired_at = now() WHERE id = {service.Id.Value}"));
        // A retired service's page offers no invitation; a form kept open from before still posts.
        Assert.NotNull((await admin.GetPage(url)).QuerySelector("[data-testid=retired]"));
        response = await admin.PostForm($"/directory/manage/{service.Id}", new Dictionary<string, string?> { ["Invite.Name"] = "Someone", ["Invite.Email"] = TestWorld.Unique("late.") + "@example.org" }, url + "?handler=Invite");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is retired", WebSession.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".nhsuk-error-summary")!.TextContent);

        Assert.Equal(before, await app.WithDb(db => db.Users.CountAsync(u => u.ServiceId == service.Id)));
    }

    [Fact]
    public async Task TheLandingPage_NamesTheirService_ListsNothing_AndShowsNoStaffNavigationOrBanner()
    {
        var account = await app.NewServiceUser();
        var session = await SignedIn(account);

        var page = await session.GetPage("/service");
        Assert.Equal($"Referrals to {account.ServiceName} - Aftercare", page.Title);
        Assert.Equal($"Referrals to {account.ServiceName}", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains($"There are no referrals to {account.ServiceName} yet", page.QuerySelector("[data-testid=no-referrals]")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main table, main .nhsuk-card"));
        var header = page.QuerySelector("[data-testid=signed-in-as]")!.TextContent;
        Assert.Contains(account.Name, header);
        Assert.Contains(account.ServiceName, header);
        Assert.Null(page.QuerySelector("[data-testid=overdue-banner]"));
        var menu = page.QuerySelectorAll("nav[aria-label=Menu] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(new[] { "/service", "/directory" }, menu.Select(href => href ?? ""));
    }

    [Fact]
    public async Task AServiceUser_SearchesAndReadsTheDirectory_ButNotWhoSignsInForAService()
    {
        var account = await app.NewServiceUser();
        var colleague = await app.NewServiceUser((account.ServiceId, account.ServiceName));
        var other = await app.NewReceivingService();
        var session = await SignedIn(account);

        Assert.Equal(HttpStatusCode.OK, (await session.Get("/directory")).StatusCode);
        Assert.Contains(other.Name, (await session.GetPage($"/directory/services/{other.Id}")).QuerySelector("h1")!.TextContent);
        var own = await session.GetPage($"/directory/services/{account.ServiceId}");
        Assert.Null(own.QuerySelector("[data-testid=service-users]"));
        Assert.DoesNotContain(colleague.Name, own.Body!.TextContent);
        Assert.DoesNotContain(colleague.Email, own.Body!.TextContent);

        // Only an administrator sees who signs in for a service.
        var practitioner = app.NewSession();
        await practitioner.SignIn(await app.NewStaff(StaffRole.Practitioner, await app.NewTeam()));
        Assert.DoesNotContain(colleague.Name, (await practitioner.GetPage($"/directory/services/{account.ServiceId}")).Body!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await practitioner.Get($"/directory/manage/{account.ServiceId}/users")).StatusCode);
        var admin = await Administrator();
        Assert.Contains(colleague.Name, (await admin.GetPage($"/directory/services/{account.ServiceId}")).QuerySelector("[data-testid=service-users]")!.TextContent);
    }

    /// <summary>What each route parameter is, for the sweep: a real record of another team's person (or of a service).</summary>
    private sealed record SweepRecords(string PersonId, string TeamId, string PresentationId, string ContactId, string SessionId, string ServiceId, string Family)
    {
        /// <summary>A referral sent to another service, of a person of another team: never theirs to see.</summary>
        public string ReferralId { get; init; } = "";
        public string ReferralFamily { get; init; } = "";
    }

    private async Task<SweepRecords> AnotherTeamsPersonWithEverything(ServiceId service)
    {
        var due = await LetterTests.NewDueLetter(app);
        var (presentation, session) = await app.WithDb(async db =>
        {
            var presentation = await db.Presentations.Where(p => p.PersonId == due.Person).Select(p => p.Id).FirstAsync();
            var pathway = await db.Pathways.Where(p => p.PersonId == due.Person).SingleAsync();
            var checkIn = await db.PlannedContacts.Where(c => c.PathwayId == pathway.Id).OrderBy(c => c.Sequence).Select(c => c.Id).FirstAsync();
            var session = CareSession.Record(due.Person, pathway.Id, checkIn, new StaffId(due.Practitioner.Id), due.Practitioner.Name, DateTimeOffset.UtcNow.AddMonths(-3).AddDays(1),
                ContactMode.Phone, ContactOutcome.Attended, "Rang as agreed", null, Adaptations.None, null, DateTimeOffset.UtcNow);
            db.CareSessions.Add(session);
            await db.SaveChangesAsync();
            return (presentation, session.Id);
        });
        return new SweepRecords(due.Person.ToString(), due.Team.TeamId.ToString(), presentation.ToString(), due.Contact.ToString(), session.ToString(), service.ToString(), due.Family);
    }

    /// <summary>
    /// Pages anyone may open, signed in or not, that show no record: signing in, error pages, a plan
    /// shared by its secret link, and FHIR's capability statement (which describes the API). Any
    /// other page, even one open to anyone, must answer a receiving service not found.
    /// </summary>
    private static readonly HashSet<string> OpenToAnyone =
    [
        "account/sign-in", "account/two-factor", "account/sign-out", "account/signed-out", "account/accept-invitation",
        "account/patient-invitation", "not-found", "error", "shared-plan/{token}", "fhir/metadata",
    ];

    /// <summary>Open to anyone signed in with a password, so that the second factor can be set up.</summary>
    private static readonly HashSet<string> SettingUpASecondFactor = ["account/set-up-two-factor"];

    [Fact]
    public async Task EveryPageOfTheApplication_ForAServiceUser_IsNotFound_ExceptTheirReferralsAndTheDirectory()
    {
        // Their own service has a referral they may open; another service's referral is swept as not found.
        var own = await app.NewReferralWorld();
        var account = await app.NewServiceUser((own.Service.Id, own.Service.Name));
        var ours = await app.NewReferral(own);
        var elsewhere = await app.NewReferralWorld();
        var theirs = await app.NewReferral(elsewhere);
        var records = await AnotherTeamsPersonWithEverything(account.ServiceId) with { ReferralId = theirs.Id.ToString(), ReferralFamily = elsewhere.Family };
        var session = await SignedIn(account);

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var routes = endpoints
            .Select(e => (Pattern: e.RoutePattern.RawText!.Trim('/'), Endpoint: e))
            .GroupBy(r => r.Pattern).Select(g => g.First()).OrderBy(r => r.Pattern).ToList();
        // The sweep is only a proof if it found the application's pages.
        var patterns = routes.Select(r => r.Pattern).ToHashSet();
        Assert.True(routes.Count > 40, $"Only {routes.Count} routes were found");
        foreach (var known in new[] { "persons/{id:guid}", "persons/{id:guid}/safety-plan", "my", "admin/staff", "teams/{id:guid}/work", "directory/manage/{id:guid}/users", "fhir/{type}/{id}", "service",
                     "service/referrals/{referralId:guid}", "service/referrals/{referralId:guid}/pdf", "persons/{id:guid}/referrals/{referralId:guid}",
                     "persons/{id:guid}/messages", "my/messages", "teams/{id:guid}/message-hours", "hubs/live", "hubs/live/negotiate", "" })
            Assert.Contains(known, patterns);
        // The pages left out of the sweep as open to anyone really are open to anyone.
        foreach (var open in routes.Where(r => OpenToAnyone.Contains(r.Pattern)))
            Assert.True(open.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null, $"{open.Pattern} is not open to anyone");

        var problems = new List<string>();
        var swept = 0;
        foreach (var (pattern, endpoint) in routes.Where(r => !OpenToAnyone.Contains(r.Pattern) && !SettingUpASecondFactor.Contains(r.Pattern)))
        {
            var url = "/" + Fill(endpoint.RoutePattern, records);
            var isPage = endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null;
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
            switch (pattern)
            {
                case "":
                    var home = await session.Get(url);
                    if (home.StatusCode != HttpStatusCode.Redirect || home.Headers.Location?.OriginalString != "/service")
                        problems.Add($"GET {url} answered {(int)home.StatusCode} {home.Headers.Location}, not their referrals");
                    break;
                case "service" or "directory" or "directory/services/{id:guid}":
                    var allowed = await session.Get(url);
                    if (allowed.StatusCode != HttpStatusCode.OK) problems.Add($"GET {url} answered {(int)allowed.StatusCode}, not the page");
                    break;
                case "service/referrals/{referralId:guid}" or "service/referrals/{referralId:guid}/pdf":
                    // Their own service's referral opens; another service's (the sweep's) is not found, read or posted to.
                    var mine = await session.Get("/" + pattern.Replace("{referralId:guid}", ours.Id.ToString()));
                    if (mine.StatusCode != HttpStatusCode.OK) problems.Add($"GET {pattern} of their own referral answered {(int)mine.StatusCode}, not the page");
                    swept++;
                    await AssertClosed(session, HttpMethod.Get, url, records, problems);
                    if (isPage) await AssertClosed(session, HttpMethod.Post, url, records, problems);
                    break;
                default:
                    swept++;
                    if (methods.Count == 0 || methods.Contains("GET"))
                        await AssertClosed(session, HttpMethod.Get, url, records, problems);
                    if (isPage || methods.Contains("POST"))
                        await AssertClosed(session, HttpMethod.Post, url, records, problems);
                    break;
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(swept > 35, $"Only {swept} pages were swept");
    }

    /// <summary>Not found (or, were the session not recognised, the sign-in page), and nothing of the person shown.</summary>
    private static async Task AssertClosed(WebSession session, HttpMethod method, string url, SweepRecords records, List<string> problems)
    {
        var response = method == HttpMethod.Get
            ? await session.Get(url)
            // With a valid anti-forgery token of their own session, as a form of theirs would carry.
            : await session.PostForm("/account/sign-in", new Dictionary<string, string?>(), url);
        var body = await response.Content.ReadAsStringAsync();
        var signIn = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/sign-in");
        if (response.StatusCode != HttpStatusCode.NotFound && !signIn)
            problems.Add($"{method} {url} answered {(int)response.StatusCode} {response.Headers.Location}");
        if (body.Contains(records.Family) || (records.ReferralFamily.Length > 0 && body.Contains(records.ReferralFamily)))
            problems.Add($"{method} {url} showed the person's name");
    }

    /// <summary>The address with each parameter replaced by a real record: another team's person and their care, or a service.</summary>
    private static string Fill(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern, SweepRecords records)
    {
        var raw = pattern.RawText!.Trim('/');
        foreach (var parameter in pattern.Parameters)
        {
            var value = parameter.Name switch
            {
                "id" when raw.StartsWith("teams/") => records.TeamId,
                "id" when raw.StartsWith("directory") => records.ServiceId,
                "presentationId" => records.PresentationId,
                "contactId" => records.ContactId,
                "sessionId" => records.SessionId,
                "referralId" => records.ReferralId,
                // A resource type (FHIR's): the person's own Patient resource, named by their id.
                "type" => "Patient",
                // Any other record named in an address: the person's id, a real record of theirs.
                _ => records.PersonId,
            };
            raw = System.Text.RegularExpressions.Regex.Replace(raw, "\\{" + parameter.Name + "(:[^}]*)?\\}", value);
        }
        return raw;
    }

    [Fact]
    public async Task DeactivatingAServiceUser_EndsTheirSessionAtOnce_AndRefusesSignIn()
    {
        var account = await app.NewServiceUser();
        var session = await SignedIn(account);
        Assert.Equal(HttpStatusCode.OK, (await session.Get("/service")).StatusCode);

        var admin = await Administrator();
        var url = $"/directory/manage/{account.ServiceId}/users";
        var response = await admin.PostForm(url, new Dictionary<string, string?>(), $"{url}?handler=Deactivate&account={account.Id}");
        Assert.Equal(url, await WebSession.AssertRedirect(response));
        Assert.Contains("deactivated", (await admin.GetPage(url)).QuerySelector("[data-testid=notice]")!.TextContent);

        response = await session.Get("/service");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location!.ToString());
        var again = await app.NewSession().PostForm("/account/sign-in", Credentials(account.Email, account.Password));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Enter the email address and password of an active account", await again.Content.ReadAsStringAsync());
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.Deactivate && e.EntityId == account.Id.ToString())));
        Assert.Contains("Deactivated", (await admin.GetPage($"/directory/services/{account.ServiceId}")).QuerySelector("[data-testid=service-users]")!.TextContent);
    }

    [Fact]
    public async Task AServiceUser_IsDeactivatedOnlyFromTheirOwnService()
    {
        var account = await app.NewServiceUser();
        var other = await app.NewReceivingService();
        var admin = await Administrator();

        // Under another service's address, or from the staff accounts page, they are not found.
        var url = $"/directory/manage/{other.Id}/users";
        var response = await admin.PostForm(url, new Dictionary<string, string?>(), $"{url}?handler=Deactivate&account={account.Id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        response = await admin.PostForm("/admin/staff", new Dictionary<string, string?>(), $"/admin/staff?handler=Deactivate&id={account.Id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(account.Email, (await admin.GetPage("/admin/staff")).Body!.TextContent);

        Assert.True(await app.WithDb(db => db.Users.Where(u => u.Id == account.Id).Select(u => u.IsActive).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await (await SignedIn(account)).Get("/service")).StatusCode);
    }

    [Fact]
    public async Task SigningOut_IsAuditedAsTheServiceUser()
    {
        var account = await app.NewServiceUser();
        var session = await SignedIn(account);

        var response = await session.SignOut("/service");
        Assert.Equal("/account/signed-out", response.Headers.Location!.OriginalString);

        var signedOut = await app.WithDb(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == AuditActions.SignOut && e.EntityId == account.Id.ToString()));
        Assert.Equal(account.Id, signedOut.ActorId);
        Assert.Equal(account.Name, signedOut.ActorName);
        Assert.Equal("Service", signedOut.ActorRole);
        Assert.Null(signedOut.ActorTeamId);
    }

    [Fact]
    public async Task TheDatabase_RefusesAnAccountThatIsTwoKindsAtOnce_OrNone_OrAServiceUserInACareTeam()
    {
        var account = await app.NewServiceUser();
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);

        async Task<string?> Refused(string set, object? value)
        {
            await using var scope = app.Scope();
            var db = scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>();
            await using var cmd = db.CreateCommand($"UPDATE user_accounts SET {set} = $1 WHERE id = $2");
            cmd.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = set == "role" ? NpgsqlTypes.NpgsqlDbType.Integer : NpgsqlTypes.NpgsqlDbType.Uuid });
            cmd.Parameters.Add(new NpgsqlParameter { Value = account.Id });
            var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.CheckViolation, e.SqlState);
            return e.ConstraintName;
        }

        Assert.Equal("ck_user_accounts_one_kind", await Refused("role", (int)StaffRole.Practitioner));
        Assert.Equal("ck_user_accounts_one_kind", await Refused("person_id", person.Value));
        Assert.Equal("ck_user_accounts_one_kind", await Refused("service_id", null));
        Assert.Equal("ck_user_accounts_service_has_no_team", await Refused("team_id", team.TeamId.Value));

        // Through the application too: an account made both staff and a service's is not saved.
        await using (var scope = app.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var email = TestWorld.Unique("both.") + "@example.org";
            var both = new UserAccount { Id = Guid.CreateVersion7(), UserName = email, Email = email, DisplayName = "Both", Role = StaffRole.Practitioner, TeamId = team.TeamId, ServiceId = account.ServiceId };
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => users.CreateAsync(both));
        }
        Assert.Equal(account.ServiceId, await app.WithDb(db => db.Users.Where(u => u.Id == account.Id).Select(u => u.ServiceId).SingleAsync()));
    }

    [Fact]
    public async Task APageWithoutAPolicyOfItsOwn_IsClosedToAServiceUser_ButOpenToStaff()
    {
        var account = await app.NewServiceUser();
        var staff = await app.NewStaff(StaffRole.Practitioner, await app.NewTeam());
        await using var scope = app.Scope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<UserAccount>>();
        var claims = services.GetRequiredService<IUserClaimsPrincipalFactory<UserAccount>>();
        async Task<ClaimsPrincipal> FullySignedIn(Guid id)
        {
            var principal = await claims.CreateAsync((await users.FindByIdAsync(id.ToString()))!);
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(AftercareClaims.Amr, "mfa"));
            return principal;
        }

        var fallback = (await services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync())!;
        var authorization = services.GetRequiredService<IAuthorizationService>();
        Assert.False((await authorization.AuthorizeAsync(await FullySignedIn(account.Id), fallback)).Succeeded);
        Assert.True((await authorization.AuthorizeAsync(await FullySignedIn(staff.Id), fallback)).Succeeded);
    }

    [Fact]
    public async Task CareAccess_ForAServiceUser_ReachesNoPersonsRecord_InAnyTeam_AndWritesNoAuditOrBreakGlass()
    {
        var account = await app.NewServiceUser();
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);
        var (elsewhere, _) = await app.NewPerson(await app.NewTeam());

        await using var scope = app.Scope();
        var services = scope.ServiceProvider;
        var user = (await services.GetRequiredService<UserManager<UserAccount>>().FindByIdAsync(account.Id.ToString()))!;
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<UserAccount>>().CreateAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(AftercareClaims.Amr, "mfa"));
        Assert.NotNull(CurrentServiceUser.From(principal));
        Assert.Null(CurrentStaff.From(principal));

        // A session that somehow also claimed to be a practitioner of the person's team is still a service's.
        var confused = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new Claim(ClaimTypes.Role, nameof(StaffRole.Practitioner)),
            new Claim(ClaimTypes.Role, AftercareClaims.ServiceRole),
            new Claim(AftercareClaims.Team, team.TeamId.ToString()),
            new Claim(AftercareClaims.Service, account.ServiceId.ToString()),
            new Claim(AftercareClaims.Amr, "mfa"),
        ], "test"));
        Assert.NotNull(CurrentStaff.From(confused));

        var access = services.GetRequiredService<CareAccess>();
        foreach (var reader in new[] { principal, confused })
            foreach (var id in new[] { person, elsewhere })
            {
                Assert.Null(await access.ReadPerson(id, reader, default));
                Assert.Null(await access.PersonForAuditedPart(id, reader, default));
                Assert.Null(await access.PersonForChange(id, reader, default));
                Assert.Null(await access.PersonForBreakGlass(id, reader, default));
                Assert.Null(await access.BreakGlass(id, "Referred to us and we need their history for triage", reader, default));
            }

        Assert.False(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.PersonId == person.Value || e.PersonId == elsewhere.Value)));
        Assert.False(await app.WithDb(db => db.BreakGlassGrants.AnyAsync(g => g.StaffId == new StaffId(account.Id))));
    }
}
