using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;

namespace PatentNav.Market.ClientApi.Errors;

/// <summary>
/// Whether an exception means PostgreSQL cannot be reached right now (restart, failover, connections refused or cut),
/// as opposed to a bug or a refused statement. Such a request is 503 <c>database_unavailable</c> with
/// <c>Retry-After</c>: nothing was committed that the client cannot replay with its idempotency key.
/// </summary>
/// <remarks>
/// A grain's storage exception reaches the gateway through Orleans' exception serialization (the <c>Npgsql</c> namespace
/// is allowed): the type, message and inner exceptions arrive, but <see cref="PostgresException.SqlState"/> is empty, so
/// the SQLSTATE is also read from the message (<c>"57P01: terminating connection…"</c>).
/// </remarks>
public static partial class DatabaseOutage
{
    public static bool Is(Exception? ex)
    {
        for (var depth = 0; ex is not null && depth < 16; ex = ex.InnerException, depth++)
        {
            switch (ex)
            {
                case AggregateException aggregate when aggregate.InnerExceptions.Any(Is):
                case PostgresException pg when IsOutageState(pg.SqlState is { Length: > 0 } state ? state : SqlStateOf(pg.Message))
                    || pg.Message.Contains("is not currently accepting connections", StringComparison.Ordinal):
                case NpgsqlException { IsTransient: true } and not PostgresException:
                case NpgsqlException when ex is not PostgresException && ConnectionMessage().IsMatch(ex.Message):
                case SocketException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// 08: connection exception; 57P01–57P03: admin/crash shutdown, cannot connect now; 53300: too many connections;
    /// 55000 is only the "not currently accepting connections" of a database closed to connections (checked by message).
    /// </summary>
    private static bool IsOutageState(string? state) =>
        state is { Length: 5 } && (state.StartsWith("08", StringComparison.Ordinal) || state is "57P01" or "57P02" or "57P03" or "53300");

    private static string? SqlStateOf(string message) => SqlStatePrefix().Match(message) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("^([0-9A-Z]{5}): ")]
    private static partial Regex SqlStatePrefix();

    /// <summary>Npgsql's own wording when the inner socket or stream exception did not survive serialization.</summary>
    [GeneratedRegex("^(Failed to connect to|Exception while (reading from|writing to|connecting)|The connection pool has been exhausted)", RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionMessage();
}
