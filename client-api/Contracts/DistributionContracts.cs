using System.ComponentModel.DataAnnotations;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Distributions;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>Body of <c>POST /api/v1/pools/{id}/distributions</c>: one whole distribution period, end exclusive.</summary>
public sealed record RunDistributionRequest([Required] DateOnly? PeriodStart, [Required] DateOnly? PeriodEnd);

/// <summary>A licensor's statement of one distribution: each patent it earned with, and its total.</summary>
public sealed record DistributionStatement(
    string DistributionId,
    string PoolId,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    string LicensorId,
    IReadOnlyList<StatementLine> Lines,
    StatementTotal Total);

public sealed record StatementLine(string PatentNumber, int Days, string Weight, Money Share, string? PledgeeId, string PaidTo);

/// <summary>Σ weights (exact rational) and Σ shares, split into payable and pledge escrow.</summary>
public sealed record StatementTotal(string Weight, Money Share, Money Payable, Money Escrowed);

public static class DistributionStatements
{
    public static DistributionStatement For(Distribution distribution, LicensorTotal total)
    {
        var lines = distribution.Lines.Where(l => l.OwnerId == total.LicensorId).ToList();
        var weight = lines.Aggregate(Rational.Zero, (sum, l) => sum + Rational.Parse(l.Weight));
        return new DistributionStatement(distribution.Id, distribution.PoolId, distribution.PeriodStart, distribution.PeriodEnd, total.LicensorId,
            [.. lines.Select(l => new StatementLine(l.PatentNumber, l.Days, l.Weight, l.Share, l.PledgeeId, l.PaidTo))],
            new StatementTotal(weight.ToString(), total.Share, total.Payable, total.Escrowed));
    }

    /// <summary>
    /// CSV (RFC 4180): a header row, one row per patent, then a total row (<c>total</c> in the first column, Σ weight
    /// and Σ share). Amounts are integer minor units of <c>currency</c>, weights exact rationals.
    /// </summary>
    public static string Csv(DistributionStatement statement)
    {
        var csv = new System.Text.StringBuilder();
        void Row(params object?[] cells) => csv.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");
        Row("patent_number", "days", "weight", "share", "currency", "paid_to");
        foreach (var line in statement.Lines)
            Row(line.PatentNumber, line.Days, line.Weight, line.Share.Amount, line.Share.Currency, line.PaidTo);
        Row("total", statement.Lines.Sum(l => l.Days), statement.Total.Weight, statement.Total.Share.Amount, statement.Total.Share.Currency, "");
        return csv.ToString();
    }

    private static string Cell(object? value)
    {
        var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }
}
