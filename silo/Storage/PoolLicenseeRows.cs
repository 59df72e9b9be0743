using Npgsql;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Silo.Storage;

/// <summary>
/// The staged rows of the pools' public licensee lists (<see cref="IPoolLicenseeRows"/>), as one statement of the grain
/// write's batch: they commit with the licence state that holds the same terms, or not at all.
/// </summary>
internal static class PoolLicenseeRows
{
    /// <summary>
    /// Inserts each licence's row; a licence seen before (its ending) updates <c>ended_on</c> only, so a row keeps the
    /// position (<c>seq</c>) it was listed at. Dates travel as ISO text (as the postings' value dates do).
    /// </summary>
    public static NpgsqlBatchCommand Command(IReadOnlyList<(string PoolId, PoolLicensee Row)> rows)
    {
        var command = new NpgsqlBatchCommand(
            """
            INSERT INTO pool_licensees (licence_id, pool_id, licensee_id, start, locked_rate_card_version, royalty_free, ended_on)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]::date[], $5::int[], $6::boolean[], $7::text[]::date[])
            ON CONFLICT (licence_id) DO UPDATE SET ended_on = EXCLUDED.ended_on
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Row.LicenceId)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.PoolId)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Row.LicenseeId)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => Iso(r.Row.Start))] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. rows.Select(r => r.Row.LockedRateCardVersion)] });
        command.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = [.. rows.Select(r => r.Row.RoyaltyFree)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. rows.Select(r => r.Row.EndedOn is { } d ? Iso(d) : null)] });
        return command;
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
