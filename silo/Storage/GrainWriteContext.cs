using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Silo.Storage;

/// <summary>
/// What one grain activation (a DI scope of its own in Orleans) carries to its next state write:
/// the ledger postings and pool licensee rows it staged, the grain method running now (journaled), and the JSON it last
/// read or wrote (to journal only what changed). Orleans runs one call at a time per activation,
/// so nothing here needs a lock. <see cref="MarketCallFilter"/> discards it when a call fails.
/// </summary>
internal sealed class GrainWriteContext : ILedger, IPoolLicenseeRows
{
    private readonly List<Posting> _staged = [];
    private readonly List<(string PoolId, PoolLicensee Row)> _poolLicensees = [];
    private readonly Dictionary<string, string> _lastJson = [];

    public string Operation { get; set; } = "unknown";

    public void Post(Posting posting)
    {
        posting.Validate();
        if (_staged.Any(p => p.Id == posting.Id))
            throw new InvalidOperationException($"Posting {posting.Id} is staged twice.");
        _staged.Add(posting);
    }

    public IReadOnlyList<Posting> Drain()
    {
        var postings = _staged.ToList();
        _staged.Clear();
        return postings;
    }

    public void Stage(string poolId, PoolLicensee row)
    {
        _poolLicensees.RemoveAll(r => r.Row.LicenceId == row.LicenceId); // the latest word on a licence within one write
        _poolLicensees.Add((poolId, row));
    }

    public IReadOnlyList<(string PoolId, PoolLicensee Row)> DrainPoolLicensees()
    {
        var rows = _poolLicensees.ToList();
        _poolLicensees.Clear();
        return rows;
    }

    /// <summary>Drops what a failed call staged: the activation is deactivated and its memory with it.</summary>
    public void Discard()
    {
        _staged.Clear();
        _poolLicensees.Clear();
        _lastJson.Clear();
    }

    public string? LastJson(string stateName) => _lastJson.GetValueOrDefault(stateName);

    public void Remember(string stateName, string json) => _lastJson[stateName] = json;

    /// <summary>The write context of the activation running now, if the caller is a grain of this silo.</summary>
    public static GrainWriteContext? Current(IGrainContextAccessor accessor, GrainId grainId) =>
        accessor.GrainContext is { } context && context.GrainId == grainId
            ? context.ActivationServices.GetService<GrainWriteContext>()
            : null;
}
