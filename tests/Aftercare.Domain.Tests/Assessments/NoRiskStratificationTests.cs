using System.Reflection;
using Aftercare.Domain.Assessments;

namespace Aftercare.Domain.Tests.Assessments;

/// <summary>NICE NG225: no risk-prediction score and no low/medium/high stratification, anywhere in the domain.</summary>
public class NoRiskStratificationTests
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
    private static readonly Type[] DomainTypes = typeof(Assessment).Assembly.GetTypes();

    private static bool IsARiskStratification(string name) =>
        name.Contains("Risk", StringComparison.OrdinalIgnoreCase)
        && (name.Contains("Score", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Level", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Rating", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Scale", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void TheCheck_RecognisesARiskRatingWhenItSeesOne()
    {
        Assert.True(IsARiskStratification("RiskScore"));
        Assert.True(IsARiskStratification("SuicideRiskLevel"));
        Assert.True(IsARiskStratification("riskRating"));
        Assert.False(IsARiskStratification("SafetyFormulation"));
        Assert.Contains(typeof(Assessment), DomainTypes);
    }

    [Fact]
    public void NoTypeInTheDomain_HasARiskScoreLevelOrRating()
    {
        var offending = DomainTypes
            .SelectMany(t => t.GetProperties(All).Select(p => $"{t.FullName}.{p.Name}")
                .Concat(t.GetFields(All).Select(f => $"{t.FullName}.{f.Name}"))
                .Append(t.FullName ?? t.Name))
            .Where(IsARiskStratification)
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void NoEnumInTheDomain_RatesLowMediumOrHigh()
    {
        string[] bands = ["Low", "Medium", "Moderate", "High"];
        var enums = DomainTypes.Where(t => t.IsEnum).ToList();

        Assert.NotEmpty(enums);
        Assert.All(enums, e => Assert.Empty(Enum.GetNames(e).Intersect(bands, StringComparer.OrdinalIgnoreCase)));
    }
}
