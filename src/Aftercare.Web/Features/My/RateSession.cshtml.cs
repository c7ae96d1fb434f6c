using Aftercare.Domain.Common;
using Aftercare.Domain.Sessions;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Pathways;
using Aftercare.Web.Features.Shared;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.My;

/// <summary>
/// The person rates a session that took place: four questions about the working relationship,
/// 0 to 10 each, kept as given by them. Only their own sessions can be reached; a session of
/// anyone else is "not found".
/// </summary>
public sealed class RateSessionModel(AftercareDb db, AuditTrail audit, TimeProvider clock) : PageModel
{
    /// <summary>The four questions of <see cref="AllianceRating.Items"/>, asked in the person's own terms.</summary>
    public static readonly (string Field, string Question)[] Questions =
    [
        (nameof(AllianceRating.HeardAndRespected), "Did you feel heard, understood and respected?"),
        (nameof(AllianceRating.WhatWeWorkedOn), "Did we work on what you wanted to work on?"),
        (nameof(AllianceRating.Approach), "Did the way your practitioner worked suit you?"),
        (nameof(AllianceRating.Overall), "Overall, was the session right for you?"),
    ];

    [BindProperty(Name = "Form")] public RatingForm Form { get; set; } = new();
    public CareSession Session { get; private set; } = null!;
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid sessionId, CancellationToken ct)
    {
        var me = await db.Mine(User, ct);
        if (me is null || !await Load(me, sessionId, tracked: false, ct)) return NotFound();
        await audit.WriteReadAsync("CareSession", sessionId.ToString(), me.Person.Value, null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid sessionId, CancellationToken ct)
    {
        var me = await db.Mine(User, ct);
        if (me is null || !await Load(me, sessionId, tracked: true, ct)) return NotFound();
        foreach (var (field, _) in Questions)
            ContactPages.Friendly(ModelState, "Form." + field, "Choose a number from 0 to 10");
        foreach (var (field, question) in Questions)
            if (Form.ValueOf(field) is not (>= 0 and <= 10) && (ModelState["Form." + field]?.Errors.Count ?? 0) == 0)
                ModelState.AddModelError("Form." + field, "Choose a number from 0 to 10 for: " + question);
        if (!ModelState.IsValid) return Page();
        try
        {
            Session.RateAlliance(AllianceRating.Create(Form.HeardAndRespected, Form.WhatWeWorkedOn, Form.Approach, Form.Overall, enteredByPerson: true, clock.GetUtcNow()));
            audit.Add(AuditActions.Update, "CareSession", sessionId.ToString(), me.Person.Value, "Rated by the person");
            await db.SaveChangesAsync(ct);
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError(e.Field is null ? "" : "Form." + e.Field, e.Message);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "This session was rated a moment ago. Thank you: there is nothing more to do.");
            return Page();
        }
        Notice = "Thank you. Your practitioner will see your answers.";
        return Redirect("/my");
    }

    /// <summary>The session, only when it is the signed-in person's own and took place.</summary>
    private async Task<bool> Load(MyRecord me, Guid sessionId, bool tracked, CancellationToken ct)
    {
        var sessions = tracked ? db.CareSessions : db.CareSessions.AsNoTracking();
        var session = await sessions.FirstOrDefaultAsync(s => s.Id == new CareSessionId(sessionId) && s.PersonId == me.Person, ct);
        if (session is null || !session.IsAttended) return false;
        Session = session;
        return true;
    }

    public static readonly List<Choice> Numbers = RecordContactModel.Numbers;

    public sealed class RatingForm
    {
        public int? HeardAndRespected { get; set; }
        public int? WhatWeWorkedOn { get; set; }
        public int? Approach { get; set; }
        public int? Overall { get; set; }

        public int? ValueOf(string field) => field switch
        {
            nameof(HeardAndRespected) => HeardAndRespected,
            nameof(WhatWeWorkedOn) => WhatWeWorkedOn,
            nameof(Approach) => Approach,
            _ => Overall,
        };
    }
}
