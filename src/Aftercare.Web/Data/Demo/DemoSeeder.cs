using Aftercare.Domain.Assessments;
using Aftercare.Domain.Common;
using Aftercare.Domain.Directory;
using Aftercare.Domain.Messaging;
using Aftercare.Domain.Organisation;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Patients;
using Aftercare.Domain.Presentations;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.SafetyPlans;
using Aftercare.Domain.Sessions;
using Aftercare.Domain.Staff;
using Aftercare.Web.Features.Pathways;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Data.Demo;

/// <summary>Fills an empty database with invented sites, teams, staff, people and presentations; then a patient with a plan, and pathways.</summary>
public sealed class DemoSeeder(AftercareDb db, UserManager<UserAccount> users, TimeProvider clock, ILogger<DemoSeeder> log, PathwayStarter starter)
{
    public const string DemoPassword = "demo-aftercare-2026";

    public static readonly (string Email, string Role)[] Accounts =
    [
        ("practitioner@demo.aftercare.test", "Practitioner"),
        ("supervisor@demo.aftercare.test", "Supervisor"),
        ("admin@demo.aftercare.test", "Administrator"),
        ("practitioner.riverside@demo.aftercare.test", "Practitioner"),
        ("patient@demo.aftercare.test", "Patient"),
        ("service@demo.aftercare.test", "Service"),
    ];

    /// <summary>The demo directory's service whose user can sign in: a community team the liaison teams refer on to.</summary>
    public const string DemoReceivingService = "Riverside Community Mental Health Team";

    public async Task SeedIfEmptyAsync(CancellationToken ct = default)
    {
        if (!await db.Sites.AnyAsync(ct)) await SeedOrganisationAsync(ct);
        await SeedPatientAsync(ct);
        await SeedPathwaysAsync(ct);
        await SeedMessagesAsync(ct);
        await SeedDirectoryAsync(ct);
        await SeedReferralsAsync(ct);
        await SeedServiceUserAsync(ct);
        await SeedServiceInboxAsync(ct);
        await DemoSupervision.SeedAsync(db, Accounts[0].Email, Accounts[1].Email, Accounts[4].Email, clock.GetUtcNow(), ct);
    }

