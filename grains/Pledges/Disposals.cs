using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>
/// Checks on a disposal by auction (拍卖, §8): the auction happened (a house and its lot or case reference, dated), and the
/// hammer price, in the loan's currency, reached the reserve price (保留价) if one was set — below it the lot is unsold
/// (Auction Law art. 50) and nothing can pass to the bidder. Failures are 400 naming the field, or 422.
/// </summary>
public static class Disposals
{
    public const int MaxTextLength = 200;

    public static AuctionResult RequireAuction(AuctionResult? auction, Money hammerPrice, string currency, DateOnly day)
    {
        if (auction is null) throw DomainException.Invalid("required", "auctionHouse", "An auction names its house, reference and date.");
        if (string.IsNullOrWhiteSpace(auction.House)) throw DomainException.Invalid("required", "auctionHouse", "The auction house is required.");
        if (auction.House.Length > MaxTextLength) throw DomainException.Invalid("too_long", "auctionHouse", $"At most {MaxTextLength} characters.");
        if (string.IsNullOrWhiteSpace(auction.Reference)) throw DomainException.Invalid("required", "auctionReference", "The lot or case reference is required.");
        if (auction.Reference.Length > MaxTextLength) throw DomainException.Invalid("too_long", "auctionReference", $"At most {MaxTextLength} characters.");
        if (auction.HeldOn > day) throw DomainException.Invalid("date_in_future", "auctionDate", "The auction has not been held yet.");
        if (auction.ReservePrice is < 0) throw DomainException.Invalid("invalid_amount", "reservePrice.amount", "A reserve price is not negative.");
        if (hammerPrice.Currency != currency)
            throw DomainException.Unprocessable(PledgeCodes.CurrencyMismatch, $"The loan is in {currency}; the hammer price is in {hammerPrice.Currency}.", "price.currency");
        if (hammerPrice.Amount <= 0) throw DomainException.Invalid("invalid_amount", "price.amount", "The hammer price is positive.");
        if (auction.ReservePrice is { } reserve && hammerPrice.Amount < reserve)
            throw DomainException.Unprocessable(PledgeCodes.BelowReservePrice,
                $"The hammer price {hammerPrice.Amount} is below the reserve price {reserve}: the lot is unsold.", "price.amount");
        return auction with { House = auction.House.Trim(), Reference = auction.Reference.Trim(), HammerPrice = hammerPrice.Amount };
    }
}
