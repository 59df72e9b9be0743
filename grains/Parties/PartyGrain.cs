using System.Security.Cryptography;
using System.Text.RegularExpressions;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Payments;

namespace PatentNav.Market.Grains.Parties;

public sealed partial class PartyGrain([PersistentState("party", MarketStorage.Name)] IPersistentState<PartyState> party, MarketClock clock) : Grain, IPartyGrain
{
    public static string NewId() => "pty_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public async Task<PartyView> Create(CreateParty command)
    {
        if (party.State.CreatedAt is not null)
            throw DomainException.Conflict("party_exists", $"Party {this.GetPrimaryKeyString()} already exists.");
        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Length > 300)
            throw DomainException.Invalid("required", "name", "A name of at most 300 characters is required.");
        if (!CountryPattern().IsMatch(command.Country))
            throw DomainException.Invalid("invalid_country", "country", "Use an ISO 3166 alpha-2 code such as CN.");
        if (command.CreditCode is { } code && !CreditCodePattern().IsMatch(code))
            throw DomainException.Invalid("invalid_credit_code", "creditCode", "A unified social credit code has 18 characters.");
        if (command.StripeAccountId is { } account) RequireStripeAccount(account);
        var region = command.Region is { } text ? RegionCode.Parse(text, "region").Value : null;

        await GrainFactory.GetGrain<Indexes.IIndexGrain>(Indexes.IndexKeys.Parties).Add(this.GetPrimaryKeyString());
        party.State = new PartyState
        {
            Name = command.Name.Trim(),
            Kind = command.Kind,
            Country = command.Country,
            CreditCode = command.CreditCode,
            StripeAccountId = command.StripeAccountId,
            Region = region,
            CreatedAt = clock.GetUtcNow(),
        };
        await party.WriteStateAsync();
        return View();
    }

    public Task<PartyView?> Get() => Task.FromResult(party.State.CreatedAt is null ? null : View());

    public async Task<IssuedApiKey> IssueApiKey(IReadOnlyList<Role> roles)
    {
        if (party.State.CreatedAt is null)
            throw DomainException.NotFound("party_not_found", $"Party {this.GetPrimaryKeyString()} does not exist.");
        if (roles.Count == 0)
            throw DomainException.Invalid("required", "roles", "At least one role is required.");

        var token = ApiKeyToken.New();
        var keyId = ApiKeyToken.KeyId(token);
        var distinct = roles.Distinct().ToList();
        await GrainFactory.GetGrain<IApiKeyGrain>(ApiKeyToken.Hash(token)).Issue(this.GetPrimaryKeyString(), distinct);

        party.State.ApiKeys.Add(new ApiKeySummary(keyId, distinct, clock.GetUtcNow()));
        party.State.KeyHashes[keyId] = ApiKeyToken.Hash(token);
        await party.WriteStateAsync();
        return new IssuedApiKey(keyId, token, distinct);
    }

    public async Task<ApiKeySummary> RevokeApiKey(string keyId)
    {
        var (index, hash) = RequireKey(keyId);
        var summary = party.State.ApiKeys[index];
        // The key grain first: once the party lists the key as revoked, it is refused. Repeating the call repeats
        // this idempotent step, which heals a call that failed between the two writes.
        await GrainFactory.GetGrain<IApiKeyGrain>(hash).Revoke();
        if (summary.RevokedAt is not null) return summary;
        party.State.ApiKeys[index] = summary with { RevokedAt = clock.GetUtcNow() };
        await party.WriteStateAsync();
        return party.State.ApiKeys[index];
    }

    public async Task<IssuedApiKey> RotateApiKey(string keyId)
    {
        var (index, hash) = RequireKey(keyId);
        var old = party.State.ApiKeys[index];
        if (old.RevokedAt is not null)
        {
            await GrainFactory.GetGrain<IApiKeyGrain>(hash).Revoke();
            throw DomainException.Conflict("api_key_revoked", $"Key {keyId} was revoked {old.RevokedAt:O}; issue a new key instead.", "keyId");
        }
        var token = ApiKeyToken.New();
        var newKeyId = ApiKeyToken.KeyId(token);
        await GrainFactory.GetGrain<IApiKeyGrain>(ApiKeyToken.Hash(token)).Issue(this.GetPrimaryKeyString(), old.Roles);
        await GrainFactory.GetGrain<IApiKeyGrain>(hash).Revoke();
        var now = clock.GetUtcNow();
        party.State.ApiKeys[index] = old with { RevokedAt = now, ReplacedBy = newKeyId };
        party.State.ApiKeys.Add(new ApiKeySummary(newKeyId, old.Roles, now));
        party.State.KeyHashes[newKeyId] = ApiKeyToken.Hash(token);
        await party.WriteStateAsync();
        return new IssuedApiKey(newKeyId, token, old.Roles);
    }

    private (int Index, string Hash) RequireKey(string keyId)
    {
        if (party.State.CreatedAt is null)
            throw DomainException.NotFound("party_not_found", $"Party {this.GetPrimaryKeyString()} does not exist.");
        var index = party.State.ApiKeys.FindIndex(k => k.KeyId == keyId);
        if (index < 0)
            throw DomainException.NotFound("api_key_not_found", $"Party {this.GetPrimaryKeyString()} has no key {keyId}.", "keyId");
        return party.State.KeyHashes.TryGetValue(keyId, out var hash)
            ? (index, hash)
            : throw DomainException.Conflict("api_key_not_revocable", $"Key {keyId} was issued before keys could be revoked by id; its party record does not hold the hash that names it.", "keyId");
    }

    public async Task<PartyView> Update(UpdateParty command)
    {
        if (party.State.CreatedAt is null)
            throw DomainException.NotFound("party_not_found", $"Party {this.GetPrimaryKeyString()} does not exist.");
        if (command.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Length > 300))
            throw DomainException.Invalid("required", "name", "A name of at most 300 characters is required.");
        var region = command.Region is { } text ? RegionCode.Parse(text, "region").Value : party.State.Region;
        var newName = command.Name?.Trim() ?? party.State.Name;
        if (region == party.State.Region && newName == party.State.Name) return View();
        party.State.Region = region;
        party.State.Name = newName;
        await party.WriteStateAsync();
        return View();
    }

    public async Task<PartyView> SetStripeAccount(string accountId)
    {
        if (party.State.CreatedAt is null)
            throw DomainException.NotFound("party_not_found", $"Party {this.GetPrimaryKeyString()} does not exist.");
        RequireStripeAccount(accountId);
        if (party.State.StripeAccountId == accountId) return View();
        party.State.StripeAccountId = accountId;
        await party.WriteStateAsync();
        return View();
    }

    private static void RequireStripeAccount(string accountId)
    {
        if (!StripeAccount.IsValid(accountId))
            throw DomainException.Invalid("invalid_stripe_account", "stripeAccountId", "A Stripe connected account id looks like acct_1MTfjCQ9PRzxEwkZ.");
    }

    private PartyView View() => new(
        this.GetPrimaryKeyString(), party.State.Name, party.State.Kind, party.State.Country, party.State.CreditCode,
        party.State.ApiKeys, party.State.CreatedAt!.Value, party.State.StripeAccountId, party.State.Region);

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();

    [GeneratedRegex("^[0-9A-HJ-NPQRTUWXY]{18}$")]
    private static partial Regex CreditCodePattern();
}
