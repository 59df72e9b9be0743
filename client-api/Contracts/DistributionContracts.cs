using System.ComponentModel.DataAnnotations;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Distributions;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>Body of <c>POST /api/v1/pools/{id}/distributions</c>: one whole distribution period, end exclusive.</summary>
public sealed record RunDistributionRequest([Required] DateOnly? PeriodStart, [Required] DateOnly? PeriodEnd);

/// <summary>A page of a pool's distributions, newest run first; <c>nextCursor</c> is null on the last page.</summary>
public sealed record DistributionPage(IReadOnlyList<Distribution> Items, string? NextCursor);

/// <summary>The opaque cursor of the distribution list: the last item's run time and id, base64url.</summary>
public static class DistributionCursor
{
    public static string Of(Distribution last) => Of(last.RanAt, last.Id);

    public static string Of(DateTimeOffset ranAt, string id) =>
        Microsoft.AspNetCore.WebUtilities.Base64UrlTextEncoder.Encode(System.Text.Encoding.UTF8.GetBytes($"{ranAt.UtcTicks}|{id}"));

    public static (DateTimeOffset RanAt, string Id)? TryParse(string cursor)
    {
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.Base64UrlTextEncoder.Decode(cursor));
            var bar = text.IndexOf('|');
            return bar > 0 && long.TryParse(text[..bar], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), text[(bar + 1)..])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>A licensor's statement of one distribution: each patent it earned with, and its total.</summary>
public sealed record DistributionStatement(
    string DistributionId,
    string PoolId,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    string LicensorId,
    IReadOnlyList<StatementLine> Lines,
    StatementTotal Total);

/// <summary>One statement of a licensor's list: the pool's name, when the run was made and whether it was a supplement (its number).</summary>
public sealed record LicensorStatementListing(string PoolName, DateTimeOffset RanAt, int? Supplement, DistributionStatement Statement);

public sealed record LicensorStatementPage(IReadOnlyList<LicensorStatementListing> Items, string? NextCursor);

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
