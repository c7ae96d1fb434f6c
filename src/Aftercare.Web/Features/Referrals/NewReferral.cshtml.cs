using Aftercare.Domain.Access;
using Aftercare.Domain.Assessments;
using Aftercare.Domain.Common;
using Aftercare.Domain.Directory;
using Aftercare.Domain.Narratives;
using Aftercare.Domain.Patients;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.SafetyPlans;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Directory;
using Aftercare.Web.Features.Shared;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Referrals;

/// <summary>
/// "Refer to a service": the practitioner finds the service with the directory's search (starting
/// from the postcode district the person lives in), sees what the letter will answer and what it
/// will carry (the signed-off assessment of the presentation chosen, the safety plan, and the
/// person's story only where they agreed this service may read it), and Aftercare drafts the letter.
/// Only the care team refers; the person's story is never offered for a service they did not agree to.
/// </summary>
public sealed class NewReferralModel(AftercareDb db, CareAccess access, AuditTrail audit, TimeProvider clock, DirectoryAuthorities authorities) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public string? Authority { get; set; }
    [BindProperty(SupportsGet = true)] public string? Need { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    /// <summary>The service chosen from the results: the page then shows what the letter will hold.</summary>
    [BindProperty(SupportsGet = true, Name = "service")] public Guid? ServiceChosen { get; set; }
    [BindProperty(Name = "Form")] public DraftForm Form { get; set; } = new();

    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public string? District { get; private set; }
    public List<ServiceSearch.Result> Results { get; private set; } = [];
    public bool HasMore { get; private set; }
    public ServiceSearch.Query? Query { get; private set; }
    public List<SelectListItem> AuthorityOptions { get; private set; } = [];
    public AftercareService? Service { get; private set; }
    public List<Choice> Presentations { get; private set; } = [];
    public bool HasPlan { get; private set; }
    /// <summary>What the letter will say of the person's story, in words.</summary>
    public string Story { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await access.PersonForAuditedPart(new PersonId(id), User, ct);
        if (found is not { Basis: AccessBasis.CareTeam }) return NotFound();
        Show(found);
        if (ServiceChosen is { } chosen)
        {
            if (!await LoadChoice(found, chosen, ct)) return NotFound();
            await audit.WriteReadAsync("Referral", null, id, $"Choosing to refer to {Service!.Name}", ct);
            return Page();
        }
        // A first visit searches where the person lives; a search the practitioner made is theirs.
        if (Request.Query.Count == 0) Area = District;
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        AuthorityOptions = await authorities.Options(db, ct);
        Query = ServiceSearch.Read(Area, Authority, Need, ModelState);
        if (Query is not null && ModelState.IsValid) (Results, HasMore) = await ServiceSearch.Find(db, Query, PageNumber, ct);
        await audit.WriteReadAsync("Person", id.ToString(), id, ReferralPages.Join("Finding a service to refer to", CareAccess.BreakGlassNote(found)), ct);
        return Page();
    }

    /// <summary>Drafts the referral and its letter from the record, and opens the letter.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var found = await access.PersonForChange(new PersonId(id), User, ct);
        if (found is not { Basis: AccessBasis.CareTeam }) return NotFound();
        Show(found);
        ModelState.Clear();
        var posted = Form.Presentation;
        if (Form.Service is not { } serviceId || !await LoadChoice(found, serviceId, ct)) return NotFound();
        ServiceChosen = serviceId;
        Form.Presentation = posted;
        var service = Service!;
        var presentation = Form.Presentation is { } p
            ? await db.Presentations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == new PresentationId(p) && x.PersonId == found.Person.Id, ct)
            : null;
        if (presentation is null)
        {
            ModelState.AddModelError("Form.Presentation", "Choose the presentation this referral follows");
            return Page();
        }
        var sources = await Sources(found.Person, presentation, service, found.Reader, ct);
        var now = clock.GetUtcNow();
        Referral referral;
        try
        {
            referral = Referral.Draft(sources, found.Reader.Id, found.Person.CareTeamId, now);
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
        db.Referrals.Add(referral);
        audit.Add(AuditActions.Create, "Referral", referral.Id.ToString(), id,
            $"Referral to {referral.ServiceName} drafted" + (referral.Letter.Find(ReferralLetterDraft.NarrativeKey) is null ? "" : ", with the person's story as they agreed"));
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = $"Aftercare has drafted the letter to {referral.ServiceName} from the record. Read each part, answer each of the service's criteria, then send it.";
        return Redirect(ReferralPages.Url(id, referral.Id) + "/letter");
    }

    private void Show(PersonAccess found)
    {
        PersonId = found.Person.Id.Value;
        PersonName = found.Person.DisplayName;
        District = Postcodes.District(found.Person.Postcode);
    }

    /// <summary>The service chosen (active only: a retired service takes no referrals), the person's presentations, and what the letter will carry.</summary>
    private async Task<bool> LoadChoice(PersonAccess found, Guid serviceId, CancellationToken ct)
    {
        Service = await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == new ServiceId(serviceId) && s.IsActive, ct);
        if (Service is null) return false;
        var person = found.Person.Id;
        var presentations = await (
            from p in db.Presentations.AsNoTracking().Where(p => p.PersonId == person).OrderByDescending(p => p.ArrivedAt).Take(20)
            join a in db.Assessments on p.Id equals a.PresentationId into assessments
            from a in assessments.DefaultIfEmpty()
            orderby p.ArrivedAt descending
            select new { p.Id, p.ArrivedAt, SignedOff = a != null && a.Status == AssessmentStatus.SignedOff }).ToListAsync(ct);
        Presentations = [.. presentations.Select(p => new Choice(p.Id.Value.ToString(), $"Came to hospital {UkTime.Format(p.ArrivedAt)}",
            p.SignedOff ? "The letter includes the signed-off assessment" : "No signed-off assessment: the letter will not include one"))];
        Form.Presentation ??= presentations.Count > 0 ? presentations[0].Id.Value : null;
        Form.Service = serviceId;
        var plan = await db.SafetyPlans.AsNoTracking().Where(p => p.PersonId == person).Select(p => p.CurrentContent).FirstOrDefaultAsync(ct);
        HasPlan = plan is not null && SafetyPlanContent.Sections.Any(s => plan[s.Key].Count > 0);
        var narrative = await LatestNarrative(person, ct);
        var reader = ReceivingService.ReaderFor(IsGpPractice(Service));
        Story = narrative is null ? "No story has been recorded, so the letter has none."
            : NarrativeInterview.TextFor(narrative, reader) is not null ? $"Their story is included: they agreed that {(reader == NarrativeReader.Gp ? "their GP" : "services they are referred to")} may read it."
            : $"Their story is not included: they have not agreed that {Service.Name} may read it.";
        return true;
    }

    private async Task<ReferralLetterSources> Sources(Person person, Domain.Presentations.Presentation presentation, AftercareService service, CurrentStaff by, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking()
            .FirstOrDefaultAsync(a => a.PresentationId == presentation.Id && a.Status == AssessmentStatus.SignedOff, ct);
        var plan = await db.SafetyPlans.AsNoTracking().FirstOrDefaultAsync(p => p.PersonId == person.Id, ct);
        var team = by.TeamName ?? await db.Teams.Where(t => t.Id == person.CareTeamId).Select(t => t.Name).FirstAsync(ct);
        return new ReferralLetterSources(person, presentation,
            new ReceivingService(service.Id, service.Name, service.EligibilityCriteria) { Exclusions = service.Exclusions, IsGpPractice = IsGpPractice(service) },
            by.Name, team)
        {
            Assessment = assessment,
            SafetyPlan = plan,
            Narrative = await LatestNarrative(person.Id, ct),
        };
    }

    private Task<NarrativeInterview?> LatestNarrative(PersonId person, CancellationToken ct) =>
        db.Narratives.AsNoTracking().Where(n => n.PersonId == person).OrderByDescending(n => n.RecordedAt).FirstOrDefaultAsync(ct);

    /// <summary>A GP practice: the person's consent treats their GP separately from other services.</summary>
    private static bool IsGpPractice(AftercareService service) => service.Type == ServiceType.GeneralPractice;

    public string PageLink(int pageNumber)
    {
        var parts = new (string Key, string? Value)[] { ("Area", Area), ("Authority", Authority), ("Need", Need), ("p", pageNumber.ToString()) };
        return "?" + string.Join("&", parts.Where(x => !string.IsNullOrEmpty(x.Value)).Select(x => $"{x.Key}={Uri.EscapeDataString(x.Value!)}"));
    }

    public sealed class DraftForm
    {
        public Guid? Service { get; set; }
        public Guid? Presentation { get; set; }
    }
}
