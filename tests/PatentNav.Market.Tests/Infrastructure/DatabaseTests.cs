namespace PatentNav.Market.Tests.Infrastructure;

/// <summary>Tests that start silos of their own (<c>SiloHost</c>) on a fresh, migrated database of the class.</summary>
public abstract class DatabaseTests : IAsyncLifetime
{
    protected string Db { get; private set; } = "";

    public async Task InitializeAsync() => Db = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
