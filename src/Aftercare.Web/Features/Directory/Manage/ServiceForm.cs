using System.ComponentModel.DataAnnotations;
using Aftercare.Domain.Common;
using Aftercare.Domain.Directory;
using Aftercare.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Aftercare.Web.Features.Directory.Manage;

/// <summary>
/// A service as an administrator types it: lists (areas, criteria, exclusions) one a line, each
/// day's opening times as text. The properties are in the order of the fields on the page, which
/// is the order of the error summary.
/// </summary>
public sealed class ServiceForm
{
    [Required(ErrorMessage = "Enter the service's name"), StringLength(AftercareService.MaxNameLength, ErrorMessage = "Name must be 200 characters or fewer")]
    public string? Name { get; set; }
    [Required(ErrorMessage = "Choose the type of service")]
    public ServiceType? Type { get; set; }
    [StringLength(AftercareService.MaxProviderLength, ErrorMessage = "The organisation's name must be 200 characters or fewer")]
    public string? Provider { get; set; }
    [StringLength(AftercareService.MaxDescriptionLength, ErrorMessage = "The description must be 4000 characters or fewer")]
    public string? Description { get; set; }
    /// <summary>"national" or "areas".</summary>
    public string? Coverage { get; set; }
    [StringLength(20_000, ErrorMessage = "The list of areas is too long. For a service that covers the whole country, say it is national")]
    public string? Areas { get; set; }
    public List<string> Needs { get; set; } = [];
    [StringLength(12_000, ErrorMessage = "The eligibility criteria are too long")]
    public string? EligibilityCriteria { get; set; }
    [StringLength(12_000, ErrorMessage = "The exclusions are too long")]
    public string? Exclusions { get; set; }
    [StringLength(AftercareService.MaxHowToReferLength, ErrorMessage = "How to refer must be 4000 characters or fewer")]
    public string? HowToRefer { get; set; }
    [Range(0, AftercareService.MaxWaitDays, ErrorMessage = "Enter a typical wait of up to 2 years, or leave it blank if it is not known")]
    public int? WaitAmount { get; set; }
    /// <summary>"days" or "weeks".</summary>
    public string? WaitUnit { get; set; } = "weeks";
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? Town { get; set; }
    public string? Postcode { get; set; }
    /// <summary>Monday to Sunday, each day's times as typed ("09:00 to 17:00"); always seven, whatever was posted.</summary>
    public List<string?> Hours
    {
        get;
        set => field = [.. Enumerable.Range(0, OpeningHours.Week.Count).Select(i => i < value.Count ? value[i] : null)];
    } = [.. OpeningHours.Week.Select(_ => (string?)null)];
    public string? HoursNote { get; set; }

    public static readonly IReadOnlyList<Choice> CoverageChoices =
    [
        new("areas", "Particular areas", "People living in the postcode districts or local authorities listed below"),
        new("national", "Anywhere in the country (national)", "For example, a national helpline: it is offered whatever the person's area"),
    ];

    public static readonly IReadOnlyList<Choice> WaitUnits = [new("days", "Days"), new("weeks", "Weeks")];

    public static IReadOnlyList<Choice> TypeChoices => [.. ServiceTypes.All.Select(t => new Choice(t.ToString(), ServiceTypes.Name(t)))];

    public static IReadOnlyList<Choice> NeedChoices => [.. ServiceNeeds.All.Select(n => new Choice(n.Code, n.Name))];

