using System.Net;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.Staff;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Tests.Features.Referrals;

/// <summary>
/// Every referral page goes through the access choke point with the pathway pages' rules: the care
/// team reads and changes; a practitioner under break-glass reads, is offered no change and cannot
/// make one; practitioners and supervisors of other teams, administrators and patients are answered
/// "not found" and shown nothing of the person; someone signed out is sent to sign in. Reads by
/// those who may are audited; attempts by those who may not leave no read behind.
/// </summary>
[Collection("web")]
public sealed class ReferralAccessTests(AftercareFactory app)
{
    private static readonly string[] PageList =
    [
        "{people}",
        "{people}/new",
        "{referral}",
        "{referral}/letter",
        "{referral}/contributors",
        "{referral}/contributors/{contributor}",
        "{referral}/answer",
        "{sent}",
        "{sent}/pdf",
    ];

    public static readonly TheoryData<string> Pages = new(PageList);

    /// <summary>The pages that change a referral, which a break-glass reader is not shown.</summary>
    private static readonly string[] ChangePages =
    [
        "{people}/new",
        "{referral}/letter",
        "{referral}/contributors",
        "{referral}/contributors/{contributor}",
        "{referral}/answer",
        "{sent}/answer",
    ];

    public static readonly TheoryData<string, string> Outsiders = Cross(PageList, ["practitioner of another team", "supervisor of another team", "administrator", "patient of the same team"]);

    private static TheoryData<string, string> Cross(string[] pages, string[] who)
    {
        var data = new TheoryData<string, string>();
        foreach (var page in pages) foreach (var w in who) data.Add(page, w);
        return data;
    }

    private sealed record Setting(ReferralWorld World, Referral Draft, Referral Sent, StaffAccount Colleague)
    {
        public string Url(string page) => page
            .Replace("{people}", World.People)
            .Replace("{referral}", World.Url(Draft.Id))
            .Replace("{sent}", World.Url(Sent.Id))
            .Replace("{contributor}", Draft.Contributors.Single().Id.ToString());
    }

    /// <summary>A draft (with a colleague named) and a sent referral, whose letter names the person and the service.</summary>
    private async Task<Setting> Referrals()
    {
        var world = await app.NewReferralWorld();
        var colleague = await app.NewStaff(StaffRole.Practitioner, world.Team);
        var draft = await app.NewReferral(world, ReferralStatus.Draft, draft: r => r.NameContributor(colleague.Name, Discipline.Psychiatry, null,
            new Aftercare.Domain.Common.StaffId(colleague.Id), new Aftercare.Domain.Common.StaffId(world.Practitioner.Id), world.Practitioner.Name, DateTimeOffset.UtcNow.AddHours(-6)));
        var sent = await app.NewReferral(world, ReferralStatus.Declined);
        return new Setting(world, draft, sent, colleague);
    }

