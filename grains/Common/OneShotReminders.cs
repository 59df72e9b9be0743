namespace PatentNav.Market.Grains.Common;

/// <summary>
/// "Remind me once at T" on Orleans reminders, which are periodic (at least a minute apart) and whose
/// first tick must fit a timer (about 49 days). A one-shot reminder here ticks no later than
/// <see cref="MaxWait"/> and then daily until the handler, which always re-checks the clock and its
/// state, calls <see cref="Done"/>. Ticks therefore arrive at least once and may arrive early or late:
/// handlers decide by the state, never by the tick.
/// </summary>
public static class OneShotReminders
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromDays(30);
    public static readonly TimeSpan Repeat = TimeSpan.FromDays(1);

    /// <summary>Registers (or moves) <paramref name="name"/> to tick after <paramref name="wait"/> (capped; a past time ticks at once).</summary>
    public static Task RemindOnce(this Grain grain, string name, TimeSpan wait)
    {
        var due = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxWait ? MaxWait : wait;
        // Orleans refuses a zero due time for some providers; a second is "now" for our purposes.
        if (due < TimeSpan.FromSeconds(1)) due = TimeSpan.FromSeconds(1);
        return grain.RegisterOrUpdateReminder(name, due, Repeat);
    }

    /// <summary>Stops the reminder; a reminder that is not registered is fine.</summary>
    public static async Task Done(this Grain grain, string name)
    {
        if (await grain.GetReminder(name) is { } reminder) await grain.UnregisterReminder(reminder);
    }
}
