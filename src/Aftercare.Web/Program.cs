using System.Threading.RateLimiting;
using Aftercare.Web;
using Aftercare.Web.Data;
using Aftercare.Web.Data.Demo;
using Aftercare.Web.Fhir;
using Aftercare.Web.Live;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

if (args.Contains("--print-schema"))
{
    // A developer's aid for writing the next SQL migration: the DDL EF Core expects for the model.
    var options = new DbContextOptionsBuilder<AftercareDb>().UseNpgsql("Host=unused").Options;
    await using var model = new AftercareDb(options);
    Console.WriteLine(model.Database.GenerateCreateScript());
    return;
}

var builder = WebApplication.CreateBuilder(args);
var services = builder.Services;

// Settings are resolved from the built configuration, so a test host's settings apply too.
services.AddSingleton(sp => AftercareSettings.Resolve(sp.GetRequiredService<IConfiguration>()));
services.TryAddSingleton(TimeProvider.System);
services.AddSingleton(sp => DataSource(sp.GetRequiredService<AftercareSettings>().ConnectionString).Build());
// The worklist pages' one round trip (session check, banner and list): a pool of its own no
// larger than the database can run at once (ADR 0016).
services.AddKeyedSingleton(PageReads.Key, (sp, _) =>
{
    var settings = sp.GetRequiredService<AftercareSettings>();
    var source = DataSource(settings.ConnectionString);
    source.ConnectionStringBuilder.MaxPoolSize = settings.PageReadConnections;
    source.ConnectionStringBuilder.MinPoolSize = 0;
    // Told apart from the main pool's connections in pg_stat_activity.
    source.ConnectionStringBuilder.ApplicationName = PageReads.ApplicationName;
    return source.Build();
});

static NpgsqlDataSourceBuilder DataSource(string connectionString)
{
    var source = new NpgsqlDataSourceBuilder(connectionString);
    // The same few statements run on every page: prepared once per connection, they skip parsing and planning.
    if (source.ConnectionStringBuilder.MaxAutoPrepare == 0) source.ConnectionStringBuilder.MaxAutoPrepare = 64;
    // No session state is kept on a connection (the migrator releases its advisory lock itself),
    // so a returned connection need not be reset, and its prepared statements survive.
    source.ConnectionStringBuilder.NoResetOnClose = true;
    return source;
}
services.AddDbContextPool<AftercareDb>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));

services.AddDataProtection().SetApplicationName("Aftercare");
services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
    new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<NpgsqlDataSource>())));

services.AddIdentityCore<UserAccount>(o =>
    {
        o.User.RequireUniqueEmail = true;
        o.Password.RequiredLength = PasswordRules<UserAccount>.MinimumLength;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 1;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.SignIn.RequireConfirmedAccount = false;
    })
    .AddPasswordValidator<PasswordRules<UserAccount>>()
    .AddSignInManager()
    .AddClaimsPrincipalFactory<StaffClaimsFactory>()
    .AddEntityFrameworkStores<AftercareDb>()
    .AddDefaultTokenProviders();

services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
services.AddSingleton<ServerSessions>();
services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
    .Configure<AftercareSettings>((o, settings) =>
    {
        ServerSessions.Wire(o.Events);
        o.Cookie.Name = "aftercare-session";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        // The server ends an idle session (ServerSessions); the cookie outlives that a little, so the
        // server's rule is the one that applies and is recorded.
        o.ExpireTimeSpan = settings.IdleTimeout + TimeSpan.FromMinutes(5);
        o.SlidingExpiration = true;
        o.LoginPath = "/account/sign-in";
        o.LogoutPath = "/account/sign-out";
        o.AccessDeniedPath = "/not-found";
        o.Events.OnRedirectToAccessDenied = ctx =>
        {
            // Signed in with a password only: the second factor is still to be set up or entered.
            if (!TwoFactor.IsSatisfied(ctx.HttpContext.User))
                ctx.Response.Redirect("/account/set-up-two-factor");
            else
                ctx.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        };
    });
services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme)
    .Configure(o => { o.Cookie.Name = "aftercare-2fa"; o.Cookie.SameSite = SameSiteMode.Strict; o.ExpireTimeSpan = TimeSpan.FromMinutes(5); });