    private Task<int> ReadsOf(ReferralWorld world) =>
        app.WithDb(db => db.AuditEvents.CountAsync(e => e.EntityType == "Referral" && e.Action == "view" && e.PersonId == world.Person.Value));

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task AReferralPage_ForSomeoneOutsideTheCareTeam_IsNotFound_AndShowsAndAuditsNothing(string page, string who)
    {
        var setting = await Referrals();
        var session = app.NewSession();
        switch (who)
        {
            case "practitioner of another team": await session.SignIn(await app.NewStaff(StaffRole.Practitioner, await app.NewTeam())); break;
            case "supervisor of another team": await session.SignIn(await app.NewStaff(StaffRole.Supervisor, await app.NewTeam())); break;
            case "administrator": await session.SignIn(await app.NewStaff(StaffRole.Administrator, null)); break;
            default:
                var (own, _) = await app.NewPerson(setting.World.Team);
                await session.SignIn(await app.NewPatientAccount(own));
                break;
        }
        var response = await session.Get(setting.Url(page));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(setting.World.Family, body);
        Assert.DoesNotContain(setting.World.Service.Name, body);
        Assert.Equal(0, await ReadsOf(setting.World));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task AReferralPage_WhenSignedOut_GoesToSignIn(string page)
    {
        var setting = await Referrals();
        var response = await app.NewSession().Get(setting.Url(page));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain(setting.World.Family, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EveryReferralPage_OpensForTheCareTeam_AndEachReadIsAudited()
    {
        var setting = await Referrals();
        var session = await app.SignedIn(setting.World.Practitioner);
        var before = await ReadsOf(setting.World);
        foreach (var page in PageList)
        {
            var response = await session.Get(setting.Url(page));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} answered {(int)response.StatusCode}");
        }
        // Every page that shows the referral wrote a read; finding a service reads the person, not a referral.
        Assert.Equal(before + PageList.Length - 1, await ReadsOf(setting.World));
        var events = await app.WithDb(db => db.AuditEvents.AsNoTracking().Where(e => e.EntityType == "Referral" && e.EntityId == setting.Sent.Id.ToString() && e.Action == "view").ToListAsync());
        Assert.Contains(events, e => e.ActorId == setting.World.Practitioner.Id && e.Reason == null);
        Assert.Contains(events, e => e.Reason == "PDF");
    }

    [Fact]
    public async Task AReadUnderBreakGlass_SeesTheReferralAndItsPdf_IsOfferedNoChange_AndCannotMakeOne()
    {
        var setting = await Referrals();
        var outsider = await app.NewStaff(StaffRole.Practitioner, await app.NewTeam());
        var session = await app.SignedIn(outsider);
        await WebSession.AssertRedirect(await session.PostForm($"/persons/{setting.World.Person}/break-glass",
            new Dictionary<string, string?> { ["Form.Reason"] = "Came to our ED tonight; I need to know where they were referred" }));

        var list = await session.GetPage(setting.World.People);
        Assert.Contains(setting.World.Service.Name, list.Body!.TextContent);
        Assert.Null(list.QuerySelector("a[href$='/referrals/new']"));
        var page = await session.GetPage(setting.Url("{sent}"));
        Assert.NotNull(page.QuerySelector("[data-testid=nice-flag]"));
        Assert.Null(page.QuerySelector("form[method=post]:not(.nhsuk-header__account-form)"));
        Assert.Null(page.QuerySelector("[data-testid=actions]"));
        Assert.Equal(HttpStatusCode.OK, (await session.Get(setting.Url("{sent}/pdf"))).StatusCode);
        var draft = await session.GetPage(setting.Url("{referral}"));
        Assert.Empty(draft.QuerySelectorAll("a[href*='/contributors/'], a[href$='/letter'], a[href$='/answer']"));

        foreach (var change in ChangePages)
            Assert.True((await session.Get(setting.Url(change))).StatusCode == HttpStatusCode.NotFound, $"{change} opened under break-glass");
        var supervisor = await app.NewStaff(StaffRole.Supervisor, setting.World.Team);
        var token = (await session.GetPage("/persons/register")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var escalate = await session.PostWithToken(setting.Url("{sent}") + "?handler=Escalate", token,
            new Dictionary<string, string?> { ["Escalation.SeniorClinician"] = supervisor.Id.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, escalate.StatusCode);
        Assert.Empty((await app.Saved(setting.Sent.Id)).Escalations);

        Assert.Contains(await app.WithDb(db => db.AuditEvents.AsNoTracking().Where(e => e.EntityType == "Referral" && e.ActorId == outsider.Id).Select(e => e.Reason).ToListAsync()),
            r => r != null && r.Contains("break-glass"));
    }

    [Fact]
    public async Task LettersWaitingForMyPart_ListOnlyMine_InMyTeam_AndAreNotFoundForAdministratorsAndPatients()
    {
        var setting = await Referrals();
        var mine = await (await app.SignedIn(setting.Colleague)).GetPage("/referrals/contributions");
        Assert.Contains(mine.QuerySelectorAll("[data-testid=waiting-item]"), r => r.TextContent.Contains(setting.World.Family));

        // The referrer and another team's practitioner are not waited on: nothing of the person is shown to them.
        Assert.DoesNotContain(setting.World.Family, (await (await app.SignedIn(setting.World.Practitioner)).GetPage("/referrals/contributions")).Body!.TextContent);
        Assert.DoesNotContain(setting.World.Family, (await (await app.SignedIn(await app.NewStaff(StaffRole.Practitioner, await app.NewTeam()))).GetPage("/referrals/contributions")).Body!.TextContent);

        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedIn(await app.NewStaff(StaffRole.Administrator, null))).Get("/referrals/contributions")).StatusCode);
        var patient = app.NewSession();
        await patient.SignIn(await app.NewPatientAccount(setting.World.Person));
        Assert.Equal(HttpStatusCode.NotFound, (await patient.Get("/referrals/contributions")).StatusCode);
        var anonymous = await app.NewSession().Get("/referrals/contributions");
        Assert.Contains("/account/sign-in", anonymous.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AReferralOfAnotherPerson_OrAnUnknownOne_IsNotFound_FromThisPersonsAddress()
    {
        var setting = await Referrals();
        var (other, _) = await app.NewPerson(setting.World.Team);
        var session = await app.SignedIn(setting.World.Practitioner);
        foreach (var url in new[]
        {
            $"/persons/{other}/referrals/{setting.Sent.Id}",
            $"/persons/{other}/referrals/{setting.Sent.Id}/pdf",
            $"/persons/{other}/referrals/{setting.Draft.Id}/letter",
            $"{setting.World.People}/{Guid.NewGuid()}",
            $"{setting.Url("{referral}")}/contributors/{Guid.NewGuid()}",
            $"/persons/{setting.World.Person}/referrals/new?service={Guid.NewGuid()}",
        })
            Assert.True((await session.Get(url)).StatusCode == HttpStatusCode.NotFound, url);
        Assert.Equal(0, await app.WithDb(db => db.AuditEvents.CountAsync(e => e.EntityType == "Referral" && e.PersonId == other.Value)));
    }
}
