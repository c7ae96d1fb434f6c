using Aftercare.Domain.Common;

namespace Aftercare.Domain.Tests.Common;

public class TextTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n\t")]
    public void Clean_OfBlank_IsNull(string? value)
    {
        Assert.Null(Text.Clean(value));
    }

    [Fact]
    public void Clean_TrimsButKeepsTheWordsInside()
    {
        Assert.Equal("It  was\nthe worst   day", Text.Clean("  It  was\nthe worst   day \n"));
    }

    [Fact]
    public void Required_OfBlank_ThrowsWithTheMessageAndField()
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => Text.Required("  ", "Enter the name", "Name"));

        Assert.Equal("Enter the name", ex.Message);
        Assert.Equal("Name", ex.Field);
    }

    [Fact]
    public void Required_OfText_IsTrimmed()
    {
        Assert.Equal("Ward 4", Text.Required(" Ward 4 ", "Enter the name", "Name"));
    }
}
