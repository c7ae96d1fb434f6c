using Aftercare.Domain.Access;
using Aftercare.Domain.Assessments;
using Aftercare.Domain.Common;
using Aftercare.Domain.Patients;
using Aftercare.Domain.Presentations;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Persons;

/// <summary>A person's record: who they are first, then every presentation on a timeline.</summary>
public sealed class RecordModel(AftercareDb db, CareAccess access, TimeProvider clock) : PageModel
{
    public DateOnly Today => DateOnly.FromDateTime(UkTime.ToLocal(clock.GetUtcNow()));
    public Person Person { get; private set; } = null!;
    public AccessBasis Basis { get; private set; }
    public bool IsSupervisor { get; private set; }
    public List<TimelineEntry> Timeline { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await access.ReadPerson(new PersonId(id), User, ct);
        if (found is null) return NotFound();
        Person = found.Person;
        Basis = found.Basis;
        IsSupervisor = found.Reader.Role == Domain.Staff.StaffRole.Supervisor;
        await foreach (var entry in TimelineOf(db, Person.Id).WithCancellation(ct)) Timeline.Add(entry);
        return Page();
    }

    /// <summary>The newest 200 presentations with their site: compiled once, run on every record page.</summary>
    private static readonly Func<AftercareDb, PersonId, IAsyncEnumerable<TimelineEntry>> TimelineOf =
        EF.CompileAsyncQuery((AftercareDb db, PersonId person) =>
            from p in db.Presentations.AsNoTracking().Where(p => p.PersonId == person).OrderByDescending(p => p.ArrivedAt).Take(200)
            join s in db.Sites on p.SiteId equals s.Id
            join a in db.Assessments on p.Id equals a.PresentationId into assessments
            from a in assessments.DefaultIfEmpty()
            orderby p.ArrivedAt descending
            select new TimelineEntry(p.Id.Value, p.ArrivedAt, s.Name, p.Method, p.AccountInOwnWords, p.IntentInOwnWords, p.PhysicalTreatment,
                a == null ? null : (AssessmentStatus?)a.Status, a == null ? null : a.SignedOffAt));

    public sealed record TimelineEntry(Guid Id, DateTimeOffset ArrivedAt, string Site, MethodCategory Method, string Account, string? Intent, string? Treatment,
        AssessmentStatus? Assessment, DateTimeOffset? SignedOffAt);

    public static string Describe(MethodCategory m) => m switch
    {
        MethodCategory.SelfPoisoning => "Self-poisoning",
        MethodCategory.SelfInjuryCutting => "Self-injury: cutting",
        MethodCategory.SelfInjuryOther => "Self-injury: other",
        MethodCategory.Ligature => "Ligature",
        MethodCategory.JumpingOrFalling => "Jumping or falling",
        MethodCategory.Combination => "More than one method",
        MethodCategory.Other => "Other",
        _ => "Not known",
    };
}
