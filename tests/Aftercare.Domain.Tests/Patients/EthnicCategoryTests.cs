using Aftercare.Domain.Patients;

namespace Aftercare.Domain.Tests.Patients;

public class EthnicCategoryTests
{
    [Fact]
    public void EthnicCategory_Codes_AreUnique()
    {
        var codes = EthnicCategory.All.Select(c => c.Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal(17, codes.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("I")]
    [InlineData("O")]
    [InlineData("b")]
    public void EthnicCategory_NotInTheList_IsUnknown(string? code)
    {
        Assert.False(EthnicCategory.IsKnown(code));
    }

    [Fact]
    public void EthnicCategory_IsDescribedWithItsGroup()
    {
        Assert.Equal("White: Irish", EthnicCategory.Describe("B"));
        Assert.Equal("Black or Black British: African", EthnicCategory.Describe("N"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("X")]
    public void EthnicCategory_Missing_IsDescribedAsNotRecorded(string? code)
    {
        Assert.Equal("Not recorded", EthnicCategory.Describe(code));
    }
}
