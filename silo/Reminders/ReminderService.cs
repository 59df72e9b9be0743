using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PatentNav.Market.Grains.Abstractions;
using PatentNav.Market.Silo.Runtime;

namespace PatentNav.Market.Silo.Reminders;

/// <summary>Claims due reminder ticks and delivers them to their grains; also collects idle activations.</summary>
internal sealed class ReminderService(GrainRuntime runtime, IReminderTable table, ILogger<ReminderService> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);
    private DateTimeOffset _nextIdleScan;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync();
                if (runtime.Clock.GetUtcNow() >= _nextIdleScan)
                {
                    runtime.CollectIdle();
                    _nextIdleScan = runtime.Clock.GetUtcNow() + runtime.Options.IdleScanInterval;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Reminder poll failed; trying again next interval");
            }
            try { await Task.Delay(runtime.Options.ReminderPollInterval, runtime.Clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Claims and delivers the ticks due now; returns how many were delivered.</summary>
    public async Task<int> PollOnceAsync()
    {
        var silo = runtime.Options.SiloName;
        var ticks = await table.ClaimDueAsync(silo, runtime.Clock.GetUtcNow(), runtime.Options.ReminderLease, 100);
        var delivered = 0;
        foreach (var tick in ticks)
        {
            try
            {
                await runtime.Factory.ReceiveReminder(tick.Grain, tick.Name, new TickStatus(tick.FirstDueAt, tick.Period, tick.DueAt));
                await table.CompleteAsync(silo, tick, runtime.Clock.GetUtcNow());
                delivered++;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Reminder {Name} of {Grain} failed; retrying in {Delay}", tick.Name, tick.Grain, RetryDelay);
                await table.ReleaseAsync(silo, tick, runtime.Clock.GetUtcNow() + RetryDelay);
            }
        }
        return delivered;
    }
}
