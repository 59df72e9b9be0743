using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>Who the caller is: the console signs in with a key and shows what its roles may do.</summary>
/// <param name="PartyId">The key's party; null for the admin token.</param>
public sealed record WhoAmIResponse(string? PartyId, IReadOnlyList<Role> Roles, PartyListing? Party);

/// <summary>A party as lists show it (no keys, no payout account).</summary>
/// <param name="Region">GB/T 2260 division code of the party's seat, or null.</param>
public sealed record PartyListing(string Id, string Name, PartyKind Kind, string Country, DateTimeOffset CreatedAt, string? Region = null)
{
    public static PartyListing From(PartyView p) => new(p.Id, p.Name, p.Kind, p.Country, p.CreatedAt, p.Region);
}

/// <param name="NextCursor">Fetches the next page; null on the last.</param>
public sealed record PartyListResponse(IReadOnlyList<PartyListing> Items, string? NextCursor);

public sealed record LicenceListResponse(string LicenseeId, IReadOnlyList<LicenceResponse> Items, string? NextCursor);

/// <summary>An invoice with the parties and pool it belongs to, for the operator's worklist.</summary>
public sealed record InvoiceListing(Invoice Invoice, string LicenseeId, string? PoolId);

public sealed record OpenInvoiceListResponse(IReadOnlyList<InvoiceListing> Items, string? NextCursor);

/// <summary>The transfers an operating center runs, for its board.</summary>
public sealed record CenterTransferListResponse(string CenterId, IReadOnlyList<PatentNav.Market.Grains.Transfers.TransferView> Items, string? NextCursor);
