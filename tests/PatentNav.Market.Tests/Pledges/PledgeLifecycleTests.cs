using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Pledges;
using static PatentNav.Market.Grains.Pledges.PledgeStatus;

namespace PatentNav.Market.Tests.Pledges;

public sealed class PledgeLifecycleTests
{
    [Theory]
    [InlineData(Applied, Appraised)] [InlineData(Appraised, Approved)] [InlineData(Approved, Registered)] [InlineData(Registered, Active)]
    [InlineData(Active, Repaid)] [InlineData(Repaid, Released)] [InlineData(Active, PledgeStatus.Overdue)] [InlineData(PledgeStatus.Overdue, Defaulted)]
    [InlineData(Defaulted, Disposing)] [InlineData(Disposing, Settled)] [InlineData(Settled, Closed)] [InlineData(Active, Active)]
    public void The_documented_path_is_allowed(PledgeStatus from, PledgeStatus to) => Assert.True(PledgeLifecycle.CanMove(from, to));

    [Theory]
    [InlineData(Applied, Approved)] [InlineData(Approved, Active)] [InlineData(Repaid, Closed)] [InlineData(Defaulted, Active)]
    [InlineData(Released, Active)] [InlineData(Closed, Applied)] [InlineData(Settled, Released)]
    public void Skipping_a_step_or_leaving_a_final_state_is_refused(PledgeStatus from, PledgeStatus to)
    {
        Assert.False(PledgeLifecycle.CanMove(from, to));
        Assert.Equal("invalid_pledge_state", Assert.Throws<DomainException>(() => PledgeLifecycle.Require(from, to)).Code);
    }

    [Fact]
    public void Patents_are_encumbered_from_registration_until_release_or_close()
    {
        Assert.Equal([Registered, Active, PledgeStatus.Overdue, Repaid, Defaulted, Disposing, Settled],
            Enum.GetValues<PledgeStatus>().Where(PledgeLifecycle.Encumbers));
        Assert.All(Enum.GetValues<PledgeStatus>(), s => Assert.Equal(s is Released or Closed, PledgeLifecycle.IsFinal(s)));
    }
}
