using System.Text.RegularExpressions;

namespace PatentNav.Market.Grains.Patents;

/// <summary>
/// A patent or application number in canonical form (§2). Chinese numbers are stored without
/// prefix as <c>YYYYTNNNNNNN.C</c> (or <c>YYTNNNNN.C</c> before 2003) with a verified check digit;
/// <c>CN</c>/<c>ZL</c> prefixes, spaces and a missing dot are accepted on input. Other offices'
/// numbers are <c>CC</c> + digits + optional kind code, checked by pattern only.
/// </summary>
[GenerateSerializer]
public sealed partial record PatentNumber
{
    private static readonly int[] Weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

    private PatentNumber(string value, bool isChinese, PatentType? impliedType)
    {
        Value = value;
        IsChinese = isChinese;
        ImpliedType = impliedType;
    }

    [Id(0)]
    public string Value { get; }
    [Id(1)]
    public bool IsChinese { get; }

    /// <summary>For Chinese numbers, the type encoded in the number (T digit); null for foreign numbers.</summary>
    [Id(2)]
    public PatentType? ImpliedType { get; }

    public override string ToString() => Value;

    public static PatentNumber Parse(string? input) =>
        TryParse(input, out var number, out var error) ? number : throw new FormatException(error);

    public static bool TryParse(string? input, out PatentNumber number, out string error)
    {
        number = null!;
        var text = string.Concat((input ?? "").Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (text.Length == 0) { error = "A patent number is required."; return false; }

        var cn = ChinesePattern().Match(text);
        if (cn.Success) return TryParseChinese(cn.Groups["digits"].Value, cn.Groups["check"].Value, out number, out error);
        if (text.StartsWith("CN", StringComparison.Ordinal) || text.StartsWith("ZL", StringComparison.Ordinal))
        {
            error = "A Chinese number is YYYYTNNNNNNN.C (12 digits and a check digit) or YYTNNNNN.C (8 digits and a check digit).";
            return false;
        }
        if (ForeignPattern().IsMatch(text))
        {
            number = new PatentNumber(text, false, null);
            error = "";
            return true;
        }
        error = "Expected a Chinese number (YYYYTNNNNNNN.C) or a country code followed by digits and an optional kind code.";
        return false;
    }

    /// <summary>Σ digit × weight mod 11 over the 12 (or 8) digits; 10 is written X.</summary>
    public static char CheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++) sum += (digits[i] - '0') * Weights[i];
        var check = sum % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }

    private static bool TryParseChinese(string digits, string check, out PatentNumber number, out string error)
    {
        number = null!;
        var expected = CheckDigit(digits);
        if (check[0] != expected)
        {
            error = $"Check digit {check} does not match; {digits}.{expected} would be valid.";
            return false;
        }
        var typeDigit = digits.Length == 12 ? digits[4] : digits[2];
        PatentType? type = typeDigit switch
        {
            '1' or '8' => PatentType.Invention,
            '2' or '9' => PatentType.UtilityModel,
            '3' => PatentType.Design,
            _ => null,
        };
        if (type is null)
        {
            error = $"Type digit {typeDigit} is not one of 1, 2, 3, 8, 9.";
            return false;
        }
        number = new PatentNumber($"{digits}.{check}", true, type);
        error = "";
        return true;
    }

    [GeneratedRegex(@"^(?:CN|ZL)?(?<digits>[0-9]{12}|[0-9]{8})\.?(?<check>[0-9X])\z")]
    private static partial Regex ChinesePattern();

    [GeneratedRegex(@"^(?!CN|ZL)[A-Z]{2}[0-9]{4,13}(?:[A-Z][0-9]?)?\z")]
    private static partial Regex ForeignPattern();
}
