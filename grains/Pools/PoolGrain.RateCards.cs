using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pools;

/// <summary>Rate cards (published, versioned, immutable), most-favoured terms and quotes (§5).</summary>
public sealed partial class PoolGrain
{
    public async Task<RateCard> PublishRateCard(RateCard card)
    {
        var state = RequireCreated();
        Publish(state, card, Today);
        await pool.WriteStateAsync();
        return card;
    }

    /// <summary>Adds <paramref name="card"/> to the state as published on <paramref name="today"/>, without writing.</summary>
    private static void Publish(PoolState state, RateCard card, DateOnly today)
    {
        var charter = state.Charter!;
        if (card.Currency != charter.Currency)
            throw DomainException.Invalid("currency_mismatch", "currency", $"The pool's rate cards are in {charter.Currency}.");
        var categories = card.Categories ?? [];
        for (var i = 0; i < categories.Count; i++)
            if (!string.IsNullOrWhiteSpace(categories[i].Code) && !charter.ProductCategories.Contains(categories[i].Code))
                throw DomainException.Invalid("unknown_category", $"categories[{i}].code",
                    $"'{categories[i].Code}' is not a product category of this pool ({string.Join(", ", charter.ProductCategories)}).");

        var published = RateCardHistory.Publish(state.RateCards, card, today, charter.MaxIncreaseBps);
        state.RateCards = [.. published];
    }

    public Task<RateCard> TermsFor(int lockedVersion, DateOnly day) =>
        Task.FromResult(RateCardHistory.TermsFor(RequireCreated().RateCards, lockedVersion, day, this.GetPrimaryKeyString()));

    public Task<PoolQuote> Quote(string category, string region, long units, bool compliant)
    {
        var card = InForceOn(Today, null);
        Money amount;
        try
        {
            amount = RoyaltyCalculator.Quote(card, category, region, units, compliant);
        }
        catch (OverflowException)
        {
            throw DomainException.Invalid("too_large", "units", "The royalty for this many units is beyond what the market can hold.");
        }
        return Task.FromResult(new PoolQuote(this.GetPrimaryKeyString(), card.Version, card.EffectiveFrom, category, region, units, compliant, amount));
    }

    private RateCard InForceOn(DateOnly day, string? field) =>
        RateCardHistory.InForceOn(RequireCreated().RateCards, day)
        ?? throw DomainException.Unprocessable("no_rate_card_in_force", $"Pool {this.GetPrimaryKeyString()} has no rate card in force on {day:yyyy-MM-dd}.", field);
}
