using Aftercare.Domain.Assessments;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Presentations;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Pathways;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aftercare.Web.Tests.Infrastructure;

public static class TestPathways
{
    /// <summary>
    /// A person whose assessment was signed off at <paramref name="signedOffAt"/> by the practitioner,
    /// with the pathway started and its timers scheduled, as the sign-off page does: a new person,
    /// or <paramref name="person"/> when given (care starting again after an earlier pathway).
    /// </summary>
    public static async Task<(PersonId Person, PathwayId Pathway)> NewPathway(this AftercareFactory f, TeamAtSite team, StaffAccount practitioner, DateTimeOffset signedOffAt,
        PathwayDefinition? definition = null, PersonId? person = null)
    {
        var personId = person ?? (await f.NewPerson(team)).Id;
        await using var scope = f.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AftercareDb>();
        // The person's presentation with no assessment yet (a person back in hospital has a new one).
        var presentation = await db.Presentations.Where(p => p.PersonId == personId && !db.Assessments.Any(a => a.PresentationId == p.Id))
                               .OrderBy(p => p.ArrivedAt).FirstOrDefaultAsync()
                           ?? Presentation.Record(personId, team.SiteId, team.TeamId, new PresentationDetails
                           {
                               ArrivedAt = signedOffAt.AddHours(-6),
                               AccountInOwnWords = "Back after another overdose",
                               Method = MethodCategory.SelfPoisoning,
                           }, new StaffId(practitioner.Id), signedOffAt.AddHours(-6));
        if (db.Entry(presentation).State == EntityState.Detached) db.Presentations.Add(presentation);
        var by = new StaffId(practitioner.Id);
        var assessment = Assessment.Start(personId, presentation, by, signedOffAt.AddHours(-1));
        assessment.SaveDraft(new AssessmentSections
        {
            WhatHappenedAndIntent = "Took tablets after an argument; wanted to sleep.",
            SafetyFormulation = "Safer with her sister; less safe alone at night.",
        }, by, signedOffAt.AddHours(-1));
        assessment.SignOff(by, signedOffAt);
        db.Assessments.Add(assessment);
        var pathway = Pathway.Start(assessment, definition ?? PathwayDefinition.Assured, team.TeamId, by, by, null);
        db.Pathways.Add(pathway);
        scope.ServiceProvider.GetRequiredService<PathwayStarter>().Schedule(pathway, signedOffAt);
        await db.SaveChangesAsync();
        return (personId, pathway.Id);
    }
}
