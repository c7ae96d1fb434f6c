namespace Aftercare.Domain.Directory;

/// <summary>What kind of aftercare service this is: the first thing a practitioner looks for when referring on.</summary>
public enum ServiceType
{
    NhsTalkingTherapies = 1,
    CrisisAndHomeTreatment = 2,
    CommunityMentalHealth = 3,
    GeneralPractice = 4,
    VoluntarySector = 5,
    Other = 6,
}

/// <summary>The names of the service types in words, and the stable codes used when the directory is exchanged.</summary>
public static class ServiceTypes
{
    public static readonly IReadOnlyList<ServiceType> All = Enum.GetValues<ServiceType>();

    public static string Name(ServiceType type) => type switch
    {
        ServiceType.NhsTalkingTherapies => "NHS Talking Therapies",
        ServiceType.CrisisAndHomeTreatment => "Crisis and home treatment",
        ServiceType.CommunityMentalHealth => "Community mental health",
        ServiceType.GeneralPractice => "GP",
        ServiceType.VoluntarySector => "Voluntary sector",
        ServiceType.Other => "Other",
        _ => type.ToString(),
    };

    /// <summary>The code that stands for the type in an Open Referral file; never changes once published.</summary>
    public static string Code(ServiceType type) => type switch
    {
        ServiceType.NhsTalkingTherapies => "nhs-talking-therapies",
        ServiceType.CrisisAndHomeTreatment => "crisis-and-home-treatment",
        ServiceType.CommunityMentalHealth => "community-mental-health",
        ServiceType.GeneralPractice => "gp",
        ServiceType.VoluntarySector => "voluntary-sector",
        _ => "other",
    };

    public static ServiceType? FromCode(string? code) =>
        All.Cast<ServiceType?>().FirstOrDefault(t => string.Equals(Code(t!.Value), code?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>A need a service meets, so a practitioner can search by what the person needs rather than by service names they may not know.</summary>
public sealed record ServiceNeed(string Code, string Name);

/// <summary>
/// The fixed set of needs. Kept small on purpose, so every administrator tags services the same
/// way and a search by need finds them all. The codes are stable: they are stored, and they are
/// exchanged in Open Referral files.
/// </summary>
public static class ServiceNeeds
{
    public static readonly IReadOnlyList<ServiceNeed> All =
    [
        new("talking-therapy", "Talking therapy"),
        new("crisis-support", "Crisis support"),
        new("self-harm", "Support after self-harm"),
        new("peer-support", "Peer support"),
        new("bereavement", "Bereavement, including by suicide"),
        new("substance-use", "Drug and alcohol use"),
        new("housing", "Housing and homelessness"),
        new("money-and-debt", "Money and debt"),
        new("domestic-abuse", "Domestic abuse"),
        new("eating-disorders", "Eating disorders"),
        new("young-people", "Young people"),
        new("older-adults", "Older adults"),
        new("lgbtq", "LGBTQ+"),
        new("carers-and-families", "Carers and families"),
        new("autism-and-adhd", "Autism and ADHD"),
        new("armed-forces", "Armed forces veterans"),
    ];

    public static bool IsKnown(string code) => All.Any(n => n.Code == code);

    public static string Name(string code) => All.FirstOrDefault(n => n.Code == code)?.Name ?? code;
}
