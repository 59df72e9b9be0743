namespace PatentNav.Market.Grains.Transfers;

/// <summary>Where a transfer stands (§7). Completed, cancelled and expired are final; the rest are open.</summary>
[GenerateSerializer]
public enum TransferStatus
{
    Draft,
    AwaitingConsents,
    AwaitingExportClearance,
    AwaitingPayment,
    AwaitingRecordation,
    Completed,
    Cancelled,
    Expired,
}

/// <summary>What happens to a pooled patent: the buyer accedes to the pool (the patent stays), or the patent leaves at the period's end.</summary>
[GenerateSerializer]
public enum PoolOption
{
    Accede,
    Withdraw,
}

/// <summary>Why a party's consent is needed: it co-owns a patent (§3) or holds a pledge on one (§8).</summary>
[GenerateSerializer]
public enum ConsentRole
{
    CoOwner,
    Pledgee,
}

/// <summary>A consenting party's answer as it is sent.</summary>
[GenerateSerializer]
public enum ConsentAnswer
{
    Grant,
    Refuse,
}

/// <summary>A consent as it is kept.</summary>
[GenerateSerializer]
public enum ConsentDecision
{
    Pending,
    Granted,
    Refused,
}

/// <summary>Who asks to cancel: before the price is in escrow any of them; after that only the operating center.</summary>
[GenerateSerializer]
public enum TransferActor
{
    Seller,
    Buyer,
    Operator,
}