    public static ServiceForm From(AftercareService s) => new()
    {
        Name = s.Name,
        Type = s.Type,
        Provider = s.Provider,
        Description = s.Description,
        Coverage = s.IsNational ? "national" : "areas",
        Areas = string.Join("\n", s.PostcodeDistricts.Concat(s.LocalAuthorities)),
        Needs = [.. s.Needs],
        EligibilityCriteria = string.Join("\n", s.EligibilityCriteria),
        Exclusions = string.Join("\n", s.Exclusions),
        HowToRefer = s.HowToRefer,
        WaitAmount = s.TypicalWaitDays is { } d && d % 7 == 0 && d > 0 ? d / 7 : s.TypicalWaitDays,
        WaitUnit = s.TypicalWaitDays is { } w && w % 7 == 0 && w > 0 ? "weeks" : s.TypicalWaitDays is null ? "weeks" : "days",
        Phone = s.Contacts.Phone,
        Email = s.Contacts.Email,
        Website = s.Contacts.Website,
        AddressLine1 = s.Contacts.AddressLine1,
        AddressLine2 = s.Contacts.AddressLine2,
        Town = s.Contacts.Town,
        Postcode = s.Contacts.Postcode,
        Hours = [.. OpeningHours.Week.Select(day => (string?)s.Hours.Describe(day))],
        HoursNote = s.Hours.Note,
    };

    /// <summary>
    /// The details the form describes, or null with every problem put next to its field. Each
    /// part is checked on its own, so one visit shows as many problems as can be found at once.
    /// </summary>
    public ServiceDetails? ToDetails(ModelStateDictionary state, string prefix)
    {
        // A binding error (letters in a number box) gets the same words as the rule it breaks.
        Replace(state, prefix + nameof(WaitAmount), "Enter the typical wait as a number of days or weeks");
        Replace(state, prefix + nameof(Type), "Choose the type of service");
        if (Coverage is not ("national" or "areas"))
            state.AddModelError(prefix + nameof(Coverage), "Say whether the service takes people from particular areas or from anywhere in the country");
        var national = Coverage == "national";

        T? Try<T>(Func<T> read)
        {
            try { return read(); }
            catch (ClinicalRuleException e)
            {
                state.AddModelError(prefix + (e.Field ?? ""), e.Message);
                return default;
            }
        }
        var areas = Lines(Areas, splitOnCommas: true);
        if (!national) Try(() => ServiceAreas.Read(false, areas));
        var contacts = Try(() => ServiceContacts.Create(Phone, Email, Website, AddressLine1, AddressLine2, Town, Postcode));
        var sessions = new List<OpeningSession>();
        var daysRead = true;
        for (var i = 0; i < OpeningHours.Week.Count; i++)
        {
            var day = OpeningHours.Week[i];
            var typed = i < Hours.Count ? Hours[i] : null;
            var read = Try(() => OpeningHours.ReadDay(day, typed));
            if (read is null) daysRead = false; else sessions.AddRange(read);
        }
        var hours = daysRead ? Try(() => OpeningHours.Create(sessions, HoursNote)) : null;
        int? waitDays = WaitAmount is { } amount ? WaitUnit == "weeks" ? amount * 7 : amount : null;
        if (WaitAmount is not null && WaitUnit is not ("days" or "weeks"))
            state.AddModelError(prefix + nameof(WaitAmount), "Say whether the typical wait is in days or weeks");
        if (!state.IsValid || contacts is null || hours is null) return null;

        var details = new ServiceDetails
        {
            Name = Name,
            Type = Type,
            Provider = Provider,
            Description = Description,
            IsNational = national,
            Areas = areas,
            Needs = Needs,
            EligibilityCriteria = Lines(EligibilityCriteria),
            Exclusions = Lines(Exclusions),
            HowToRefer = HowToRefer,
            TypicalWaitDays = waitDays,
            Contacts = contacts,
            Hours = hours,
        };
        return details;
    }

    /// <summary>The form key of a rule the domain refused, so its message sits next to the field.</summary>
    public static string FieldOf(string? field) => field switch
    {
        null => "",
        nameof(ServiceDetails.TypicalWaitDays) => nameof(WaitAmount),
        nameof(ServiceDetails.IsNational) => nameof(Coverage),
        _ => field,
    };

