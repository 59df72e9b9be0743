using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Tests.Domain;

/// <summary>Dated ownership: who owned a patent on a day (needed to share a period's revenue by days owned).</summary>
public class PatentOwnerHistoryTests
{
    private static readonly DateOnly Filed = new(2022, 3, 2);
    private static readonly DateOnly Transfer = new(2030, 2, 15);

    private static List<OwnershipPeriod> History() => [new(Filed, ["pty_a"]), new(Transfer, ["pty_b", "pty_c"])];

    [Fact]
    public void Owners_on_a_day_are_those_of_the_latest_change_on_or_before_it()
    {
        var history = History();
        Assert.Equal(["pty_a"], OwnerHistory.OwnersOn(history, ["pty_b", "pty_c"], Transfer.AddDays(-1)));
        Assert.Equal(["pty_b", "pty_c"], OwnerHistory.OwnersOn(history, ["pty_b", "pty_c"], Transfer));
        Assert.Equal(["pty_a"], OwnerHistory.OwnersOn(history, ["pty_b", "pty_c"], Filed.AddDays(-10))); // before any record: the first owners
        Assert.Equal(["pty_z"], OwnerHistory.OwnersOn([], ["pty_z"], Transfer)); // stored before histories existed
    }

    [Fact]
    public void A_change_adds_a_period_a_same_day_change_replaces_it_and_the_same_owners_add_nothing()
    {
        var later = OwnerHistory.Change(History(), ["pty_d"], new DateOnly(2030, 5, 1));
        Assert.Equal([Filed, Transfer, new DateOnly(2030, 5, 1)], later.Select(p => p.From));

        var corrected = OwnerHistory.Change(History(), ["pty_d"], Transfer);
        Assert.Equal([(Filed, "pty_a"), (Transfer, "pty_d")], corrected.Select(p => (p.From, string.Join(",", p.OwnerIds))));

        Assert.Equal(2, OwnerHistory.Change(History(), ["pty_c", "pty_b"], new DateOnly(2030, 5, 1)).Count);
    }

    [Fact]
    public void A_change_before_the_last_one_is_refused()
    {
        var refused = Assert.Throws<DomainException>(() => OwnerHistory.Change(History(), ["pty_d"], Transfer.AddDays(-1)));
        Assert.Equal(("effective_date_before_previous", "ownersEffectiveOn"), (refused.Code, refused.Field));
    }

    [Fact]
    public void Patent_state_answers_owners_on_a_day_and_falls_back_to_its_owners_without_a_history()
    {
        var state = new PatentState { FilingDate = Filed, OwnerIds = ["pty_b", "pty_c"], OwnerHistory = History() };
        Assert.Equal(["pty_a"], state.OwnersOn(Transfer.AddDays(-1)));

        var legacy = new PatentState { FilingDate = Filed, OwnerIds = ["pty_z"] };
        Assert.Equal(["pty_z"], legacy.OwnersOn(Transfer));
        var history = Assert.Single(legacy.EffectiveOwnerHistory());
        Assert.Equal(Filed, history.From);
        Assert.Equal(["pty_z"], history.OwnerIds);
    }
}
