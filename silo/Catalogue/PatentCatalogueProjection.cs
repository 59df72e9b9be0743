using Npgsql;
using PatentNav.Market.ClientApi.ReadModels;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Silo.Storage;

namespace PatentNav.Market.Silo.Catalogue;

/// <summary>Keeps <c>patent_catalogue</c> in step with every patent state write, in its transaction.</summary>
public sealed class PatentCatalogueProjection(MarketClock clock) : IPostgresProjection
{
    /// <summary>The <c>[PersistentState]</c> name of <see cref="PatentGrain"/>.</summary>
    public const string StateName = Grains.Patents.PatentGrain.StateName;

    string IPostgresProjection.StateName => StateName;

    public Task ProjectAsync(NpgsqlTransaction transaction, string key, object state, CancellationToken cancellationToken) =>
        PostgresPatentCatalogue.UpsertAsync(transaction, (PatentState)state, clock.Today);
}
