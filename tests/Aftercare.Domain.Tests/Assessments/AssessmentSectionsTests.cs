using Aftercare.Domain.Assessments;

namespace Aftercare.Domain.Tests.Assessments;

public class AssessmentSectionsTests
{
    [Fact]
    public void Sections_AreListedInTheNiceOrder()
    {
        Assert.Equal(
            [
                "WhatHappenedAndIntent", "PastSelfHarm", "MentalAndPhysicalHealth", "AlcoholAndDrugs",
                "SocialSituationAndRelationships", "Safeguarding", "StrengthsAndCoping", "Needs", "SafetyFormulation",
            ],
            AssessmentSections.InOrder.Select(s => s.Name));
    }

    [Fact]
    public void Sections_ListedForPages_AreExactlyTheRecordsProperties_InDeclarationOrder()
    {
        var properties = typeof(AssessmentSections).GetProperties()
            .Where(p => p.PropertyType == typeof(string))
            .OrderBy(p => p.MetadataToken)
            .Select(p => p.Name);

        Assert.Equal(properties, AssessmentSections.InOrder.Select(s => s.Name));
    }

    [Fact]
    public void EverySection_HasAHeadingAndAOneLineHint()
    {
        Assert.All(AssessmentSections.InOrder, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Heading));
            Assert.False(string.IsNullOrWhiteSpace(s.Hint));
            Assert.DoesNotContain('\n', s.Hint);
        });
        Assert.Equal(AssessmentSections.InOrder.Count, AssessmentSections.InOrder.Select(s => s.Heading).Distinct().Count());
    }

    [Fact]
    public void SectionHints_NeverAskForARiskRating()
    {
        Assert.All(AssessmentSections.InOrder, s =>
        {
            Assert.DoesNotContain("low, medium", s.Hint, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("risk level", s.Hint, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("rate the", s.Hint, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void GetAndWith_ReachEverySectionByName()
    {
        var sections = AssessmentSections.Empty;
        foreach (var s in AssessmentSections.InOrder)
            sections = sections.With(s.Name, "text of " + s.Name);

        Assert.All(AssessmentSections.InOrder, s => Assert.Equal("text of " + s.Name, sections.Get(s.Name)));
        Assert.Equal("text of Needs", sections.Needs);
        Assert.Equal("text of SafetyFormulation", sections.SafetyFormulation);
    }

    [Fact]
    public void Get_WithAnUnknownName_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AssessmentSections.Empty.Get("RiskScore"));
    }

    [Fact]
    public void Sections_WithTheSameText_AreEqual()
    {
        Assert.Equal(new AssessmentSections { Needs = "a" }, new AssessmentSections { Needs = "a" });
        Assert.NotEqual(new AssessmentSections { Needs = "a" }, new AssessmentSections { Needs = "b" });
    }
}
