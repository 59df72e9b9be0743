namespace PatentNav.Market.Grains.Abstractions;

/// <summary>Marker for grain interfaces (Orleans: <c>Orleans.IGrain</c>).</summary>
public interface IGrain;

/// <summary>A grain addressed by a string key (Orleans: <c>IGrainWithStringKey</c>).</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>Gets references to grains; calls through a reference run as turns of the target activation.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey;
}
