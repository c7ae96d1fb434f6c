using System.Diagnostics;
using System.Globalization;
using Aftercare.Domain.Common;
using Aftercare.Domain.Directory;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Aftercare.Web.Data.Demo;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aftercare.Bench;

/// <summary>
/// The service directory and referrals. Every site has the local services of the demo directory
/// around it (talking therapies, a crisis team, a community mental health team, voluntary
/// services), renamed for its town and covering it and two or three postcode districts; the
/// national lines are added once. A third of the people whose pathway began in the last three months
/// were referred, by the practitioner named on it, a few hours after the assessment was signed off,
/// with the letter the domain drafts from the assessment and the plan, every criterion answered,
/// sent; the service has since answered as services do: most accept and offer an appointment
/// (attended when it has passed), some put the person on a waiting list, some decline (about 40% of
/// declines on grounds NICE NG225 rules out, half of those older than a fortnight escalated to the
/// team's supervisor), a few are closed, and the newest wait for an answer. Written through the
/// application's own model: the sources read with EF Core, the rows written by binary COPY as the
/// model maps them (<see cref="ModelCopy"/>), so the letter's shape stays the application's to decide. Also run by itself on a database loaded before referrals
/// existed (<c>top-up</c>), so a reused scale-10 load need not be loaded again.
/// </summary>
public sealed partial class Loader
{
    private const double ReferralDays = 91;
    private const double ReferredShare = 1.0 / 3;
    private const int ReferralBatch = 2_000;
    private long _services, _referrals;

