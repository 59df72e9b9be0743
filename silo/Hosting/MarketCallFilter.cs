using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PatentNav.Market.Silo.Storage;

namespace PatentNav.Market.Silo.Hosting;

/// <summary>
/// Runs around every call into a grain of this silo. It names the running grain method for the
/// journal, and when a call fails it drops the activation: grains may change their state in
/// memory before a rule refuses the call or the write fails, and Orleans itself deactivates only
/// on <see cref="InconsistentStateException"/>. Without this, memory would run ahead of the
/// database; with it, the next call reloads what was stored, and staged postings die with the call.
/// Log lines written during the call carry the grain, its method and the caller in their scope.
/// </summary>
internal sealed class MarketCallFilter(ILogger<MarketCallFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        // Orleans' own system targets pass through too; they have no activation scope and no state of ours.
        if (context.Grain is not Grain)
        {
            await context.Invoke();
            return;
        }
        var writeContext = context.TargetContext.ActivationServices.GetService<GrainWriteContext>();
        var operation = OperationOf(context);
        if (writeContext is not null) writeContext.Operation = operation;
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["Grain"] = context.TargetId.ToString(),
            ["GrainMethod"] = operation,
            ["Caller"] = CallerContext.Current,
        });
        try
        {
            await context.Invoke();
        }
        catch (Exception exception)
        {
            writeContext?.Discard();
            // No exception in the reason: Orleans would answer the calls queued behind this one with it;
            // without one they are forwarded to the next activation, which loads the stored state.
            context.TargetContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, $"A call failed ({exception.GetType().Name}); its changes in memory are dropped."));
            throw;
        }
    }

    /// <summary>The grain method's name; a reminder tick journals as <c>reminder:{name}</c>.</summary>
    private static string OperationOf(IIncomingGrainCallContext context) =>
        context.Request is { } request && request.GetArgumentCount() > 0 && context.InterfaceMethod?.Name == nameof(IRemindable.ReceiveReminder)
            ? $"reminder:{request.GetArgument(0)}"
            : context.ImplementationMethod?.Name ?? context.MethodName;
}
