using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Pathways;

/// <summary>
/// Drafts a letter of the pathway from the person's current plan, what matters to them and their strengths when its window opens (or when
/// the practitioner asks first), for the practitioner to read, change and approve. One letter per
/// letter contact: a second request finds the first.
/// </summary>
public sealed class LetterDrafter(AftercareDb db, AuditTrail audit)
{
    public async Task<AftercareLetter?> DraftIfMissing(PlannedContactId id, DateTimeOffset now, CancellationToken ct, CurrentStaff? by = null)
    {
        var existing = await db.Letters.FirstOrDefaultAsync(l => l.PlannedContactId == id, ct);
        if (existing is not null) return existing;
        var contact = await db.PlannedContacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null || contact.Kind != ContactKind.Letter || !contact.IsOpen) return null;
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == contact.PersonId)
            .Select(p => new { p.PreferredName, p.GivenName, p.WhatMattersToMe, p.Strengths }).FirstAsync(ct);
        var practitioner = await db.Users.AsNoTracking().Where(u => u.Id == contact.PractitionerId.Value).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == contact.TeamId).Select(t => t.Name).FirstAsync(ct);
        var plan = await db.SafetyPlans.AsNoTracking().Where(p => p.PersonId == contact.PersonId).Select(p => p.CurrentContent).FirstOrDefaultAsync(ct);
        var body = LetterDraft.Compose(person.PreferredName ?? person.GivenName, practitioner ?? team, team, contact.LetterMonth ?? 0, plan,
            person.WhatMattersToMe, person.Strengths);
        var letter = AftercareLetter.Draft(contact, body, now);
        db.Letters.Add(letter);
        audit.Add(AuditActions.Create, "Letter", letter.Id.ToString(), contact.PersonId.Value, $"{contact.Label} drafted for review",
            actor: by, actorName: by is null ? Jobs.DueWorkEffects.ActorName : null);
        return letter;
    }
}