services.AddAuthorization(o =>
{
    // Every page needs a full sign-in (password and second factor) unless it says otherwise, and
    // is closed to receiving services unless it names them: a page added without a policy of its
    // own never opens to them by accident.
    o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
        .RequireAssertion(c => TwoFactor.IsSatisfied(c.User) && !c.User.IsInRole(AftercareClaims.ServiceRole)).Build();
    o.AddPolicy(Policies.Clinical, p => p.RequireAssertion(c => TwoFactor.IsSatisfied(c.User))
        .RequireRole(nameof(Aftercare.Domain.Staff.StaffRole.Practitioner), nameof(Aftercare.Domain.Staff.StaffRole.Supervisor)));
    o.AddPolicy(Policies.Supervisor, p => p.RequireAssertion(c => TwoFactor.IsSatisfied(c.User))
        .RequireRole(nameof(Aftercare.Domain.Staff.StaffRole.Supervisor)));
    o.AddPolicy(Policies.Administrator, p => p.RequireAssertion(c => TwoFactor.IsSatisfied(c.User))
        .RequireRole(nameof(Aftercare.Domain.Staff.StaffRole.Administrator)));
    o.AddPolicy(Policies.Staff, p => p.RequireAssertion(c => TwoFactor.IsSatisfied(c.User))
        .RequireRole(nameof(Aftercare.Domain.Staff.StaffRole.Practitioner), nameof(Aftercare.Domain.Staff.StaffRole.Supervisor), nameof(Aftercare.Domain.Staff.StaffRole.Administrator)));
    o.AddPolicy(Policies.DirectoryReader, p => p.RequireAssertion(c => TwoFactor.IsSatisfied(c.User))
        .RequireRole(nameof(Aftercare.Domain.Staff.StaffRole.Practitioner), nameof(Aftercare.Domain.Staff.StaffRole.Supervisor), nameof(Aftercare.Domain.Staff.StaffRole.Administrator), AftercareClaims.ServiceRole));
    o.AddPolicy(Policies.Service, p => p.RequireAssertion(c => TwoFactor.IsSatisfied(c.User)).RequireRole(AftercareClaims.ServiceRole));
    o.AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser().RequireAssertion(c => TwoFactor.IsSatisfied(c.User)));
    o.AddPolicy(Policies.Patient, p => p.RequireAuthenticatedUser().RequireRole(AftercareClaims.PatientRole));
    o.AddPolicy(Policies.PasswordOnly, p => p.RequireAuthenticatedUser());
    o.AddPolicy(Policies.Live, p => p.RequireAuthenticatedUser().RequireAssertion(c => TwoFactor.IsSatisfied(c.User) && !c.User.IsInRole(AftercareClaims.ServiceRole) &&
        (c.User.IsInRole(nameof(Aftercare.Domain.Staff.StaffRole.Practitioner)) || c.User.IsInRole(nameof(Aftercare.Domain.Staff.StaffRole.Supervisor)) || c.User.IsInRole(AftercareClaims.PatientRole))));
});

services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
    {
        if (!HttpMethods.IsPost(ctx.Request.Method) || !ctx.Request.Path.StartsWithSegments("/account"))
            return RateLimitPartition.GetNoLimiter("none");
        var ip = ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var limit = ctx.RequestServices.GetRequiredService<AftercareSettings>().SignInAttemptsPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    });
    o.OnRejected = async (ctx, ct) =>
    {
        ctx.HttpContext.Response.ContentType = "text/html; charset=utf-8";
        await ctx.HttpContext.Response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><title>Too many attempts - Aftercare</title></head><body>" +
            "<h1>Too many attempts</h1><p>Wait a minute, then <a href=\"/account/sign-in\">try signing in again</a>.</p></body></html>", ct);
    };
});