    /// <summary>
    /// Adds what an older load lacks (the directory and the referrals; the patient accounts and
    /// their conversations) to a loaded database, and arranges the duty rota and the covers for
    /// practitioners away again when they would not last the run.
    /// </summary>
    public static async Task TopUpAsync(LoadOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.Connection) { CommandTimeout = 0 };
        await using var dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
        await Migrator.MigrateAsync(dataSource);
        bool hasReferrals;
        await using (var check = dataSource.CreateCommand("SELECT (SELECT count(*) FROM persons), (SELECT count(*) FROM aftercare_services)"))
        await using (var reader = await check.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            if (reader.GetInt64(0) == 0) throw new BenchException("The database has no data to add to; load it first");
            hasReferrals = reader.GetInt64(1) > 0;
        }
        var total = Stopwatch.StartNew();
        var loader = new Loader(options);
        if (hasReferrals) Console.WriteLine("The database already has its directory and referrals");
        else await loader.LoadReferralsAsync(dataSource, total);
        await loader.LoadMessagingAsync(dataSource, total);
        var covered = await ArrangeCoversAsync(dataSource);
        foreach (var table in (hasReferrals ? [] : ReferralTables).Concat(loader._patientAccounts > 0 ? ["user_accounts", .. MessagingTables] : ["duty_shifts"]))
        {
            await using var cmd = dataSource.CreateCommand($"VACUUM (ANALYZE) {table}");
            await cmd.ExecuteNonQueryAsync();
        }
        var dashboards = await PrepareDashboardsAsync(dataSource);
        Console.WriteLine($"Added in {total.Elapsed.TotalSeconds:0.0} s");
        // The table then shows what the database holds now, with the load's own time.
        if (options.SummaryPath is { } path && File.Exists(path)
            && System.Text.Json.JsonSerializer.Deserialize<LoadSummary>(await File.ReadAllTextAsync(path)) is { } summary)
        {
            if (!hasReferrals) summary = summary with { Services = loader._services, Referrals = loader._referrals };
            if (loader._patientAccounts > 0)
                summary = summary with { PatientAccounts = loader._patientAccounts, Conversations = loader._conversations, Messages = loader._messages };
            if (dashboards is { } rebuilt) summary = summary with { DashboardRebuildSeconds = rebuilt };
            summary = summary with { CoveredPathways = covered };
            await File.WriteAllTextAsync(path, System.Text.Json.JsonSerializer.Serialize(summary, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }
    }

    private static readonly string[] ReferralTables = ["aftercare_services", "referrals", "referral_contributors", "referral_escalations", "referral_history"];

    private sealed record StaffRow(StaffId Id, string Name, TeamId Team, StaffRole Role);

    private async Task LoadReferralsAsync(NpgsqlDataSource dataSource, Stopwatch total)
    {
        var started = total.Elapsed;
        var options = new DbContextOptionsBuilder<AftercareDb>().UseNpgsql(dataSource).Options;
        var random = new Random(_options.Seed + 9);
        Dictionary<SiteId, List<AftercareService>> local;
        Dictionary<TeamId, (string Name, SiteId Site, StaffRow? Supervisor)> teams;
        Dictionary<StaffId, StaffRow> staff;
        await using (var db = new AftercareDb(options))
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            local = await AddDirectoryAsync(db, random);
            staff = await db.Users.AsNoTracking().Where(u => u.TeamId != null && u.Role != null)
                .Select(u => new { u.Id, u.DisplayName, u.TeamId, u.Role }).ToListAsync()
                .ContinueWith(t => t.Result.Select(u => new StaffRow(new StaffId(u.Id), u.DisplayName, u.TeamId!.Value, u.Role!.Value)).ToDictionary(s => s.Id));
            var supervisors = staff.Values.Where(s => s.Role == StaffRole.Supervisor).GroupBy(s => s.Team).ToDictionary(g => g.Key, g => g.First());
            teams = (await db.Teams.AsNoTracking().Select(t => new { t.Id, t.Name, t.SiteId }).ToListAsync())
                .ToDictionary(t => t.Id, t => (t.Name, t.SiteId, supervisors.GetValueOrDefault(t.Id)));
        }

        // Who was referred: a third of the pathways begun in the last three months, in a repeatable order.
        var since = _now.AddDays(-ReferralDays);
        List<(PersonId Person, TeamId Team, StaffId Practitioner, AssessmentId Assessment)> chosen;
        await using (var db = new AftercareDb(options))
        {
            var all = await db.Pathways.AsNoTracking().Where(w => w.StartedAt >= since).OrderBy(w => w.StartedAt).ThenBy(w => w.Id)
                .Select(w => new { w.PersonId, w.TeamId, w.NamedPractitionerId, w.AssessmentId }).ToListAsync();
            chosen = [.. all.Where(_ => random.NextDouble() < ReferredShare).Select(w => (w.PersonId, w.TeamId, w.NamedPractitionerId, w.AssessmentId))];
        }

        using var progress = new Timer(_ => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {total.Elapsed.TotalSeconds,6:0} s  referrals {Interlocked.Read(ref _referrals),9:N0} of {chosen.Count:N0}")), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        // Drafting a letter is the costly part, so each batch is drafted on both cores; each referral
        // has its own random numbers, so the result does not depend on which core drafted it.
        var made = new List<Referral>(chosen.Count);
        var seed = _options.Seed;
        for (var first = 0; first < chosen.Count; first += ReferralBatch)
        {
            var batch = chosen.Skip(first).Take(ReferralBatch).ToArray();
            await using var db = new AftercareDb(options);
            var assessmentIds = batch.Select(b => b.Assessment).ToList();
            var personIds = batch.Select(b => b.Person).Distinct().ToList();
            var assessments = await db.Assessments.AsNoTracking().Where(a => assessmentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id);
            var presentationIds = assessments.Values.Select(a => a.PresentationId).ToList();
            var presentations = await db.Presentations.AsNoTracking().Where(p => presentationIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
            var people = await db.Persons.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
            var plans = await db.SafetyPlans.AsNoTracking().Where(p => personIds.Contains(p.PersonId)).ToDictionaryAsync(p => p.PersonId);
            var drafted = new Referral?[batch.Length];
            Parallel.For(0, batch.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
            {
                var (personId, teamId, practitionerId, assessmentId) = batch[i];
                var random = new Random(HashCode.Combine(seed, first + i));
                var assessment = assessments[assessmentId];
                var team = teams[teamId];
                var by = staff[practitionerId];
                var services = local[team.Site];
                var service = services[random.Next(services.Count)];
                var at = assessment.SignedOffAt!.Value.AddHours(1 + random.Next(47));
                if (at > _now.AddHours(-2)) return;
                var sources = new ReferralLetterSources(people[personId], presentations[assessment.PresentationId],
                    new ReceivingService(service.Id, service.Name, service.EligibilityCriteria) { Exclusions = service.Exclusions, IsGpPractice = service.Type == ServiceType.GeneralPractice },
                    by.Name, team.Name)
                {
                    Assessment = assessment,
                    // The plan as it stands today may be newer than the referral; it is only words for the letter.
                    SafetyPlan = plans.GetValueOrDefault(personId),
                };
                var referral = Referral.Draft(sources, by.Id, teamId, at);
                referral.ReviseLetter(referral.Letter.OfKind(LetterSectionKind.Criterion).Where(c => c.Text is null)
                    .ToDictionary(c => c.Key, c => (string?)"Yes: we talked this through together, and they want this help."), by.Id, at.AddMinutes(20));
                var sent = at.AddMinutes(30 + random.Next(180));
                referral.Send(null, by.Id, by.Name, sent);
                Answer(referral, sent, by, team.Supervisor, random);
                drafted[i] = referral;
            });
            foreach (var r in drafted) if (r is not null) made.Add(r);
            Interlocked.Exchange(ref _referrals, made.Count);
        }

        // Each table in one COPY: the referrals first, as the other three refer to them.
        await using (var db = new AftercareDb(options))
        {
            var type = db.Model.FindEntityType(typeof(Referral))!;
            ModelCopy Owned(string navigation) => new(type.FindNavigation(navigation)!.TargetEntityType);
            await ModelCopy.For<Referral>(db).CopyAsync(dataSource, made);
            await Task.WhenAll(
                Owned(nameof(Referral.History)).CopyAsync(dataSource, made.SelectMany(r => r.History)),
                Owned(nameof(Referral.Escalations)).CopyAsync(dataSource, made.SelectMany(r => r.Escalations)),
                Owned(nameof(Referral.Contributors)).CopyAsync(dataSource, made.SelectMany(r => r.Contributors)));
        }
        progress.Change(Timeout.Infinite, Timeout.Infinite);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  directory and referrals: {_services:N0} services, {_referrals:N0} referrals in {(total.Elapsed - started).TotalSeconds:0.0} s"));
    }

    /// <summary>What the service has done with a referral sent at <paramref name="sent"/>, by today.</summary>
    private void Answer(Referral referral, DateTimeOffset sent, StaffRow by, StaffRow? supervisor, Random random)
    {
        var age = _now - sent;
        // The practitioner records what the service answered by letter or phone, on its behalf.
        var service = ReferralActor.ForStaff(by.Id, by.Name);
        var answeredAt = sent.AddHours(4 + random.Next(24 * 6));
        var roll = random.NextDouble();
        // The newest wait for an answer; so do a few older ones.
        if (answeredAt > _now.AddHours(-1) || roll < 0.12) return;
        if (roll < 0.62)
        {
            referral.Accept(null, service, answeredAt);
            var offered = answeredAt.AddDays(1 + random.Next(6));
            if (offered > _now) return;
            var appointment = UkTime.ToUtc(UkTime.DateOf(offered).AddDays(7 + random.Next(35)), new TimeOnly(9 + random.Next(8), 0));
            referral.OfferFirstAppointment(appointment, service, offered);
            if (appointment < _now.AddHours(-2))
            {
                if (random.NextDouble() < 0.85) referral.RecordFirstAppointmentAttended(appointment, service, appointment.AddHours(1));
                else referral.Close(ReferralClosure.PersonDidNotAttend, null, by.Id, by.Name, appointment.AddDays(1));
            }
            return;
        }
        if (roll < 0.74)
        {
            referral.PlaceOnWaitingList(null, service, answeredAt);
            return;
        }
        if (roll < 0.92)
        {
            var flagged = random.NextDouble() < 0.4;
            var reason = flagged
                ? (DeclineReason)(1 + random.Next(6))
                : random.NextDouble() < 0.5 ? DeclineReason.OutOfArea : DeclineReason.NeedsBetterMetByAnotherService;
            referral.Decline(reason, "We are unable to offer this service to the person at present; please see our criteria.",
                reason == DeclineReason.NeedsBetterMetByAnotherService ? "Their GP practice" : null, service, answeredAt);
            if (flagged && supervisor is not null && age > TimeSpan.FromDays(14) && random.NextDouble() < 0.5)
            {
                var escalated = answeredAt.AddDays(1);
                var escalation = referral.Escalate(supervisor.Id, supervisor.Name, null, by.Id, by.Name, escalated);
                if (escalated.AddDays(7) < _now)
                    referral.RecordEscalationOutcome(escalation.Id, EscalationOutcome.DeclineUpheld,
                        "Discussed with the service's lead; they keep their decision. We will refer to the voluntary sector instead.",
                        supervisor.Id, supervisor.Name, escalated.AddDays(7));
            }
            return;
        }
        referral.Close(ReferralClosure.PersonChoseNotToGoAhead, null, by.Id, by.Name, answeredAt);
    }

    /// <summary>The demo directory's local services around every site, named for its town, and its national lines once.</summary>
    private async Task<Dictionary<SiteId, List<AftercareService>>> AddDirectoryAsync(AftercareDb db, Random random)
    {
        var templates = DemoDirectory.Services();
        var created = _start.AddDays(-30);
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Name }).ToListAsync();
        var byTown = new Dictionary<SiteId, List<AftercareService>>();
        var districts = SyntheticData.PostcodeDistricts;
        foreach (var site in sites)
        {
            var town = SyntheticData.TownOf(site.Name);
            var list = new List<AftercareService>();
            foreach (var t in templates.Where(t => !t.IsNational))
            {
                string Rename(string? s) => (s ?? "").Replace("Northgate and Riverside", town, StringComparison.Ordinal)
                    .Replace("Northgate", town, StringComparison.Ordinal).Replace("Riverside", town, StringComparison.Ordinal);
                var areas = new List<string> { town };
                for (var k = 0; k < 2 + random.Next(2); k++) areas.Add(districts[random.Next(districts.Count)]);
                var details = t with
                {
                    Name = Rename(t.Name),
                    Provider = t.Provider is null ? null : Rename(t.Provider),
                    Description = t.Description is null ? null : Rename(t.Description),
                    EligibilityCriteria = [.. t.EligibilityCriteria.Select(Rename)],
                    Areas = [.. areas.Distinct()],
                };
                var service = AftercareService.Add(details, null, null, "Directory load", created);
                list.Add(service);
                db.Services.Add(service);
            }
            byTown[site.Id] = list;
        }
        foreach (var t in templates.Where(t => t.IsNational))
            db.Services.Add(AftercareService.Add(t, null, null, "Directory load", created));
        db.ChangeTracker.DetectChanges();
        _services = await db.SaveChangesAsync();
        return byTown;
    }
}
