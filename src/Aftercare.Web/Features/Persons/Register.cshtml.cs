using System.ComponentModel.DataAnnotations;
using Aftercare.Domain.Common;
using Aftercare.Domain.Patients;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Shared;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Persons;

/// <summary>
/// Register a person in the team's care. Before a new record is made, people who may be the same
/// person are shown: a repeat presentation belongs on the existing record.
/// </summary>
public sealed class RegisterModel(AftercareDb db, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Form")] public PersonForm Form { get; set; } = new();
    /// <summary>Set when the practitioner has seen the possible duplicates and says none is this person.</summary>
    [BindProperty] public bool ConfirmedNew { get; set; }
    public List<(PersonSummary Person, string Reason, bool InReach)> PossibleDuplicates { get; private set; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var staff = CurrentStaff.From(User)!;
        if (staff.TeamId is not { } team) return NotFound();
        var dobOk = Form.DateOfBirth.TryGetDate(ModelState, "Form.DateOfBirth", "Date of birth", out var dob);
        if (!ModelState.IsValid || !dobOk) return Page();

        var details = Form.ToDetails(dob);
        var now = clock.GetUtcNow();
        Person person;
        try
        {
            person = Person.Register(details, team, staff.Id, now);
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError("Form." + (e.Field ?? ""), e.Message);
            return Page();
        }

        // People who may be this person, wherever they are held.
        var candidates = await db.Persons.AsNoTracking()
            .Where(p => (person.NhsNumber != null && p.NhsNumber == person.NhsNumber) || p.DateOfBirth == person.DateOfBirth)
            .OrderBy(p => p.Id).Take(200)
            .Select(p => new ExistingPerson(p.Id.Value, p.NhsNumber, p.GivenName, p.FamilyName, p.DateOfBirth, p.Postcode))
            .ToListAsync(ct);
        var matches = DuplicateCheck.Find(details, candidates);
        var sameNhs = matches.Any(m => m.Person.NhsNumber is not null && m.Person.NhsNumber == person.NhsNumber);
        if (matches.Count > 0 && (sameNhs || !ConfirmedNew))
        {
            var ids = matches.Select(m => new PersonId(m.Person.Id)).ToList();
            var rows = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id))
                .Join(db.Teams, p => p.CareTeamId, t => t.Id, (p, t) => new { p.Id, p.GivenName, p.FamilyName, p.PreferredName, p.DateOfBirth, p.NhsNumber, p.Postcode, p.CareTeamId, TeamName = t.Name })
                .ToListAsync(ct);
            PossibleDuplicates = matches.Join(rows, m => m.Person.Id, r => r.Id.Value, (m, r) =>
                (new PersonSummary(r.Id.Value, r.GivenName, r.FamilyName, r.PreferredName, r.DateOfBirth, r.NhsNumber, r.CareTeamId == team ? r.Postcode : null, null, r.TeamName),
                 m.Reason, r.CareTeamId == team)).ToList();
            foreach (var (shown, _, _) in PossibleDuplicates)
                audit.Add(AuditActions.View, "Person", shown.Id.ToString(), shown.Id, "Shown as a possible duplicate while registering");
            await db.SaveChangesAsync(ct);
            if (sameNhs)
                ModelState.AddModelError("Form.NhsNumber", "A person with this NHS number is already registered. Open their record and record the presentation there");
            return Page();
        }

        db.Persons.Add(person);
        audit.Add(AuditActions.Create, "Person", person.Id.ToString(), person.Id.Value, matches.Count > 0 ? "Registered after possible duplicates were shown" : null);
        await db.SaveChangesAsync(ct);
        return Redirect($"/persons/{person.Id}");
    }

    public static List<SelectListItem> SexOptions =>
    [
        new("Choose an option", ""),
        new("Female", nameof(Sex.Female)),
        new("Male", nameof(Sex.Male)),
        new("Not specified", nameof(Sex.NotSpecified)),
        new("Not known", nameof(Sex.NotKnown)),
    ];

    public static List<SelectListItem> EthnicityOptions =>
    [
        new("Choose an option (or leave blank)", ""),
        .. EthnicCategory.All.Select(c => new SelectListItem($"{c.Group}: {c.Label}", c.Code)),
    ];

    public sealed class PersonForm
    {
        [Required(ErrorMessage = "Enter the person's given name"), StringLength(100, ErrorMessage = "Given name must be 100 characters or fewer")]
        public string GivenName { get; set; } = "";
        [Required(ErrorMessage = "Enter the person's family name"), StringLength(100, ErrorMessage = "Family name must be 100 characters or fewer")]
        public string FamilyName { get; set; } = "";
        [StringLength(100, ErrorMessage = "Preferred name must be 100 characters or fewer")]
        public string? PreferredName { get; set; }
        [StringLength(50, ErrorMessage = "Pronouns must be 50 characters or fewer")]
        public string? Pronouns { get; set; }
        public DateParts DateOfBirth { get; set; } = new();
        [StringLength(20, ErrorMessage = "NHS number must be 10 digits")]
        public string? NhsNumber { get; set; }
        [Required(ErrorMessage = "Choose the person's sex, or 'Not known'")]
        public Sex? Sex { get; set; }
        [StringLength(100, ErrorMessage = "Gender must be 100 characters or fewer")]
        public string? GenderIdentity { get; set; }
        public string? EthnicCategory { get; set; }
        [StringLength(10, ErrorMessage = "Enter a real postcode, like M13 9PL"), RegularExpression(@"^\s*[A-Za-z]{1,2}[0-9][A-Za-z0-9]?\s*[0-9][A-Za-z]{2}\s*$", ErrorMessage = "Enter a real postcode, like M13 9PL")]
        public string? Postcode { get; set; }
        [StringLength(200, ErrorMessage = "GP practice must be 200 characters or fewer")]
        public string? GpPractice { get; set; }
        [StringLength(40, ErrorMessage = "Phone number must be 40 characters or fewer"), RegularExpression(@"^[0-9+() \-]*$", ErrorMessage = "Enter a phone number, like 07700 900 982")]
        public string? Phone { get; set; }
        [StringLength(254, ErrorMessage = "Email address must be 254 characters or fewer"), EmailAddress(ErrorMessage = "Enter an email address in the right format, like name@example.com")]
        public string? Email { get; set; }
        [StringLength(200)] public string? ContactName { get; set; }
        [StringLength(100)] public string? ContactRelationship { get; set; }
        [StringLength(40), RegularExpression(@"^[0-9+() \-]*$", ErrorMessage = "Enter the contact's phone number, like 07700 900 982")]
        public string? ContactPhone { get; set; }
        [StringLength(4000, ErrorMessage = "Communication needs must be 4000 characters or fewer")]
        public string? CommunicationNeeds { get; set; }
        [StringLength(4000, ErrorMessage = "This must be 4000 characters or fewer")]
        public string? WhatMattersToMe { get; set; }
        [StringLength(4000, ErrorMessage = "This must be 4000 characters or fewer")]
        public string? Strengths { get; set; }

        public PersonDetails ToDetails(DateOnly dob) => new()
        {
            NhsNumber = NhsNumber,
            GivenName = GivenName,
            FamilyName = FamilyName,
            PreferredName = PreferredName,
            Pronouns = Pronouns,
            DateOfBirth = dob,
            Sex = Sex ?? Domain.Patients.Sex.NotKnown,
            GenderIdentity = GenderIdentity,
            EthnicCategory = EthnicCategory,
            Postcode = Postcode,
            GpPractice = GpPractice,
            Phone = Phone,
            Email = Email,
            Contacts = string.IsNullOrWhiteSpace(ContactName) ? [] : [new PersonContact(ContactName, ContactRelationship, ContactPhone)],
            CommunicationNeeds = CommunicationNeeds,
            WhatMattersToMe = WhatMattersToMe,
            Strengths = Strengths,
        };
    }
}
