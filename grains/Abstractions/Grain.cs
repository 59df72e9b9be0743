namespace PatentNav.Market.Grains.Abstractions;

/// <summary>
/// Base class of grain implementations (Orleans: <c>Orleans.Grain</c>). The hosting runtime
/// attaches the context before the first call; grain code only sees key, factory and reminders.
/// </summary>
public abstract class Grain
{
    private IGrainContext? _context;

    internal IGrainContext Context
    {
        get => _context ?? throw new InvalidOperationException("The grain is not activated by a runtime.");
        set => _context = value;
    }

    protected IGrainFactory GrainFactory => Context.GrainFactory;

    public string GetPrimaryKeyString() => Context.PrimaryKey;

    /// <summary>Registers or moves a durable reminder; a zero period makes it fire once.</summary>
    protected Task RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        Context.Reminders.RegisterOrUpdate(reminderName, dueTime, period);

    protected Task UnregisterReminder(string reminderName) => Context.Reminders.Unregister(reminderName);

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>What the runtime gives an activation.</summary>
internal interface IGrainContext
{
    string PrimaryKey { get; }
    IGrainFactory GrainFactory { get; }
    IGrainReminders Reminders { get; }
}

internal interface IGrainReminders
{
    Task RegisterOrUpdate(string name, TimeSpan dueTime, TimeSpan period);
    Task Unregister(string name);
}
