using Aftercare.Domain.Assessments;
using Aftercare.Domain.Common;
using Aftercare.Domain.Directory;
using Aftercare.Domain.Narratives;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.SafetyPlans;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Tests.Features.Directory;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aftercare.Web.Tests.Features.Referrals;

/// <summary>
/// A person of a team of their own, seen two days ago, with the assessment signed off, a safety
/// plan and (if asked) their story with a choice of who may read it; and a talking therapies
/// service, in an area of its own, with three criteria and an exclusion.
/// </summary>
public sealed record ReferralWorld(TeamAtSite Team, StaffAccount Practitioner, PersonId Person, string Family, PresentationId Presentation, AftercareService Service)
{
    public string People => $"/persons/{Person}/referrals";
    public string Url(ReferralId referral) => $"{People}/{referral}";
}

public static class ReferralTestData
{
    public const string Story = "I lost my job in January and stopped going out. That night I could not see a way through.";

    public static readonly string[] Criteria = ["Aged 18 or over", "Registered with a GP in Northgate", "Able to attend appointments in Eccles"];

    public static async Task<ReferralWorld> NewReferralWorld(this AftercareFactory app, NarrativeSharing? sharing = null)
    {
        var team = await app.NewTeam();
        var practitioner = await app.NewStaff(StaffRole.Practitioner, team);
        var (person, _) = await app.NewPathway(team, practitioner, DateTimeOffset.UtcNow.AddDays(-2));
        var service = await app.NewService(DirectoryTestData.Details(TestWorld.Unique("Talking Therapies ")) with
        {
            Type = ServiceType.NhsTalkingTherapies,
            Needs = ["talking-therapy"],
            EligibilityCriteria = Criteria,
            Exclusions = ["Active suicidal thoughts with a plan"],
        });
        return await app.WithDb(async db =>
        {
            var by = new StaffId(practitioner.Id);
            var (plan, version) = SafetyPlan.Create(person, SafetyPlanContent.Empty with
            {
                ThingsICanDo = [new("Walk the dog by the canal")],
                PeopleICanAsk = [new("My sister Jo", "07700 900456")],
                ReasonsForLiving = [new("Seeing my little brother grow up")],
            }, Author.ForStaff(by, practitioner.Name), DateTimeOffset.UtcNow.AddDays(-2));
            db.SafetyPlans.Add(plan);
            db.SafetyPlanVersions.Add(version);
            if (sharing is { } s) db.Narratives.Add(NarrativeInterview.Record(person, Story, s, by, DateTimeOffset.UtcNow.AddDays(-2)));
            await db.SaveChangesAsync();
            var family = await db.Persons.Where(p => p.Id == person).Select(p => p.FamilyName).SingleAsync();
            var presentation = await db.Assessments.Where(a => a.PersonId == person).Select(a => a.PresentationId).SingleAsync();
            return new ReferralWorld(team, practitioner, person, family, presentation, service);
        });
    }

    public static async Task<WebSession> SignedIn(this AftercareFactory app, StaffAccount account)
    {
        var session = app.NewSession();
        await session.SignIn(account);
        return session;
    }

    /// <summary>A referral made straight through the domain (as the pages would), taken as far as <paramref name="step"/>, and saved.</summary>
    public static async Task<Referral> NewReferral(this AftercareFactory app, ReferralWorld world, ReferralStatus step = ReferralStatus.Sent,
        DeclineReason reason = DeclineReason.RiskOfSuicideOrSelfHarm, Action<Referral>? draft = null)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AftercareDb>();
        var person = await db.Persons.AsNoTracking().SingleAsync(p => p.Id == world.Person);
        var presentation = await db.Presentations.AsNoTracking().SingleAsync(p => p.Id == world.Presentation);
        var sources = new ReferralLetterSources(person, presentation, new ReceivingService(world.Service.Id, world.Service.Name, world.Service.EligibilityCriteria)
        {
            Exclusions = world.Service.Exclusions,
        }, world.Practitioner.Name, world.Team.TeamName)
        {
            Assessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.PresentationId == world.Presentation),
            SafetyPlan = await db.SafetyPlans.AsNoTracking().SingleOrDefaultAsync(p => p.PersonId == world.Person),
            Narrative = await db.Narratives.AsNoTracking().Where(n => n.PersonId == world.Person).OrderByDescending(n => n.RecordedAt).FirstOrDefaultAsync(),
        };
        var by = new StaffId(world.Practitioner.Id);
        var name = world.Practitioner.Name;
        var onBehalf = ReferralActor.ForStaff(by, name);
        var now = DateTimeOffset.UtcNow;
        var referral = Referral.Draft(sources, by, world.Team.TeamId, now.AddHours(-6));
        referral.ReviseLetter(new Dictionary<string, string?>
        {
            ["Criterion2"] = "Robin is registered with Northgate Medical Centre.",
            ["Criterion3"] = "Robin lives a short bus ride from Eccles.",
        }, by, now.AddHours(-6));
        draft?.Invoke(referral);
        if (step != ReferralStatus.Draft)
        {
            referral.Send(sources.Narrative, by, name, now.AddHours(-5));
            switch (step)
            {
                case ReferralStatus.Declined:
                    referral.Decline(reason, "We cannot take this referral at present.", reason == DeclineReason.NeedsBetterMetByAnotherService ? "Northgate CMHT" : null, onBehalf, now.AddHours(-4));
                    break;
                case ReferralStatus.Accepted:
                    referral.Accept(null, onBehalf, now.AddHours(-4));
                    break;
                case ReferralStatus.FirstAppointmentOffered:
                    referral.Accept(null, onBehalf, now.AddHours(-4));
                    referral.OfferFirstAppointment(now.AddHours(-2), onBehalf, now.AddHours(-3));
                    break;
            }
        }
        db.Referrals.Add(referral);
        await db.SaveChangesAsync();
        return referral;
    }

    public static Task<Referral> Saved(this AftercareFactory app, ReferralId id) =>
        app.WithDb(db => db.Referrals.AsNoTracking().AsSplitQuery().SingleAsync(r => r.Id == id));

    /// <summary>The referral a page redirected to, from its address.</summary>
    public static ReferralId FromLocation(string location) =>
        new(Guid.Parse(location.Split("/referrals/")[1].Split('/', '?')[0]));
}