    /// <summary>A handful of invented aftercare services, added once, to an existing demo database too.</summary>
    private async Task SeedDirectoryAsync(CancellationToken ct)
    {
        if (await db.Services.AnyAsync(ct)) return;
        var now = clock.GetUtcNow();
        foreach (var details in DemoDirectory.Services())
            db.Services.Add(AftercareService.Add(details, null, null, "Demo data", now));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Referrals from Asha's team in different states, so the demo shows them: one accepted with the
    /// first appointment offered, one declined because of risk (flagged as contrary to NICE NG225 on
    /// the referral and the team's worklist, not yet escalated), one sent and waiting for an answer,
    /// and a draft waiting for Tom's part. Added once, to an existing demo database too, when the
    /// directory has services to refer to.
    /// </summary>
    private async Task SeedReferralsAsync(CancellationToken ct)
    {
        var asha = await db.Users.FirstOrDefaultAsync(u => u.Email == Accounts[0].Email, ct);
        var tom = await db.Users.FirstOrDefaultAsync(u => u.Email == Accounts[1].Email, ct);
        if (asha?.TeamId is not { } team || tom is null || await db.Referrals.AnyAsync(r => r.TeamId == team, ct)) return;
        var services = await db.Services.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.IsNational).ThenBy(s => s.Name).ToListAsync(ct);
        if (services.Count == 0) return;
        AftercareService Of(ServiceType type, int fallback) => services.FirstOrDefault(s => s.Type == type) ?? services[fallback % services.Count];
        var people = await db.Persons.Where(p => p.CareTeamId == team).OrderBy(p => p.RegisteredAt).Take(4).ToListAsync(ct);
        var teamName = await db.Teams.Where(t => t.Id == team).Select(t => t.Name).FirstAsync(ct);
        var now = clock.GetUtcNow();
        var types = new[] { ServiceType.CommunityMentalHealth, ServiceType.NhsTalkingTherapies, ServiceType.CrisisAndHomeTreatment, ServiceType.VoluntarySector };
        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            var presentation = await db.Presentations.AsNoTracking().Where(p => p.PersonId == person.Id).OrderByDescending(p => p.ArrivedAt).FirstAsync(ct);
            var service = Of(types[i], i);
            // A week or so ago, but never before they came to hospital, nor so late the steps after it would be in the future.
            var drafted = Min(Max(now.AddDays(-9 + i), presentation.ArrivedAt.AddHours(4)), now.AddHours(-5));
            var sources = new ReferralLetterSources(person, presentation,
                new ReceivingService(service.Id, service.Name, service.EligibilityCriteria) { Exclusions = service.Exclusions, IsGpPractice = service.Type == ServiceType.GeneralPractice },
                asha.DisplayName, teamName)
            {
                Assessment = await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.PresentationId == presentation.Id && a.Status == AssessmentStatus.SignedOff, ct),
                SafetyPlan = await db.SafetyPlans.AsNoTracking().FirstOrDefaultAsync(p => p.PersonId == person.Id, ct),
            };
            var referral = Referral.Draft(sources, asha.StaffId, team, drafted);
            // Every criterion answered, as a practitioner would before sending.
            referral.ReviseLetter(referral.Letter.OfKind(LetterSectionKind.Criterion).Where(c => c.Text is null)
                .ToDictionary(c => c.Key, c => (string?)"Yes: we talked this through together, and they want this help."), asha.StaffId, drafted.AddMinutes(20));
            if (i == 3)
            {
                // Still a draft: Tom, the team's supervisor, is asked for his part.
                referral.NameContributor(tom.DisplayName, Discipline.Nursing, "Team manager and senior nurse", tom.StaffId, asha.StaffId, asha.DisplayName, drafted.AddMinutes(25));
                db.Referrals.Add(referral);
                continue;
            }
            var sent = drafted.AddHours(1);
            referral.Send(null, asha.StaffId, asha.DisplayName, sent);
            if (i == 0)
            {
                referral.Accept("They will see the person at the resource centre.", ReferralActor.ForStaff(asha.StaffId, asha.DisplayName), Min(sent.AddDays(2), now));
                referral.OfferFirstAppointment(UkTime.ToUtc(UkTime.DateOf(now).AddDays(5), new TimeOnly(10, 30)), ReferralActor.ForStaff(asha.StaffId, asha.DisplayName), Min(sent.AddDays(3), now));
            }
            else if (i == 1)
                referral.Decline(DeclineReason.RiskOfSuicideOrSelfHarm,
                    "We are unable to offer therapy while there is an ongoing risk of suicide. Please refer to the crisis team.", null,
                    ReferralActor.ForStaff(asha.StaffId, asha.DisplayName), Max(now.AddDays(-3), sent.AddHours(2)));
            db.Referrals.Add(referral);
        }
        await db.SaveChangesAsync(ct);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>
    /// Someone of a receiving service in the demo directory, so the service's own pages can be
    /// tried. Added once, after the directory, to an existing demo database too.
    /// </summary>
    private async Task SeedServiceUserAsync(CancellationToken ct)
    {
        var email = Accounts[5].Email;
        if (await users.FindByEmailAsync(email) is not null) return;
        var service = await db.Services.Where(s => s.Name == DemoReceivingService && s.IsActive)
            .OrderBy(s => s.CreatedAt).Select(s => (ServiceId?)s.Id).FirstOrDefaultAsync(ct);
        if (service is null) return;
        var account = new UserAccount
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = "Grace Adeyemi",
            ServiceId = service,
            IsDemoAccount = true,
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(account, DemoPassword);
        if (!result.Succeeded) throw new InvalidOperationException("Could not create the demo service user: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>
    /// Grace's inbox at the Riverside community mental health team: a referral from Asha's team
    /// waiting for her answer, sent two days ago, and one she has accepted herself in Aftercare (so
    /// Asha's page shows an answer given by the service, beside the one Asha recorded on its
    /// behalf). Added once, to an existing demo database too, when Grace and the referrals exist.
    /// </summary>
    private async Task SeedServiceInboxAsync(CancellationToken ct)
    {
        var grace = await db.Users.FirstOrDefaultAsync(u => u.Email == Accounts[5].Email, ct);
        var asha = await db.Users.FirstOrDefaultAsync(u => u.Email == Accounts[0].Email, ct);
        if (grace?.ServiceId is not { } serviceId || asha?.TeamId is not { } team) return;
        var graceId = new ServiceUserId(grace.Id);
        if (await db.Referrals.AnyAsync(r => r.ServiceId == serviceId && r.History.Any(h => h.ByServiceUser == graceId), ct)) return;
        var service = await db.Services.AsNoTracking().FirstAsync(s => s.Id == serviceId, ct);
        // People of Asha's team not yet referred to Grace's service, so each referral is a new one.
        var people = await db.Persons.Where(p => p.CareTeamId == team && !db.Referrals.Any(r => r.PersonId == p.Id && r.ServiceId == serviceId))
            .OrderBy(p => p.RegisteredAt).Take(2).ToListAsync(ct);
        if (people.Count < 2) return;
        var teamName = await db.Teams.Where(t => t.Id == team).Select(t => t.Name).FirstAsync(ct);
        var now = clock.GetUtcNow();
        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            var presentation = await db.Presentations.AsNoTracking().Where(p => p.PersonId == person.Id).OrderByDescending(p => p.ArrivedAt).FirstAsync(ct);
            var sources = new ReferralLetterSources(person, presentation,
                new ReceivingService(service.Id, service.Name, service.EligibilityCriteria) { Exclusions = service.Exclusions }, asha.DisplayName, teamName)
            {
                Assessment = await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.PresentationId == presentation.Id && a.Status == AssessmentStatus.SignedOff, ct),
                SafetyPlan = await db.SafetyPlans.AsNoTracking().FirstOrDefaultAsync(p => p.PersonId == person.Id, ct),
            };
            // Sent two days ago (waiting) or four (answered), never before they came to hospital.
            var drafted = Min(Max(now.AddDays(i == 0 ? -2 : -4).AddHours(-1), presentation.ArrivedAt.AddHours(4)), now.AddHours(-3));
            var referral = Referral.Draft(sources, asha.StaffId, team, drafted);
            referral.ReviseLetter(referral.Letter.OfKind(LetterSectionKind.Criterion).Where(c => c.Text is null)
                .ToDictionary(c => c.Key, c => (string?)"Yes: we talked this through together, and they want this help."), asha.StaffId, drafted.AddMinutes(20));
            referral.Send(null, asha.StaffId, asha.DisplayName, drafted.AddHours(1));
            if (i == 1)
                referral.Accept("We will ring this week to offer a first appointment at the resource centre.",
                    ReferralActor.ForServiceUser(graceId, serviceId, grace.DisplayName), Min(drafted.AddDays(1), now));
            db.Referrals.Add(referral);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Pathways in Asha's team, so the worklists show something true to life: the demo patient half
    /// way through ASSURED (check-in done, a first session with a scale and a rating), someone
    /// assessed this morning (the check-in due within 48 hours) and someone whose check-in is
    /// overdue (the banner on Asha's and Tom's pages). Added once, to an existing demo database too.
    /// </summary>
    private async Task SeedPathwaysAsync(CancellationToken ct)
    {
        var asha = await db.Users.FirstOrDefaultAsync(u => u.Email == Accounts[0].Email, ct);
        if (asha?.TeamId is not { } team || await db.Pathways.AnyAsync(p => p.TeamId == team, ct)) return;
        var now = clock.GetUtcNow();
        var people = await db.Persons.Where(p => p.CareTeamId == team).OrderBy(p => p.RegisteredAt).Take(3).ToListAsync(ct);
        if (people.Count < 3) return;
        var signedOff = new[] { now.AddDays(-12), now.AddHours(-6), now.AddHours(-50) };
        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            var presentation = await db.Presentations.Where(p => p.PersonId == person.Id).OrderByDescending(p => p.ArrivedAt).FirstAsync(ct);
            var at = signedOff[i] < presentation.RecordedAt ? presentation.RecordedAt.AddHours(1) : signedOff[i];
            var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.PresentationId == presentation.Id, ct);
            if (assessment is { IsSignedOff: true }) continue;
            if (assessment is null)
            {
                assessment = Assessment.Start(person.Id, presentation, asha.StaffId, at.AddHours(-1));
                db.Assessments.Add(assessment);
            }
            assessment.SaveDraft(new AssessmentSections
            {
                WhatHappenedAndIntent = "Took an overdose after a row at home; says they wanted everything to stop for a while, then rang their sister.",
                StrengthsAndCoping = "Close to their sister; walking helps; wants to get back to work.",
                SafetyFormulation = "Less safe alone at night after conflict; safer with their sister around and with a plan for the evenings. Plan written together.",
            }, asha.StaffId, at.AddMinutes(-30));
            assessment.SignOff(asha.StaffId, at);
            var pathway = Pathway.Start(assessment, PathwayDefinition.Assured, team, asha.StaffId, asha.StaffId, null);
            db.Pathways.Add(pathway);
            starter.Schedule(pathway, at);
            if (i == 0) SeedSessions(pathway, asha, now);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A short conversation between the demo patient and Asha over the last few working days: an
    /// evening message answered automatically (when it will be read, and the crisis lines), Asha's
    /// reply the next morning, and a new message from the person that Asha has not read yet, so her
    /// header counts it and "my work" shows it waiting. Added once, to an existing demo too.
    /// </summary>
    private async Task SeedMessagesAsync(CancellationToken ct)
    {
        var patient = await db.Users.FirstOrDefaultAsync(u => u.Email == Accounts[4].Email, ct);
        var asha = await db.Users.FirstOrDefaultAsync(u => u.Email == Accounts[0].Email, ct);
        if (patient?.PersonId is not { } person || asha?.TeamId is not { } team) return;
        if (await db.Conversations.AnyAsync(c => c.PersonId == person, ct)) return;
        if (!await db.Pathways.AnyAsync(p => p.PersonId == person && p.Status == PathwayStatus.Active, ct)) return;
        var hours = (await db.Teams.FirstAsync(t => t.Id == team, ct)).ReadingHours(UkTime.Zone);
        var now = clock.GetUtcNow();
        static DateOnly WorkingDayBefore(DateOnly day)
        {
            do day = day.AddDays(-1); while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
            return day;
        }
        var replied = WorkingDayBefore(UkTime.DateOf(now));
        var wrote = WorkingDayBefore(replied);
        DateTimeOffset At(DateOnly day, int hour, int minute) => UkTime.AtLocal(day.ToDateTime(new TimeOnly(hour, minute)));

        var robin = MessageSender.Patient(patient.Id, patient.DisplayName);
        var ashaSends = MessageSender.Staff(asha.StaffId, asha.DisplayName);
        var conversation = Conversation.Open(person, At(wrote, 20, 15));
        var sent = new List<Message>();
        sent.AddRange(conversation.Send(robin, "Hi Asha, I did the walk the long way round the park tonight like we said. Still can't really sleep though 😕",
            hours, careIsActive: true, At(wrote, 20, 15)).All);
        sent.AddRange(conversation.Send(ashaSends, $"Morning {patient.DisplayName}, thank you for letting me know. The walk is a real step, well done. " +
            "Sleep often takes a while to settle; shall we look at your evenings together at your next session? If a night gets hard, " +
            "your plan has Jo's number and the crisis lines.", hours, careIsActive: true, At(replied, 9, 20)).All);
        var ashaRead = conversation.LastSequence;
        sent.AddRange(conversation.Send(robin, "Yes please. Jo's coming round on Sunday and Dev asked me to football again ⚽ I think I'll go",
            hours, careIsActive: true, At(replied, 12, 40)).All);
        db.Conversations.Add(conversation);
        db.Messages.AddRange(sent);
        db.ConversationReads.Add(new ConversationRead(conversation.Id, patient.Id, conversation.LastSequence, At(replied, 12, 40)));
        db.ConversationReads.Add(new ConversationRead(conversation.Id, asha.Id, ashaRead, At(replied, 9, 20)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The demo patient's check-in call and first session, so the chart and the patient's appointments have something to show.</summary>
    private void SeedSessions(Pathway pathway, UserAccount asha, DateTimeOffset now)
    {
        var checkIn = pathway.Contacts[0];
        var callAt = pathway.StartedAt.AddHours(20);
        var call = CareSession.Record(pathway.PersonId, pathway.Id, checkIn.Id, asha.StaffId, asha.DisplayName, callAt, ContactMode.Phone, ContactOutcome.Attended,
            "Rang as agreed. Sleeping a little better; staying with Jo this week. Went through the plan again.", null, Adaptations.None, null, now);
        db.CareSessions.Add(call);
        pathway.CompleteContact(checkIn.Id, callAt, asha.StaffId, call.Id, now);
        var first = pathway.Contacts[1];
        var sessionAt = first.OpensAt.AddHours(2) < now ? first.OpensAt.AddHours(2) : now.AddHours(-1);
        var session = CareSession.Record(pathway.PersonId, pathway.Id, first.Id, asha.StaffId, asha.DisplayName, sessionAt, ContactMode.Video, ContactOutcome.Attended,
            null, SolutionFocusedNotes.Create("To feel like myself again", "Up in the morning, seeing friends at football", "Walking the long way round the park", 4, "Text Dev about Sunday's match"),
            Adaptations.None, null, now);
        session.RateAlliance(AllianceRating.Create(8, 7, 8, 8, enteredByPerson: true, sessionAt.AddHours(1)));
        db.CareSessions.Add(session);
        pathway.CompleteContact(first.Id, sessionAt, asha.StaffId, session.Id, now);
    }

    /// <summary>
    /// One person of the first team with a safety plan written with Asha and an account of their
    /// own, so the patient's pages can be tried. Added to an existing demo database too.
    /// </summary>
    private async Task SeedPatientAsync(CancellationToken ct)
    {
        var email = Accounts[4].Email;
        if (await users.FindByEmailAsync(email) is not null) return;
        var asha = await db.Users.FirstOrDefaultAsync(u => u.Email == Accounts[0].Email, ct);
        if (asha?.TeamId is not { } team) return;
        var person = await db.Persons.Where(p => p.CareTeamId == team).OrderBy(p => p.RegisteredAt).FirstOrDefaultAsync(ct);
        if (person is null) return;
        var now = clock.GetUtcNow();
        if (!await db.SafetyPlans.AnyAsync(p => p.PersonId == person.Id, ct))
        {
            var (plan, version) = SafetyPlan.Create(person.Id, new SafetyPlanContent
            {
                WarningSigns = [new("I stop replying to messages"), new("Lying awake going over things")],
                ThingsICanDo = [new("Walk the long way round the park"), new("Cold water on my face, then my playlist")],
                PeopleAndPlaces = [new("The library café"), new("Football on a Sunday")],
                PeopleICanAsk = [new("My sister Jo", "07700 900123"), new("Dev from work", "07700 900456")],
                Professionals = [new("Liaison team (Asha)", "0161 496 0000", "Weekdays 9am to 5pm"), new("Crisis line", "0800 123 4567", "Any time")],
                SafeSpace = [new("Jo keeps my tablets at hers")],
                ReasonsForLiving = [new("My niece, Maya"), new("Seeing the sea again")],
            }, Author.ForStaff(asha.StaffId, asha.DisplayName), now);
            db.SafetyPlans.Add(plan);
            db.SafetyPlanVersions.Add(version);
        }
        var account = new UserAccount
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = person.PreferredName ?? person.GivenName,
            PersonId = person.Id,
            IsDemoAccount = true,
            CreatedAt = now,
        };
        var result = await users.CreateAsync(account, DemoPassword);
        if (!result.Succeeded) throw new InvalidOperationException("Could not create the demo patient: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedOrganisationAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var data = new SyntheticData(2026);

        var sites = Enumerable.Range(0, 3).Select(i => Site.Create(data.HospitalName(i), data.OdsCode(i), now)).ToList();
        db.Sites.AddRange(sites);
        var teams = new List<Team>
        {
            Team.Create(sites[0].Id, "Liaison Psychiatry", now),
            Team.Create(sites[1].Id, "Liaison Psychiatry", now),
            Team.Create(sites[2].Id, "ED Mental Health Team", now),
        };
        db.Teams.AddRange(teams);
        await db.SaveChangesAsync(ct);

        var staff = new[]
        {
            (Accounts[0].Email, "Asha Patel", StaffRole.Practitioner, (TeamId?)teams[0].Id),
            (Accounts[1].Email, "Tom Brennan", StaffRole.Supervisor, teams[0].Id),
            (Accounts[2].Email, "Morgan Ellis", StaffRole.Administrator, null),
            (Accounts[3].Email, "Kofi Mensah", StaffRole.Practitioner, teams[1].Id),
        };
        var ids = new List<StaffId>();
        foreach (var (email, name, role, team) in staff)
        {
            var user = new UserAccount
            {
                Id = Guid.CreateVersion7(),
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name,
                Role = role,
                TeamId = team,
                IsDemoAccount = true,
                CreatedAt = now,
            };
            var result = await users.CreateAsync(user, DemoPassword);
            if (!result.Succeeded) throw new InvalidOperationException("Could not create demo account: " + string.Join("; ", result.Errors.Select(e => e.Description)));
            ids.Add(user.StaffId);
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        foreach (var (team, site, count, by) in new[] { (teams[0], sites[0], 40, ids[0]), (teams[1], sites[1], 20, ids[3]) })
        {
            for (var i = 0; i < count; i++)
            {
                var details = data.Person(today);
                var firstArrival = now.AddDays(-data.Next(300)).AddMinutes(-data.Next(1440));
                var person = Person.Register(details, team.Id, by, firstArrival.AddHours(2));
                db.Persons.Add(person);
                var visits = 1 + (data.NextDouble() < 0.3 ? data.Next(3) : 0);
                var arrival = firstArrival;
                for (var v = 0; v < visits && arrival < now; v++)
                {
                    db.Presentations.Add(Presentation.Record(person.Id, site.Id, team.Id, data.Presentation(arrival), by, arrival.AddHours(2)));
                    arrival = arrival.AddDays(10 + data.Next(60));
                }
            }
        }
        await db.SaveChangesAsync(ct);
        log.LogInformation("Seeded demo data: {Sites} sites, {Teams} teams, {Staff} staff accounts", sites.Count, teams.Count, staff.Length);
    }
}
