using Aftercare.Domain.Assessments;
using Aftercare.Domain.Common;
using Aftercare.Domain.Directory;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.Sessions;
using Aftercare.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Data.Demo;

/// <summary>
/// A year of invented, finished care for the first demo team, so its dashboard has something to
/// show: each month some 20 people came, were assessed and followed up (most within 48 hours, some
/// later, a few not at all), had sessions, some were referred on and some came back. Every pathway
/// is finished, so none of it lands on anyone's worklist. Added once.
/// </summary>
public sealed class DemoHistory(AftercareDb db, TimeProvider clock)
{
    public async Task SeedAsync(string practitionerEmail, CancellationToken ct = default)
    {
        var asha = await db.Users.FirstOrDefaultAsync(u => u.Email == practitionerEmail, ct);
        if (asha?.TeamId is not { } team || await db.Pathways.CountAsync(p => p.TeamId == team, ct) > 20) return;
        var site = await db.Teams.Where(t => t.Id == team).Select(t => t.SiteId).FirstAsync(ct);
        var teamName = await db.Teams.Where(t => t.Id == team).Select(t => t.Name).FirstAsync(ct);
        var services = await db.Services.AsNoTracking().Where(s => s.IsActive && s.Type != ServiceType.GeneralPractice).OrderBy(s => s.Name).Take(4).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var data = new SyntheticData(2015);
        var by = asha.StaffId;
        var actor = ReferralActor.ForStaff(by, asha.DisplayName);
        var thisMonth = Domain.Dashboards.FigureRules.MonthOf(now);
        for (var back = 12; back >= 1; back--)
        {
            var monthStart = Domain.Dashboards.FigureRules.StartOf(thisMonth.AddMonths(-back));
            for (var i = 0; i < 18 + data.Next(6); i++)
            {
                var arrived = monthStart.AddDays(data.Next(27)).AddHours(data.Next(24));
                if (arrived > now.AddDays(-40)) continue;
                var person = Domain.Patients.Person.Register(data.Person(UkTime.DateOf(arrived)), team, by, arrived);
                db.Persons.Add(person);
                var presentation = Domain.Presentations.Presentation.Record(person.Id, site, team, data.Presentation(arrived), by, arrived.AddHours(1));
                db.Presentations.Add(presentation);
                if (data.NextDouble() < 0.15)
                {
                    // Came again within the year.
                    var again = arrived.AddDays(20 + data.Next(300));
                    if (again < now.AddDays(-1)) db.Presentations.Add(Domain.Presentations.Presentation.Record(person.Id, site, team, data.Presentation(again), by, again.AddHours(1)));
                }
                var signedOff = arrived.AddHours(3 + data.Next(5));
                var assessment = Assessment.Start(person.Id, presentation, by, signedOff.AddHours(-1));
                assessment.SaveDraft(new AssessmentSections
                {
                    WhatHappenedAndIntent = "Took tablets after an argument; wanted to sleep.",
                    SafetyFormulation = "Safer with family around; less safe alone at night.",
                }, by, signedOff.AddMinutes(-30));
                assessment.SignOff(by, signedOff);
                db.Assessments.Add(assessment);
                var pathway = Pathway.Start(assessment, PathwayDefinition.Assured, team, by, by, null);
                db.Pathways.Add(pathway);
                // Hours to the check-in call: most well within 48, some late, a few not reached.
                var r = data.NextDouble();
                var checkIn = pathway.Contacts[0];
                if (r < 0.06) pathway.CloseContact(checkIn.Id, "Could not be reached; letter sent with the crisis lines", by, signedOff.AddDays(4));
                else
                {
                    var hours = r < 0.5 ? 2 + data.Next(10) : r < 0.78 ? 12 + data.Next(30) : r < 0.9 ? 48 + data.Next(24) : 72 + data.Next(72);
                    var call = CareSession.Record(person.Id, pathway.Id, checkIn.Id, by, asha.DisplayName, signedOff.AddHours(hours), ContactMode.Phone, ContactOutcome.Attended, null, null, Adaptations.None, null, now);
                    db.CareSessions.Add(call);
                    pathway.CompleteContact(checkIn.Id, signedOff.AddHours(hours), by, call.Id, now);
                }
                foreach (var contact in pathway.Contacts.Where(c => c.IsOpen).ToList())
                {
                    if (contact.Kind == ContactKind.Session && contact.DueAt < now && data.NextDouble() < 0.7)
                    {
                        var outcome = data.NextDouble() switch { < 0.75 => ContactOutcome.Attended, < 0.92 => ContactOutcome.Missed, _ => ContactOutcome.Cancelled };
                        var session = CareSession.Record(person.Id, pathway.Id, contact.Id, by, asha.DisplayName, contact.OpensAt.AddHours(2), ContactMode.Video, outcome, null, null, Adaptations.None, null, now);
                        db.CareSessions.Add(session);
                        if (outcome == ContactOutcome.Attended) { pathway.CompleteContact(contact.Id, contact.OpensAt.AddHours(2), by, session.Id, now); continue; }
                    }
                    pathway.CloseContact(contact.Id, "Finished: the person's care moved on", by, now);
                }
                if (services.Count > 0 && data.NextDouble() < 0.35)
                {
                    var service = services[data.Next(services.Count)];
                    var sources = new ReferralLetterSources(person, presentation,
                        new ReceivingService(service.Id, service.Name, service.EligibilityCriteria) { Exclusions = service.Exclusions }, asha.DisplayName, teamName)
                    { Assessment = assessment };
                    var drafted = signedOff.AddHours(2);
                    var referral = Referral.Draft(sources, by, team, drafted);
                    referral.ReviseLetter(referral.Letter.OfKind(LetterSectionKind.Criterion).Where(c => c.Text is null)
                        .ToDictionary(c => c.Key, c => (string?)"Yes: we talked this through together."), by, drafted.AddMinutes(20));
                    var sent = drafted.AddHours(1);
                    referral.Send(null, by, asha.DisplayName, sent);
                    var answer = data.NextDouble();
                    if (answer < 0.6)
                    {
                        referral.Accept(null, actor, sent.AddDays(2));
                        var seen = sent.AddDays(5 + data.Next(40));
                        referral.OfferFirstAppointment(seen, actor, sent.AddDays(3));
                        if (seen < now) referral.RecordFirstAppointmentAttended(seen, actor, seen.AddHours(2));
                    }
                    else if (answer < 0.85)
                        // Reasons a service may properly give: a flagged decline is the seeded referrals' part of the demo.
                        referral.Decline(answer < 0.7 ? DeclineReason.ServiceCannotMeetTheNeed : DeclineReason.OutOfArea,
                            "As the service wrote it.", null, actor, sent.AddDays(3));
                    db.Referrals.Add(referral);
                }
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
