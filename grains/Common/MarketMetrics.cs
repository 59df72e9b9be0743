using System.Diagnostics.Metrics;
using PatentNav.Market.Grains.Ledger;

namespace PatentNav.Market.Grains.Common;

/// <summary>
/// The market's own counters, on one meter. Each is incremented where the thing has happened
/// (after the commit), never where it is attempted. Labels are closed sets: enum names, problem
/// codes, posting kinds; never ids, names or amounts, so a scrape carries no tenant data.
/// </summary>
public static class MarketMetrics
{
    public const string MeterName = "PatentNav.Market";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> Licences = Meter.CreateCounter<long>(
        "patentnav.market.licences.issued", "{licence}", "Licences issued, by licence type (pool, bilateral).");

    private static readonly Counter<long> InvoicesIssued = Meter.CreateCounter<long>(
        "patentnav.market.royalty_invoices.issued", "{invoice}", "Royalty invoices issued on a royalty report, by licence type.");

    private static readonly Counter<long> InvoicesPaid = Meter.CreateCounter<long>(
        "patentnav.market.royalty_invoices.paid", "{invoice}", "Royalty invoices settled, by licence type.");

    private static readonly Counter<long> Postings = Meter.CreateCounter<long>(
        "patentnav.market.ledger.postings", "{posting}", "Ledger postings committed, by kind (the posting id's prefix: pay, payout, refund, ...).");

    private static readonly Counter<long> Replays = Meter.CreateCounter<long>(
        "patentnav.market.idempotent_replays", "{response}", "Responses replayed for a repeated Idempotency-Key.");

    private static readonly Counter<long> Refusals = Meter.CreateCounter<long>(
        "patentnav.market.refusals", "{response}", "4xx problem responses, by problem code and status.");

    public static void LicenceIssued(Licensing.LicenceType type) => Licences.Add(1, Tag("type", type));

    public static void RoyaltyInvoiceIssued(Licensing.LicenceType type) => InvoicesIssued.Add(1, Tag("licence_type", type));

    public static void RoyaltyInvoicePaid(Licensing.LicenceType type) => InvoicesPaid.Add(1, Tag("licence_type", type));

    /// <summary>Counts postings that were committed with a state write.</summary>
    public static void PostingsCommitted(IReadOnlyList<Posting> postings)
    {
        foreach (var posting in postings) Postings.Add(1, new KeyValuePair<string, object?>("kind", KindOf(posting.Id)));
    }

    public static void IdempotentReplay() => Replays.Add(1);

    public static void Refusal(int status, string code) =>
        Refusals.Add(1, new KeyValuePair<string, object?>("code", code), new KeyValuePair<string, object?>("status", status));

    /// <summary><c>pay:inv_1</c> → <c>pay</c>. An id without a short lower-case prefix is <c>other</c>, so labels stay a closed set.</summary>
    public static string KindOf(string postingId)
    {
        var colon = postingId.IndexOf(':');
        return colon is > 0 and <= 24 && postingId.AsSpan(0, colon).ContainsAnyExceptInRange('a', 'z') is false
            ? postingId[..colon]
            : "other";
    }

    private static KeyValuePair<string, object?> Tag(string name, Licensing.LicenceType type) =>
        new(name, type == Licensing.LicenceType.Pool ? "pool" : "bilateral");
}
