using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Silo.Storage;

namespace PatentNav.Market.Silo.Hosting;

/// <summary>
/// Runs around every call into a grain of this silo. It names the running grain method for the
/// journal, and when a call fails it drops the activation: grains may change their state in
/// memory before a rule refuses the call or the write fails, and Orleans itself deactivates only
/// on <see cref="InconsistentStateException"/>. Without this, memory would run ahead of the
/// database; with it, the next call reloads what was stored, and staged postings die with the call.
/// </summary>
internal sealed class MarketCallFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var writeContext = context.TargetContext.ActivationServices.GetService<GrainWriteContext>();
        if (writeContext is not null) writeContext.Operation = context.ImplementationMethod?.Name ?? context.MethodName;
        try
        {
            await context.Invoke();
        }
        catch (Exception exception)
        {
            writeContext?.Discard();
            context.TargetContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, exception, "A call failed; its changes in memory are dropped."));
            throw;
        }
    }
}
