using PatentNav.Market.Grains.Abstractions;

namespace PatentNav.Market.Grains.Patents;

/// <summary>A patent or application, keyed by its canonical number (<see cref="PatentNumber"/>).</summary>
public interface IPatentGrain : IGrainWithStringKey
{
    /// <summary>Lists the patent; 409 <c>patent_exists</c> if already registered, 422 if not in force.</summary>
    Task<PatentView> Register(RegisterPatent command);

    /// <summary>The patent, or null if it was never registered.</summary>
    Task<PatentView?> Get();

    /// <summary>Corrects bibliographic data, owners or legal status.</summary>
    Task<PatentView> Update(UpdatePatent command);

    /// <summary>Adds a valuation to the history; earlier valuations stay.</summary>
    Task<Valuation> AddValuation(AddValuation command);
}
