using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;

namespace Aftercare.Web.Features.Pathways;

/// <summary>
/// The pathways a team can start: ASSURED, always, first and the default, and any defined under
/// <c>Aftercare:Pathways</c> in configuration (for example a plain liaison follow-up). A definition
/// that breaks a rule, such as one without the 48-hour follow-up, stops start-up with a message
/// naming it, so a mistake in configuration can never quietly switch the clock off.
/// </summary>
public sealed class PathwayCatalogue
{
    public IReadOnlyList<PathwayDefinition> All { get; }

    public PathwayCatalogue(IConfiguration config)
    {
        var list = new List<PathwayDefinition> { PathwayDefinition.Assured };
        foreach (var section in config.GetSection("Aftercare:Pathways").GetChildren())
        {
            var configured = section.Get<ConfiguredPathway>() ?? new ConfiguredPathway();
            try
            {
                var definition = new PathwayDefinition(configured.Code, configured.Name, configured.Description,
                    [.. configured.Contacts.Select(c => new ContactTemplate(c.Key ?? "", c.Label ?? "", c.Kind,
                        new PathwayOffset(c.Opens.Months, c.Opens.Days, c.Opens.Hours), new PathwayOffset(c.Due.Months, c.Due.Days, c.Due.Hours), c.LetterMonth))]);
                if (list.Any(d => d.Code == definition.Code))
                    throw new ClinicalRuleException($"The pathway code '{definition.Code}' is used twice");
                list.Add(definition);
            }
            catch (ClinicalRuleException e)
            {
                throw new InvalidOperationException($"Configuration Aftercare:Pathways:{section.Key}: {e.Message}", e);
            }
        }
        All = list;
    }

    public PathwayDefinition Default => All[0];

    public PathwayDefinition? Find(string? code) => All.FirstOrDefault(d => d.Code == code);

    private sealed class ConfiguredPathway
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public List<ConfiguredContact> Contacts { get; set; } = [];
    }

    private sealed class ConfiguredContact
    {
        public string? Key { get; set; }
        public string? Label { get; set; }
        public ContactKind Kind { get; set; }
        public ConfiguredOffset Opens { get; set; } = new();
        public ConfiguredOffset Due { get; set; } = new();
        public int? LetterMonth { get; set; }
    }

    private sealed class ConfiguredOffset
    {
        public int Months { get; set; }
        public int Days { get; set; }
        public int Hours { get; set; }
    }
}
