using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Grains.Licensing;

/// <param name="ledger">Payments post here; the postings commit with the state write that marks the invoice paid.</param>
// Idle after 2 minutes, not Orleans' default 15: a licence is touched a few times a quarter (a report, a payment, a
// reminder tick), and a silo holding tens of thousands of them idle for 15 minutes after a burst of purchases took
// most of its ~1 GB resident memory (issue 11). Reactivating one costs a single-row read.
[CollectionAgeLimit(Minutes = 2)]
public sealed partial class LicenceGrain([PersistentState("licence", MarketStorage.Name)] IPersistentState<LicenceState> licence, MarketClock clock, ILedger ledger,
    IPoolLicenseeRows poolRows) : Grain, ILicenceGrain, IRemindable
{
    private DateOnly Today => clock.Today;

    public async Task<LicenceView> CreatePool(CreatePoolLicence command)
    {
        // A retry that took over its idempotency key after a crash (the id derives from the key): the
        // first attempt created this licence and its answer was lost, so answer the licence again.
        if (IdempotencyContext.Current is { Attempt: > 1 } && licence.State is { Exists: true, Type: LicenceType.Pool } existing
            && existing.Terms.PoolId == command.PoolId && existing.LicenseeId == command.LicenseeId)
            return View();
        RequireNew();
        var scope = RequirePoolScope(command.Scope);
        // The pool checks and prices the enrolment (404 pool_not_found for an unknown pool) and stores nothing; it is the
        // same for the same licence, so a re-run after a version conflict is safe. The licence stores it, and its row of
        // the pool's public list with it (one transaction).
        var enrolment = await GrainFactory.GetGrain<IPoolGrain>(command.PoolId).EnrolLicensee(this.GetPrimaryKeyString(), command.LicenseeId, scope.Start);

        await GrainFactory.GetGrain<Indexes.IIndexGrain>(Indexes.IndexKeys.LicenseeLicences(command.LicenseeId)).Add(this.GetPrimaryKeyString());
        licence.State = new LicenceState
        {
            Type = LicenceType.Pool,
            Kind = LicenceKind.NonExclusive,
            LicensorIds = [enrolment.AdministratorId],
            LicenseeId = command.LicenseeId,
            Scope = scope with { Start = enrolment.Start },
            Terms = new LicenceTerms(enrolment.Currency, PoolId: enrolment.PoolId,
                RateCardVersion: enrolment.LockedRateCardVersion, RoyaltyFree: enrolment.RoyaltyFree),
            CnipaFiling = CnipaFiling.DueFor(enrolment.Start),
            CreatedAt = clock.GetUtcNow(),
        };
        await RemindCnipaDue();
        poolRows.Stage(enrolment.PoolId, enrolment.Row(this.GetPrimaryKeyString(), command.LicenseeId));
        await licence.WriteStateAsync();
        MarketMetrics.LicenceIssued(LicenceType.Pool);
        return View();
    }

    public Task<LicenceView?> Get() => Task.FromResult(licence.State.Exists ? View() : null);

    public async Task<LicenceView> RecordCnipaFiling(string filingNumber, DateOnly filedOn)
    {
        var state = RequireExists();
        var filing = state.CnipaFiling.Record(filingNumber, filedOn, Today);
        if (filing == state.CnipaFiling) return View();
        state.CnipaFiling = filing;
        await licence.WriteStateAsync();
        return View();
    }

    /// <summary>A pool licence is non-exclusive and open-ended; territories, when named, must be ISO codes.</summary>
    private static LicenceScope RequirePoolScope(LicenceScope scope)
    {
        if (scope.Territories.Count > 0) LicenceScope.Require(scope, "");
        LicenceScope.RequireDate(scope.Start, "start");
        if (scope.End is not null)
            throw DomainException.Invalid("invalid_period", "end", "A pool licence runs until it is terminated.");
        return scope with { Territories = [.. scope.Territories.Distinct()], FieldsOfUse = [.. scope.FieldsOfUse.Distinct()] };
    }

    private void RequireNew()
    {
        if (licence.State.Exists)
            throw DomainException.Conflict("licence_exists", $"Licence {this.GetPrimaryKeyString()} already exists.");
    }

    private LicenceState RequireExists() => licence.State.Exists
        ? licence.State
        : throw DomainException.NotFound("licence_not_found", $"Licence {this.GetPrimaryKeyString()} does not exist.");

    private LicenceView View()
    {
        var s = licence.State;
        var today = Today;
        var status = LicenceLifecycle.StatusOn(s.Ending, s.Suspension, s.Scope.End, today);
        return new LicenceView(
            this.GetPrimaryKeyString(), s.Type, s.Kind, status, s.LicensorIds, s.LicenseeId, s.Terms.PoolId, s.Patents,
            s.Scope, s.Terms, s.OpenLicence, s.CnipaFiling.View(today), s.CreatedAt!.Value,
            long.TryParse(licence.Etag, out var v) ? v : 0, [.. s.BreachNotices], s.Suspension, s.Ending);
    }
}
