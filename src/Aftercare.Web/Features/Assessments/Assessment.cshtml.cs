using System.ComponentModel.DataAnnotations;
using Aftercare.Domain.Assessments;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Pathways;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using DomainAssessment = Aftercare.Domain.Assessments.Assessment;

namespace Aftercare.Web.Features.Assessments;

/// <summary>
/// The psychosocial assessment of one presentation: a draft saved at any time, then signed off;
/// after sign-off it cannot change, and corrections are addenda. Two people saving the same draft
/// never overwrite each other: the second is shown what the first saved, with their own text kept.
/// </summary>
public sealed class AssessmentModel(AftercareDb db, CareAccess access, AuditTrail audit, TimeProvider clock, PathwayStarter starter, PathwayCatalogue catalogue) : PageModel
{
    [BindProperty(Name = "Form")] public SectionsForm Form { get; set; } = new();
    /// <summary>What the sign-off starts: the pathway and the named practitioner.</summary>
    [BindProperty(Name = "Allocation")] public AllocationForm Allocation { get; set; } = new();
    [BindProperty(Name = "Addendum")] public string? Addendum { get; set; }
    /// <summary>The version of the draft this form was opened on (PostgreSQL's xmin).</summary>
    [BindProperty] public uint Version { get; set; }

    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public DateTimeOffset ArrivedAt { get; private set; }
    public DomainAssessment? Saved { get; private set; }
    public Dictionary<Guid, string> StaffNames { get; private set; } = [];
    /// <summary>After a conflicting save: the sections someone else changed, with their saved text.</summary>
    public Dictionary<string, string?> TheirText { get; private set; } = [];
    public string? ConflictBy { get; private set; }
    /// <summary>True when text was posted that could not be saved because the assessment is signed off.</summary>
    public bool ShowUnsaved { get; private set; }
    [TempData] public string? Notice { get; set; }
    public IReadOnlyList<PathwayDefinition> PathwayDefinitions => catalogue.All;
    public List<TeamPractitioner> Practitioners { get; private set; } = [];
    public int? CaseloadLimit { get; private set; }
    /// <summary>The pathway the sign-off started, shown once signed off.</summary>
    public Pathway? Pathway { get; private set; }
    private TeamId? careTeam;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid presentationId, CancellationToken ct)
    {
        var found = await access.ReadPerson(new PersonId(id), User, ct);
        if (found is null || !await Load(id, presentationId, ct)) return NotFound();
        PersonName = found.Person.DisplayName;
        if (Saved is not null)
        {
            Form = SectionsForm.From(Saved.Sections);
            Version = db.Entry(Saved).Property<uint>("xmin").CurrentValue;
            await audit.WriteReadAsync("Assessment", Saved.Id.ToString(), id, null, ct);
            await LoadNames(ct);
        }
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(Guid id, Guid presentationId, CancellationToken ct) => Save(id, presentationId, signOff: false, ct);

    public Task<IActionResult> OnPostSignOffAsync(Guid id, Guid presentationId, CancellationToken ct) => Save(id, presentationId, signOff: true, ct);

    public async Task<IActionResult> OnPostAddendumAsync(Guid id, Guid presentationId, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is null || !await Load(id, presentationId, ct) || Saved is null) return NotFound();
        PersonName = found.Person.DisplayName;
        ModelState.Clear();
        try
        {
            var addendum = Saved.AddAddendum(Addendum, found.Reader.Id, found.Reader.Name, clock.GetUtcNow());
            audit.Add(AuditActions.Update, "Assessment", Saved.Id.ToString(), id, "Addendum added");
            await db.SaveChangesAsync(ct);
            Notice = $"Addendum added at {UkTime.Format(addendum.AddedAt)}";
            return Redirect(AssessmentUrl(id, presentationId));
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError(nameof(Addendum), e.Message);
            Form = SectionsForm.From(Saved.Sections);
            await LoadNames(ct);
            return Page();
        }
    }

    private async Task<IActionResult> Save(Guid id, Guid presentationId, bool signOff, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is null || !await Load(id, presentationId, ct)) return NotFound();
        PersonName = found.Person.DisplayName;
        if (!ModelState.IsValid) return Page();
        var now = clock.GetUtcNow();
        var staff = found.Reader;

        if (Saved is { IsSignedOff: true })
        {
            ModelState.AddModelError("", "This assessment has been signed off and cannot be changed. Add an addendum to correct it or add to it");
            ShowUnsaved = true;
            await LoadNames(ct);
            return Page();
        }
        var isNew = Saved is null;
        if (Saved is null)
        {
            var presentation = await db.Presentations.FirstAsync(p => p.Id == new PresentationId(presentationId), ct);
            Saved = DomainAssessment.Start(found.Person.Id, presentation, staff.Id, now);
            db.Assessments.Add(Saved);
        }
        else
        {
            // Compare with the version this form was opened on: a later save by someone else is a conflict.
            db.Entry(Saved).Property<uint>("xmin").OriginalValue = Version;
        }

        Saved.SaveDraft(Form.ToSections(), staff.Id, now);
        string? signOffError = null, signOffField = null;
        if (signOff)
        {
            try
            {
                // The pathway's choices are checked first, so a sign-off never lands without its pathway.
                var choice = await starter.Choose(found.Person.CareTeamId, Allocation.Pathway, Allocation.Practitioner, Allocation.Reason, staff, ct);
                Saved.SignOff(staff.Id, now);
                starter.Start(Saved, choice, staff, now);
            }
            catch (ClinicalRuleException e) { signOffError = e.Message; signOffField = e.Field; }
        }
        audit.Add(isNew ? AuditActions.Create : AuditActions.Update, "Assessment", Saved.Id.ToString(), id,
            Saved.IsSignedOff ? "Signed off" : "Draft saved");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await ShowConflict(id, presentationId, ct);
            return Page();
        }

        if (signOffError is not null)
        {
            // The draft is saved; only the sign-off waits for the missing section.
            ModelState.AddModelError(signOffField is null ? "" : signOffField.StartsWith("Allocation.") ? signOffField : "Form." + signOffField, signOffError);
            Version = db.Entry(Saved).Property<uint>("xmin").CurrentValue;
            return Page();
        }
        Notice = Saved.IsSignedOff ? $"Assessment signed off at {UkTime.Format(now)}" : $"Draft saved at {UkTime.Format(now)}";
        return Redirect(AssessmentUrl(id, presentationId));
    }

    private async Task ShowConflict(Guid id, Guid presentationId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await Load(id, presentationId, ct);
        var current = Saved!.Sections;
        var mine = Form.ToSections().Cleaned();
        foreach (var section in AssessmentSections.InOrder)
            if (current.Get(section.Name) != mine.Get(section.Name)) TheirText[section.Name] = current.Get(section.Name);
        ConflictBy = await db.Users.Where(u => u.Id == Saved.LastSavedBy.Value).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        Version = db.Entry(Saved).Property<uint>("xmin").CurrentValue;
        ModelState.Clear();
        ShowUnsaved = Saved.IsSignedOff;
        ModelState.AddModelError("", Saved.IsSignedOff
            ? $"{ConflictBy ?? "Someone"} signed off this assessment while you were writing. Your text is below: add what is missing as an addendum."
            : $"{ConflictBy ?? "Someone"} saved this assessment at {UkTime.Format(Saved.LastSavedAt)} while you were writing. Your text is kept below, with theirs under each section that differs. Combine them and save again.");
        await LoadNames(ct);
    }

    /// <summary>After any handler that shows the page: what the sign-off offers, or the pathway it started.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Result is not PageResult || Saved is null && careTeam is null) return;
        var ct = HttpContext.RequestAborted;
        if (Saved is { IsSignedOff: true })
        {
            Pathway = await db.Pathways.AsNoTracking().Include(p => p.Contacts).FirstOrDefaultAsync(p => p.AssessmentId == Saved.Id, ct);
            if (Pathway is not null)
                StaffNames.TryAdd(Pathway.NamedPractitionerId.Value, await db.Users.Where(u => u.Id == Pathway.NamedPractitionerId.Value).Select(u => u.DisplayName).FirstAsync(ct));
        }
        else if (careTeam is { } team)
        {
            Practitioners = await starter.Practitioners(team, ct);
            CaseloadLimit = await db.Teams.Where(t => t.Id == team).Select(t => t.CaseloadLimit).FirstAsync(ct);
            Allocation.Practitioner ??= CurrentStaff.From(User)?.Id.Value;
        }
    }

    private async Task<bool> Load(Guid personId, Guid presentationId, CancellationToken ct)
    {
        var presentation = await db.Presentations.AsNoTracking()
            .Where(p => p.Id == new PresentationId(presentationId) && p.PersonId == new PersonId(personId))
            .Select(p => new { p.ArrivedAt }).FirstOrDefaultAsync(ct);
        if (presentation is null) return false;
        PersonId = personId;
        careTeam = await db.Persons.Where(p => p.Id == new PersonId(personId)).Select(p => (TeamId?)p.CareTeamId).FirstAsync(ct);
        ArrivedAt = presentation.ArrivedAt;
        // Tracked even for reading: the version (xmin) is a shadow property, known only to a tracked entity.
        Saved = await db.Assessments.FirstOrDefaultAsync(a => a.PresentationId == new PresentationId(presentationId), ct);
        return true;
    }

    private async Task LoadNames(CancellationToken ct)
    {
        if (Saved is null) return;
        var ids = new[] { Saved.StartedBy.Value, Saved.LastSavedBy.Value, Saved.SignedOffBy?.Value ?? Guid.Empty }.Distinct().ToList();
        StaffNames = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    public string NameOf(Guid id) => StaffNames.GetValueOrDefault(id, "a former member of staff");

    private static string AssessmentUrl(Guid id, Guid presentationId) => $"/persons/{id}/presentations/{presentationId}/assessment";

    public sealed class AllocationForm
    {
        public string? Pathway { get; set; }
        public Guid? Practitioner { get; set; }
        [StringLength(1000, ErrorMessage = "Keep the reason to 1,000 characters or fewer")] public string? Reason { get; set; }
    }

    /// <summary>The nine sections, in the order of NICE NG225 and of the page.</summary>
    public sealed class SectionsForm
    {
        private const string TooLong = "This section must be 20,000 characters or fewer";
        [StringLength(AssessmentSections.MaxSectionLength, ErrorMessage = TooLong)] public string? WhatHappenedAndIntent { get; set; }
        [StringLength(AssessmentSections.MaxSectionLength, ErrorMessage = TooLong)] public string? PastSelfHarm { get; set; }
        [StringLength(AssessmentSections.MaxSectionLength, ErrorMessage = TooLong)] public string? MentalAndPhysicalHealth { get; set; }
        [StringLength(AssessmentSections.MaxSectionLength, ErrorMessage = TooLong)] public string? AlcoholAndDrugs { get; set; }
        [StringLength(AssessmentSections.MaxSectionLength, ErrorMessage = TooLong)] public string? SocialSituationAndRelationships { get; set; }
        [StringLength(AssessmentSections.MaxSectionLength, ErrorMessage = TooLong)] public string? Safeguarding { get; set; }
        [StringLength(AssessmentSections.MaxSectionLength, ErrorMessage = TooLong)] public string? StrengthsAndCoping { get; set; }
        [StringLength(AssessmentSections.MaxSectionLength, ErrorMessage = TooLong)] public string? Needs { get; set; }
        [StringLength(AssessmentSections.MaxSectionLength, ErrorMessage = TooLong)] public string? SafetyFormulation { get; set; }

        public AssessmentSections ToSections() => new()
        {
            WhatHappenedAndIntent = WhatHappenedAndIntent,
            PastSelfHarm = PastSelfHarm,
            MentalAndPhysicalHealth = MentalAndPhysicalHealth,
            AlcoholAndDrugs = AlcoholAndDrugs,
            SocialSituationAndRelationships = SocialSituationAndRelationships,
            Safeguarding = Safeguarding,
            StrengthsAndCoping = StrengthsAndCoping,
            Needs = Needs,
            SafetyFormulation = SafetyFormulation,
        };

        public static SectionsForm From(AssessmentSections s) => new()
        {
            WhatHappenedAndIntent = s.WhatHappenedAndIntent,
            PastSelfHarm = s.PastSelfHarm,
            MentalAndPhysicalHealth = s.MentalAndPhysicalHealth,
            AlcoholAndDrugs = s.AlcoholAndDrugs,
            SocialSituationAndRelationships = s.SocialSituationAndRelationships,
            Safeguarding = s.Safeguarding,
            StrengthsAndCoping = s.StrengthsAndCoping,
            Needs = s.Needs,
            SafetyFormulation = s.SafetyFormulation,
        };
    }
}
