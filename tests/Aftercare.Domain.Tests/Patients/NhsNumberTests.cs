using Aftercare.Domain.Patients;

namespace Aftercare.Domain.Tests.Patients;

// The modulus-11 check, worked by hand (weights 10 down to 2 on the first nine digits):
//
// 943 476 5919: 9*10 + 4*9 + 3*8 + 4*7 + 7*6 + 6*5 + 5*4 + 9*3 + 1*2
//             = 90 + 36 + 24 + 28 + 42 + 30 + 20 + 27 + 2 = 299
//             299 mod 11 = 2 (11*27 = 297); 11 - 2 = 9 = last digit -> valid
//
// 401 023 2137: 4*10 + 0*9 + 1*8 + 0*7 + 2*6 + 3*5 + 2*4 + 1*3 + 3*2
//             = 40 + 0 + 8 + 0 + 12 + 15 + 8 + 3 + 6 = 92
//             92 mod 11 = 4 (11*8 = 88); 11 - 4 = 7 = last digit -> valid
//
// 943 476 5870: 9*10 + 4*9 + 3*8 + 4*7 + 7*6 + 6*5 + 5*4 + 8*3 + 7*2
//             = 90 + 36 + 24 + 28 + 42 + 30 + 20 + 24 + 14 = 308
//             308 mod 11 = 0 (11*28 = 308); 11 - 0 = 11, which means 0 = last digit -> valid
//
// 485 777 3456 (the format example in NhsNumber's own comment) is NOT valid:
//             4*10 + 8*9 + 5*8 + 7*7 + 7*6 + 7*5 + 3*4 + 4*3 + 5*2
//             = 40 + 72 + 40 + 49 + 42 + 35 + 12 + 12 + 10 = 312
//             312 mod 11 = 4 (11*28 = 308); 11 - 4 = 7, but the last digit is 6 -> invalid
//             (485 777 3457 is the valid number with those first nine digits)
//
// 123 456 789x: 1*10 + 2*9 + 3*8 + 4*7 + 5*6 + 6*5 + 7*4 + 8*3 + 9*2
//             = 10 + 18 + 24 + 28 + 30 + 30 + 28 + 24 + 18 = 210
//             210 mod 11 = 1 (11*19 = 209); 11 - 1 = 10 -> no check digit can make it valid
public class NhsNumberTests
{
    [Theory]
    [InlineData("9434765919")]
    [InlineData("4010232137")]
    [InlineData("4857773457")]
    public void NhsNumber_WithCorrectCheckDigit_IsValid(string input)
    {
        Assert.True(NhsNumber.TryParse(input, out var number));
        Assert.Equal(input, number.Digits);
    }

    [Fact]
    public void NhsNumber_WhoseCheckDigitComputesToEleven_IsValidWithZero()
    {
        Assert.True(NhsNumber.TryParse("9434765870", out var number));
        Assert.Equal("9434765870", number.Digits);
    }

    [Theory]
    [InlineData("943 476 5919")]
    [InlineData("943-476-5919")]
    [InlineData(" 943 476-5919 ")]
    [InlineData("9434 7659 19")]
    public void NhsNumber_WithSpacesOrHyphens_IsAcceptedAndKeptAsDigits(string input)
    {
        Assert.True(NhsNumber.TryParse(input, out var number));
        Assert.Equal("9434765919", number.Digits);
    }

    [Theory]
    [InlineData("9434765918")]
    [InlineData("9434765910")]
    [InlineData("4857773456")]
    [InlineData("4010232136")]
    public void NhsNumber_WithWrongCheckDigit_IsInvalid(string input)
    {
        Assert.False(NhsNumber.TryParse(input, out var number));
        Assert.Null(number.Digits);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public void NhsNumber_WhoseCheckDigitComputesToTen_IsInvalidWhateverTheLastDigit(int lastDigit)
    {
        var input = "123456789" + lastDigit;

        Assert.False(NhsNumber.HasValidCheckDigit(input));
        Assert.False(NhsNumber.TryParse(input, out _));
    }

    [Theory]
    [InlineData("943476591")]
    [InlineData("94347659190")]
    [InlineData("94347659A9")]
    [InlineData("ABCDEFGHIJ")]
    [InlineData("943.476.5919")]
    [InlineData("943/476/5919")]
    [InlineData("+9434765919")]
    [InlineData("\uFF19\uFF14\uFF13\uFF14\uFF17\uFF16\uFF15\uFF19\uFF11\uFF19")]
    public void NhsNumber_WithWrongLengthOrOtherCharacters_IsInvalid(string input)
    {
        Assert.False(NhsNumber.TryParse(input, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("---")]
    public void NhsNumber_Blank_IsInvalid(string? input)
    {
        Assert.False(NhsNumber.TryParse(input, out _));
    }

    [Fact]
    public void NhsNumber_IsShownInGroupsOfThreeThreeFour()
    {
        Assert.Equal("943 476 5919", NhsNumber.Parse("9434765919").ToString());
        Assert.Equal("943 476 5919", NhsNumber.Parse("943-476-5919").ToString());
    }

    [Fact]
    public void NhsNumber_Default_IsShownAsEmpty()
    {
        Assert.Equal("", default(NhsNumber).ToString());
    }

    [Fact]
    public void NhsNumber_ParseOfInvalidNumber_Throws()
    {
        Assert.Throws<FormatException>(() => NhsNumber.Parse("9434765918"));
    }

    [Fact]
    public void NhsNumber_WrittenDifferently_IsTheSameNumber()
    {
        Assert.Equal(NhsNumber.Parse("943 476 5919"), NhsNumber.Parse("9434765919"));
        Assert.NotEqual(NhsNumber.Parse("9434765919"), NhsNumber.Parse("4010232137"));
    }
}
