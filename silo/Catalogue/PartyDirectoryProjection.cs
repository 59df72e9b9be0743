using Dapper;
using Npgsql;
using PatentNav.Market.ClientApi.ReadModels;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Silo.Storage;

namespace PatentNav.Market.Silo.Catalogue;

/// <summary>
/// Keeps <c>party_directory</c> (kind and GB/T 2260 region of every party) in step with every party state write, in
/// its transaction: regional navigation filters holders by it, and the composition counts universities and institutes.
/// </summary>
public sealed class PartyDirectoryProjection : IPostgresProjection
{
    public string StateName => "party";

    public Task ProjectAsync(NpgsqlTransaction transaction, string key, object state, CancellationToken cancellationToken)
    {
        var party = (PartyState)state;
        return transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO party_directory (id, name, kind, region) VALUES (@key, @Name, @Kind, @Region)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, region = excluded.region
            """,
            new { key, party.Name, Kind = CatalogueRow.Name(party.Kind), party.Region }, transaction, cancellationToken: cancellationToken));
    }
}
