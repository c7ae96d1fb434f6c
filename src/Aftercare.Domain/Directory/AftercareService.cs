using System.Text.RegularExpressions;
using Aftercare.Domain.Common;

namespace Aftercare.Domain.Directory;

/// <summary>
/// What an administrator enters, or a published directory gives, about a service. The names match
/// the form's fields, so a refusal names the field to correct.
/// </summary>
public sealed record ServiceDetails
{
    public string? Name { get; init; }
    public ServiceType? Type { get; init; }
    /// <summary>The organisation that runs the service ("Northgate NHS Foundation Trust").</summary>
    public string? Provider { get; init; }
    public string? Description { get; init; }
    public bool IsNational { get; init; }
    /// <summary>Postcode districts, full postcodes (taken as their district) and local authorities' names.</summary>
    public IReadOnlyList<string> Areas { get; init; } = [];
    public IReadOnlyList<string> Needs { get; init; } = [];
    public IReadOnlyList<string> EligibilityCriteria { get; init; } = [];
    public IReadOnlyList<string> Exclusions { get; init; } = [];
    public string? HowToRefer { get; init; }
    public int? TypicalWaitDays { get; init; }
    public ServiceContacts Contacts { get; init; } = ServiceContacts.None;
    public OpeningHours Hours { get; init; } = OpeningHours.NotRecorded;
}

/// <summary>
/// A service that takes people on after their time with the liaison team: NHS Talking Therapies,
/// crisis and home treatment, community mental health, their GP, a voluntary sector service.
/// Its eligibility criteria and exclusions are kept one by one, in order, because a referral
/// letter that answers each of the receiving service's own criteria is accepted more often than
/// one that does not: people are otherwise "too well" for one service and "too risky" for
/// another. A service is retired, never deleted, because referrals made to it still point at it.
/// </summary>
public sealed partial class AftercareService
{
    public const int MaxNameLength = 200;
    public const int MaxProviderLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxHowToReferLength = 4000;
    public const int MaxCriterionLength = 300;
    public const int MaxCriteria = 30;
    public const int MaxWaitDays = 730;
    public const int MaxOpenReferralIdLength = 200;

    public ServiceId Id { get; private set; }
    /// <summary>
    /// The service's id in Open Referral files: the publisher's own id for a service that was
    /// imported, so importing the same file again updates it rather than adding it twice.
    /// </summary>
    public string OpenReferralId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public ServiceType Type { get; private set; }
    public string? Provider { get; private set; }
    public string? Description { get; private set; }
    /// <summary>Takes people from anywhere in the country, so it is offered whatever the area searched.</summary>
    public bool IsNational { get; private set; }
    public List<string> PostcodeDistricts { get; private set; } = [];
    public List<string> LocalAuthorities { get; private set; } = [];
    /// <summary>What a search by area matches: districts, and authorities by <see cref="ServiceAreas.LocalAuthorityKey"/>.</summary>
    public List<string> AreaKeys { get; private set; } = [];
    public List<string> Needs { get; private set; } = [];
    public List<string> EligibilityCriteria { get; private set; } = [];
    public List<string> Exclusions { get; private set; } = [];
    public string? HowToRefer { get; private set; }
    public int? TypicalWaitDays { get; private set; }
    public ServiceContacts Contacts { get; private set; } = ServiceContacts.None;
    public OpeningHours Hours { get; private set; } = OpeningHours.NotRecorded;
    public bool IsActive { get; private set; }
    public DateTimeOffset? RetiredAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public StaffId? UpdatedBy { get; private set; }
    public string UpdatedByName { get; private set; } = "";

    private AftercareService() { }

    /// <summary>
    /// Adds a service to the directory, active. <paramref name="openReferralId"/> is the id a
    /// published directory gave it; a service added here takes its own id.
    /// </summary>
    public static AftercareService Add(ServiceDetails details, string? openReferralId, StaffId? by, string byName, DateTimeOffset now)
    {
        var service = new AftercareService { Id = ServiceId.New(), IsActive = true, CreatedAt = now };
        service.OpenReferralId = ValidOpenReferralId(openReferralId) ?? service.Id.ToString();
        service.Apply(Check(details));
        service.Touch(by, byName, now);
        return service;
    }

    /// <summary>Changes the details; false, with nothing touched, when they are as they were.</summary>
    public bool Revise(ServiceDetails details, StaffId? by, string byName, DateTimeOffset now)
    {
        var next = Check(details);
        if (next.SameAs(this)) return false;
        Apply(next);
        Touch(by, byName, now);
        return true;
    }

    /// <summary>
    /// Takes the service out of searches (it has closed, or no longer takes referrals). It stays
    /// in the directory, so referrals already made to it still say where they went.
    /// </summary>
    public void Retire(StaffId? by, string byName, DateTimeOffset now)
    {
        if (!IsActive) throw new ClinicalRuleException("This service has already been retired");
        IsActive = false;
        RetiredAt = now;
        Touch(by, byName, now);
    }

    public void Reinstate(StaffId? by, string byName, DateTimeOffset now)
    {
        if (IsActive) throw new ClinicalRuleException("This service is already in use");
        IsActive = true;
        RetiredAt = null;
        Touch(by, byName, now);
    }

    /// <summary>Roughly how long a person waits, in words: "about 3 weeks", "about 10 days", "seen the same day".</summary>
    public static string? DescribeWait(int? days) => days switch
    {
        null => null,
        0 => "Seen the same day",
        1 => "About 1 day",
        _ when days % 7 == 0 => days == 7 ? "About 1 week" : $"About {days / 7} weeks",
        _ => $"About {days} days",
    };