services.AddHttpContextAccessor();
services.AddScoped<AuditTrail>();
services.AddScoped<CareAccess>();
services.AddScoped<AccountDeactivation>();
services.AddScoped<Aftercare.Web.Features.SafetyPlans.SafetyPlanStore>();
services.AddScoped<DemoSeeder>();
services.AddSingleton<Aftercare.Web.Features.Pathways.PathwayCatalogue>();
services.AddSingleton<Aftercare.Web.Features.Directory.DirectoryAuthorities>();
services.AddScoped<Aftercare.Web.Features.Pathways.PathwayStarter>();
services.AddScoped<Aftercare.Web.Features.Pathways.LetterDrafter>();
services.AddScoped<Aftercare.Web.Jobs.DueWorkEffects>();
// Dashboards (M15): counts precomputed by due work, read by the pages (docs/decisions/0014).
services.AddScoped<Aftercare.Web.Features.Dashboards.DashboardRollups>();
services.AddScoped<Aftercare.Web.Features.Dashboards.DashboardReader>();
services.AddScoped<Aftercare.Web.Features.Dashboards.DashboardAccess>();
services.AddScoped<Aftercare.Web.Features.Dashboards.IStaffDevelopmentDue, Aftercare.Web.Features.Dashboards.StaffDevelopmentFromRecords>();
services.AddScoped<Aftercare.Web.Features.Work.Worklists>();
services.AddScoped<Aftercare.Web.Features.My.MyCare>();
services.AddFhir();
services.AddScoped<Aftercare.Web.Features.Directory.DirectoryImporter>();
services.AddSingleton<Aftercare.Web.Jobs.DueWorkRunner>();
services.AddHostedService(sp => sp.GetRequiredService<Aftercare.Web.Jobs.DueWorkRunner>());
// Messages (M11) and the live pages that show them as they arrive, on every node (docs/decisions/0011).
services.AddScoped<Aftercare.Web.Features.Messages.Conversations>();
services.AddSingleton<Aftercare.Web.Features.Messages.TeamRuleSets>();
services.AddSignalR();
services.AddSingleton<Aftercare.Web.Live.LiveConnections>();
services.AddSingleton<Aftercare.Web.Live.LiveListener>();
services.AddHostedService(sp => sp.GetRequiredService<Aftercare.Web.Live.LiveListener>());
services.AddHostedService<Aftercare.Web.Live.LiveSessionCheck>();
services.AddRazorPages(o =>
{
    o.RootDirectory = "/Features";
    foreach (var page in new[] { "SignIn", "TwoFactor", "SignOut", "SignedOut", "AcceptInvitation", "PatientInvitation" })
        o.Conventions.AllowAnonymousToPage("/Account/" + page);
    o.Conventions.AllowAnonymousToPage("/Errors/NotFound");
    o.Conventions.AllowAnonymousToPage("/Errors/Error");
    // The home page sends each kind of account to its own pages.
    o.Conventions.AuthorizePage("/Index", Policies.SignedIn);
    o.Conventions.AuthorizeFolder("/Persons", Policies.Clinical);
    o.Conventions.AuthorizeFolder("/Presentations", Policies.Clinical);
    o.Conventions.AuthorizeFolder("/Assessments", Policies.Clinical);
    o.Conventions.AuthorizeFolder("/Narratives", Policies.Clinical);
    o.Conventions.AuthorizeFolder("/SafetyPlans", Policies.Clinical);
    o.Conventions.AuthorizeFolder("/Work", Policies.Clinical);
    o.Conventions.AuthorizeFolder("/Teams", Policies.Clinical);
    o.Conventions.AuthorizeFolder("/Pathways", Policies.Clinical);
    o.Conventions.AuthorizeFolder("/Referrals", Policies.Clinical);
    o.Conventions.AuthorizeFolder("/Messages", Policies.Clinical);
    o.Conventions.AuthorizeFolder("/Team", Policies.Supervisor);
    // Supervision and training: clinicians only; the pages decide whose (hazard H56).
    o.Conventions.AuthorizeFolder("/Supervision", Policies.Clinical);
    o.Conventions.AuthorizeFolder("/Admin", Policies.Administrator);
    // Supervisors and administrators; which dashboard each may open is decided by the page (DashboardAccess).
    o.Conventions.AuthorizeFolder("/Dashboards", Policies.Staff);
    o.Conventions.AddPageRoute("/Dashboards/Team", "teams/{id:guid}/dashboard.csv");
    o.Conventions.AddPageRoute("/Dashboards/Site", "sites/{id:guid}/dashboard.csv");
    o.Conventions.AddPageRoute("/Dashboards/Deployment", "dashboard.csv");
    // Every member of staff, and every receiving service, reads the service directory; only administrators change it.
    o.Conventions.AuthorizeFolder("/Directory", Policies.DirectoryReader);
    o.Conventions.AuthorizeFolder("/Directory/Manage", Policies.Administrator);
    o.Conventions.AuthorizeFolder("/My", Policies.Patient);
    o.Conventions.AuthorizeFolder("/ServiceInbox", Policies.Service);
    o.Conventions.AllowAnonymousToFolder("/SharedPlans");
});
services.AddAntiforgery(o => { o.Cookie.Name = "aftercare-af"; o.Cookie.SameSite = SameSiteMode.Strict; });

var app = builder.Build();
var settings = app.Services.GetRequiredService<AftercareSettings>();

await Migrator.MigrateAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), app.Logger);
await Aftercare.Web.Features.Supervision.TrainingModuleSeeder.SeedAsync(app.Services.GetRequiredService<NpgsqlDataSource>(),
    app.Configuration, app.Services.GetRequiredService<TimeProvider>());
if (settings.SeedDemoData)
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();
    // A year of finished care for the first team, so its dashboard has figures to show (M15).
    await new DemoHistory(scope.ServiceProvider.GetRequiredService<AftercareDb>(), scope.ServiceProvider.GetRequiredService<TimeProvider>()).SeedAsync(DemoSeeder.Accounts[0].Email);
}

app.UseExceptionHandler("/error");
app.UseStatusCodePagesWithReExecute("/not-found");
app.UseFhirErrors();
app.UseSecurityHeaders();
app.UseLiveOriginCheck();
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.MapRazorPages();
app.MapFhir();
app.MapHub<Aftercare.Web.Live.LiveHub>(Aftercare.Web.Live.LiveHub.Path);

if (settings.SeedDemoData)
{
    app.Lifetime.ApplicationStarted.Register(() =>
    {
        var urls = string.Join(", ", app.Urls);
        Console.WriteLine();
        Console.WriteLine($"Aftercare is running: open {urls}");
        Console.WriteLine("Demo mode: these demo accounts sign in without a second factor.");
        foreach (var (email, role) in DemoSeeder.Accounts)
            Console.WriteLine($"  {role,-14} {email,-40} password: {DemoSeeder.DemoPassword}");
        Console.WriteLine();
    });
}

app.Run();

public partial class Program;
