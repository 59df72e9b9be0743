namespace PatentNav.Market.Grains.Common;

/// <summary>An amount in integer minor units (fen, cents) of an ISO 4217 currency. Never a double.</summary>
[GenerateSerializer]
[Immutable]
public readonly record struct Money(long Amount, string Currency)
{
    public static Money Zero(string currency) => new(0, currency);

    public override string ToString() => $"{Amount} {Currency}";
}

/// <summary>The ISO 4217 codes the market accepts, with their minor-unit exponent.</summary>
public static class Currencies
{
    private static readonly Dictionary<string, int> MinorUnits = new(StringComparer.Ordinal)
    {
        ["CNY"] = 2, ["USD"] = 2, ["EUR"] = 2, ["HKD"] = 2, ["JPY"] = 0, ["KRW"] = 0, ["GBP"] = 2,
        ["CHF"] = 2, ["SGD"] = 2, ["TWD"] = 2, ["MOP"] = 2, ["AUD"] = 2, ["CAD"] = 2, ["SEK"] = 2,
        ["DKK"] = 2, ["NOK"] = 2, ["INR"] = 2, ["RUB"] = 2, ["BRL"] = 2, ["MXN"] = 2, ["ZAR"] = 2,
        ["THB"] = 2, ["MYR"] = 2, ["IDR"] = 2, ["VND"] = 0, ["PHP"] = 2, ["NZD"] = 2, ["ILS"] = 2,
        ["AED"] = 2, ["SAR"] = 2, ["TRY"] = 2, ["PLN"] = 2, ["CZK"] = 2, ["HUF"] = 2, ["KZT"] = 2,
    };

    public static bool IsKnown(string? code) => code is not null && MinorUnits.ContainsKey(code);

    public static int MinorUnitExponent(string code) => MinorUnits[code];

    /// <summary>Checks a money value from a request; throws 400 naming <paramref name="field"/>.</summary>
    public static Money Require(Money value, string field, bool allowZero = false)
    {
        if (!IsKnown(value.Currency))
            throw DomainException.Invalid("unknown_currency", $"{field}.currency", $"'{value.Currency}' is not a supported ISO 4217 currency code.");
        if (value.Amount < 0 || (!allowZero && value.Amount == 0))
            throw DomainException.Invalid("invalid_amount", $"{field}.amount", allowZero ? "Amount must not be negative." : "Amount must be positive.");
        return value;
    }
}