    public static string? ValidOpenReferralId(string? id)
    {
        var text = Text.Clean(id);
        if (text is null) return null;
        if (text.Length > MaxOpenReferralIdLength || text.Any(char.IsControl))
            throw new ClinicalRuleException($"A service's id must be {MaxOpenReferralIdLength} characters or fewer, on one line", nameof(OpenReferralId));
        return text;
    }

    private void Touch(StaffId? by, string byName, DateTimeOffset now)
    {
        UpdatedAt = now;
        UpdatedBy = by;
        UpdatedByName = byName;
    }

    private void Apply(Checked c)
    {
        Name = c.Name;
        Type = c.Type;
        Provider = c.Provider;
        Description = c.Description;
        IsNational = c.Areas.IsNational;
        PostcodeDistricts = [.. c.Areas.PostcodeDistricts];
        LocalAuthorities = [.. c.Areas.LocalAuthorities];
        AreaKeys = ServiceAreas.Keys(c.Areas);
        Needs = [.. c.Needs];
        EligibilityCriteria = [.. c.Criteria];
        Exclusions = [.. c.Exclusions];
        HowToRefer = c.HowToRefer;
        TypicalWaitDays = c.WaitDays;
        Contacts = c.Contacts;
        Hours = c.Hours;
    }

    /// <summary>The details, checked and tidied, before any of them is applied: a refused change changes nothing.</summary>
    private sealed record Checked(string Name, ServiceType Type, string? Provider, string? Description, CoveredAreas Areas,
        List<string> Needs, List<string> Criteria, List<string> Exclusions, string? HowToRefer, int? WaitDays, ServiceContacts Contacts, OpeningHours Hours)
    {
        public bool SameAs(AftercareService s) =>
            Name == s.Name && Type == s.Type && Provider == s.Provider && Description == s.Description &&
            Areas.IsNational == s.IsNational && Areas.PostcodeDistricts.SequenceEqual(s.PostcodeDistricts) &&
            Areas.LocalAuthorities.SequenceEqual(s.LocalAuthorities) && Needs.SequenceEqual(s.Needs) &&
            Criteria.SequenceEqual(s.EligibilityCriteria) && Exclusions.SequenceEqual(s.Exclusions) &&
            HowToRefer == s.HowToRefer && WaitDays == s.TypicalWaitDays && Contacts == s.Contacts && Hours == s.Hours;
    }

    private static Checked Check(ServiceDetails d)
    {
        var name = Text.Required(d.Name, "Enter the service's name", nameof(d.Name));
        if (name.Length > MaxNameLength) throw new ClinicalRuleException($"Name must be {MaxNameLength} characters or fewer", nameof(d.Name));
        if (d.Type is not { } type || !Enum.IsDefined(type)) throw new ClinicalRuleException("Choose the type of service", nameof(d.Type));
        var provider = Limit(d.Provider, MaxProviderLength, "The organisation's name", nameof(d.Provider));
        var description = Limit(d.Description, MaxDescriptionLength, "The description", nameof(d.Description));
        var areas = ServiceAreas.Read(d.IsNational, d.Areas, nameof(d.Areas));
        var needs = new List<string>();
        foreach (var need in d.Needs.Select(Text.Clean).OfType<string>())
        {
            if (!ServiceNeeds.IsKnown(need)) throw new ClinicalRuleException("Choose the needs the service meets from the list", nameof(d.Needs));
            if (!needs.Contains(need)) needs.Add(need);
        }
        // Kept in the order of the list, so they read the same wherever they are shown.
        needs = [.. ServiceNeeds.All.Select(n => n.Code).Where(needs.Contains)];
        var criteria = Sentences(d.EligibilityCriteria, "eligibility criterion", "eligibility criteria", nameof(d.EligibilityCriteria));
        var exclusions = Sentences(d.Exclusions, "exclusion", "exclusions", nameof(d.Exclusions));
        var howToRefer = Limit(d.HowToRefer, MaxHowToReferLength, "How to refer", nameof(d.HowToRefer));
        if (d.TypicalWaitDays is < 0 or > MaxWaitDays)
            throw new ClinicalRuleException("Enter a typical waiting time of up to 2 years, or leave it blank if it is not known", nameof(d.TypicalWaitDays));
        // Checked again here, whoever built them: the entity keeps its own rules.
        var c = d.Contacts;
        var contacts = ServiceContacts.Create(c.Phone, c.Email, c.Website, c.AddressLine1, c.AddressLine2, c.Town, c.Postcode);
        var hours = OpeningHours.Create(d.Hours.Sessions, d.Hours.Note);
        return new Checked(name, type, provider, description, areas, needs, criteria, exclusions, howToRefer, d.TypicalWaitDays, contacts, hours);
    }

    /// <summary>
    /// A list of short sentences, in the order given; blank ones are dropped and a repeat is kept
    /// once. Each is one line, so a referral letter can answer it on its own.
    /// </summary>
    private static List<string> Sentences(IEnumerable<string> given, string one, string many, string field)
    {
        var list = new List<string>();
        foreach (var raw in given)
        {
            var text = Text.Clean(raw);
            if (text is null) continue;
            text = Spaces().Replace(text, " ");
            if (text.Length > MaxCriterionLength)
                throw new ClinicalRuleException($"Each {one} must be {MaxCriterionLength} characters or fewer: split \"{text[..40]}…\" into shorter ones", field);
            if (!list.Contains(text)) list.Add(text);
        }
        if (list.Count > MaxCriteria) throw new ClinicalRuleException($"List up to {MaxCriteria} {many}", field);
        return list;
    }

    private static string? Limit(string? value, int max, string what, string field)
    {
        var text = Text.Clean(value);
        if (text is { Length: var n } && n > max) throw new ClinicalRuleException($"{what} must be {max} characters or fewer", field);
        return text;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
