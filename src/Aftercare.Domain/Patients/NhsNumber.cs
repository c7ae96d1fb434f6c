namespace Aftercare.Domain.Patients;

/// <summary>
/// A 10-digit NHS number whose last digit is its modulus-11 check digit.
/// Kept as the 10 digits; shown as "943 476 5919".
/// </summary>
public readonly record struct NhsNumber
{
    public string Digits { get; }

    private NhsNumber(string digits) => Digits = digits;

    public static bool TryParse(string? input, out NhsNumber number)
    {
        number = default;
        if (string.IsNullOrWhiteSpace(input)) return false;
        var digits = new string(input.Where(c => c is not (' ' or '-')).ToArray());
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit)) return false;
        if (!HasValidCheckDigit(digits)) return false;
        number = new NhsNumber(digits);
        return true;
    }

    public static NhsNumber Parse(string input) =>
        TryParse(input, out var n) ? n : throw new FormatException("Not a valid NHS number.");

    /// <summary>
    /// Weights 10 down to 2 on the first nine digits; 11 minus the remainder mod 11 is the check
    /// digit, where 11 means 0 and 10 means the number is invalid.
    /// </summary>
    public static bool HasValidCheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++) sum += (digits[i] - '0') * (10 - i);
        var check = 11 - sum % 11;
        if (check == 11) check = 0;
        if (check == 10) return false;
        return check == digits[9] - '0';
    }

    public override string ToString() =>
        Digits is null ? "" : $"{Digits[..3]} {Digits[3..6]} {Digits[6..]}";
}