    /// <summary>
    /// The fields where what someone else saved differs from this form, with what they saved: shown
    /// after a conflicting save, so the second writer sees the other's changes rather than losing them.
    /// </summary>
    public static IReadOnlyList<(string Field, string Saved)> Differences(ServiceForm mine, ServiceForm saved)
    {
        var list = new List<(string, string)>();
        void Compare(string label, string? a, string? b)
        {
            if (Tidy(a) != Tidy(b)) list.Add((label, Tidy(b) is { Length: > 0 } text ? text : "(blank)"));
        }
        string? TypeName(ServiceType? t) => t is { } type ? ServiceTypes.Name(type) : null;
        string NeedNames(IEnumerable<string> needs) => string.Join(", ", ServiceNeeds.All.Where(n => needs.Contains(n.Code)).Select(n => n.Name));
        string? Wait(ServiceForm f) => f.WaitAmount is { } n ? $"{n} {f.WaitUnit}" : null;
        Compare("Name", mine.Name, saved.Name);
        Compare("Type of service", TypeName(mine.Type), TypeName(saved.Type));
        Compare("Organisation that runs it", mine.Provider, saved.Provider);
        Compare("What the service offers", mine.Description, saved.Description);
        Compare("Where it takes people from", mine.Coverage, saved.Coverage);
        Compare("Areas covered", string.Join("\n", Lines(mine.Areas, splitOnCommas: true)), string.Join("\n", Lines(saved.Areas, splitOnCommas: true)));
        Compare("Needs it meets", NeedNames(mine.Needs), NeedNames(saved.Needs));
        Compare("Eligibility criteria", string.Join("\n", Lines(mine.EligibilityCriteria)), string.Join("\n", Lines(saved.EligibilityCriteria)));
        Compare("Exclusions", string.Join("\n", Lines(mine.Exclusions)), string.Join("\n", Lines(saved.Exclusions)));
        Compare("How to refer", mine.HowToRefer, saved.HowToRefer);
        Compare("Typical wait", Wait(mine), Wait(saved));
        Compare("Phone number", mine.Phone, saved.Phone);
        Compare("Email address", mine.Email, saved.Email);
        Compare("Website", mine.Website, saved.Website);
        Compare("Address", string.Join(", ", new[] { mine.AddressLine1, mine.AddressLine2, mine.Town, mine.Postcode }.Where(x => !string.IsNullOrWhiteSpace(x))),
            string.Join(", ", new[] { saved.AddressLine1, saved.AddressLine2, saved.Town, saved.Postcode }.Where(x => !string.IsNullOrWhiteSpace(x))));
        for (var i = 0; i < OpeningHours.Week.Count; i++)
            Compare(OpeningHours.DayName(OpeningHours.Week[i]), i < mine.Hours.Count ? mine.Hours[i] : null, i < saved.Hours.Count ? saved.Hours[i] : null);
        Compare("Anything else about when it is open", mine.HoursNote, saved.HoursNote);
        return list;
    }

    private static string Tidy(string? text) =>
        string.Join("\n", (text ?? "").Replace("\r", "").Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).Where(l => l.Length > 0));

    /// <summary>One entry a line; a list pasted with bullets ("- ", "• ") loses them.</summary>
    private static List<string> Lines(string? text, bool splitOnCommas = false)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var separators = splitOnCommas ? new[] { '\n', ',', ';' } : ['\n'];
        return [.. text.Replace("\r", "").Split(separators, StringSplitOptions.TrimEntries)
            .Select(l => l.TrimStart('-', '*', '•', '·', ' ', '\t').Trim())
            .Where(l => l.Length > 0)];
    }

    private static void Replace(ModelStateDictionary state, string key, string message)
    {
        if (state.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
        {
            entry.Errors.Clear();
            state.AddModelError(key, message);
        }
    }
}

/// <summary>A page with a service form: the fields partial binds to its <see cref="Form"/>.</summary>
public interface IServiceFormPage
{
    ServiceForm Form { get; }
}
