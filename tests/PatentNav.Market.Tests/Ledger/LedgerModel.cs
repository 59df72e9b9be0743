using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Tests.Ledger;

/// <summary>An invoice as the model knows it: its amount and, once paid, by which payment.</summary>
internal sealed class ModelInvoice(string id, string licenceId, string period, string category, Money amount)
{
    public string Id { get; } = id;
    public string LicenceId { get; } = licenceId;
    public string Period { get; } = period;
    public string Category { get; } = category;
    public Money Amount { get; } = amount;
    /// <summary>A zero invoice is paid when issued, by no payment.</summary>
    public bool Paid { get; set; } = amount.Amount == 0;
    public string? Provider { get; set; }
    public string? Reference { get; set; }
}

internal sealed record ModelLicence(string Id, string LicenseeId, DateOnly Start, bool RoyaltyFree);

/// <summary>
/// What the ledger should hold after each step, derived from what the operations mean (docs/API.md, Payments
/// and ledger, Distributions, Stripe and payouts), never from the ledger itself — except the starting balance of
/// the host-wide <c>clearing:offline</c>, which earlier sequences of the batch moved.
/// </summary>
internal sealed class LedgerModel
{
    public Dictionary<(string Account, string Currency), long> Balances { get; } = [];
    public Dictionary<string, ModelLicence> Licences { get; } = [];
    public List<ModelInvoice> Invoices { get; } = [];
    /// <summary>Bank reference → the invoice it settled.</summary>
    public Dictionary<string, string> References { get; } = [];
    /// <summary>Quarter number → (distribution id, C) once distributed.</summary>
    public Dictionary<int, (string Id, long Collected)> Distributions { get; } = [];
    /// <summary>Payout id → (licensor, amount).</summary>
    public Dictionary<string, (string LicensorId, long Amount)> Payouts { get; } = [];

    public long Balance(string account, string currency) => Balances.GetValueOrDefault((account, currency));

    public void Move(string from, string to, string currency, long amount)
    {
        Balances[(from, currency)] = Balance(from, currency) - amount;
        Balances[(to, currency)] = Balance(to, currency) + amount;
    }

    public void Add(string account, string currency, long amount) => Balances[(account, currency)] = Balance(account, currency) + amount;

    /// <summary>F = floor(C × bps / 10 000), exactly.</summary>
    public static long AdminFee(long collected, int bps) => (long)((Int128)collected * bps / 10_000);
}
