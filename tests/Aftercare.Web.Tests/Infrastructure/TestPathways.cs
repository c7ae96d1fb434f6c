using Aftercare.Domain.Assessments;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Pathways;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aftercare.Web.Tests.Infrastructure;

public static class TestPathways
{
    /// <summary>
    /// A person whose assessment was signed off at <paramref name="signedOffAt"/> by the practitioner,
    /// with the pathway started and its timers scheduled, as the sign-off page does.
    /// </summary>
    public static async Task<(PersonId Person, PathwayId Pathway)> NewPathway(this AftercareFactory f, TeamAtSite team, StaffAccount practitioner, DateTimeOffset signedOffAt, PathwayDefinition? definition = null)
    {
        var (personId, _) = await f.NewPerson(team);
        await using var scope = f.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AftercareDb>();
        var presentation = await db.Presentations.FirstAsync(p => p.PersonId == personId);
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
