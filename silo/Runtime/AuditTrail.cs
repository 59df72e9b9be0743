using PatentNav.Market.Grains.Abstractions;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Silo.Storage;

namespace PatentNav.Market.Silo.Runtime;

/// <summary>Reads the journal that every state write appends to, by grain interface and key.</summary>
internal sealed class AuditTrail(GrainTypeRegistry registry, IGrainStorage storage) : IAuditTrail
{
    public Task<IReadOnlyList<AuditEntry>> History<TGrainInterface>(string key, long afterVersion, int limit, CancellationToken cancellationToken = default)
        where TGrainInterface : IGrainWithStringKey =>
        storage.ReadJournalAsync(new GrainId(registry.ForInterface(typeof(TGrainInterface)).TypeName, key), afterVersion, limit, cancellationToken);
}
