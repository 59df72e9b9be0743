using Microsoft.Extensions.Logging;
using Orleans.Runtime.Messaging;

namespace PatentNav.Market.ClientApi;

/// <summary>
/// Retries a grain call that the cluster rejected without delivering it: for the seconds between a
/// silo's death and the membership declaring it dead, calls routed to it are refused with
/// <see cref="OrleansMessageRejectionException"/>, or fail to connect to its gateway
/// (<see cref="ConnectionFailedException"/>). A call that was never delivered never ran, so sending it again is
/// safe whatever it does; a timed-out call may have run, so timeouts are not retried here (the
/// client gets 503 and retries with its idempotency key). About 15 s in all, after which the
/// rejection reaches the caller as 503 <c>cluster_unavailable</c>.
/// </summary>
public sealed class RejectedCallRetry(ILogger<RejectedCallRetry> logger) : IOutgoingGrainCallFilter
{
    private static readonly TimeSpan[] Delays =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2),
         TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4)];

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var attempt = 0; ; attempt++)
        {
            Exception? rejected;
            try
            {
                await context.Invoke();
                rejected = context.Response?.Exception is { } failure && NotDelivered(failure) ? failure : null;
            }
            catch (Exception exception) when (NotDelivered(exception))
            {
                rejected = exception;
            }
            if (rejected is null) return;
            if (attempt >= Delays.Length) throw rejected;
            logger.LogWarning("Call {Interface}.{Method} to {Grain} was rejected ({Message}); retrying in {Delay}",
                context.InterfaceName, context.MethodName, context.TargetId, rejected.Message, Delays[attempt]);
            await Task.Delay(Delays[attempt]);
        }
    }

    public static bool NotDelivered(Exception exception) => exception is OrleansMessageRejectionException or ConnectionFailedException;
}
