using Microsoft.Extensions.Options;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Payments;
using Stripe;

namespace PatentNav.Market.Silo.Payments;

/// <summary>
/// <see cref="IStripeGateway"/> over Stripe.net: one <see cref="StripeClient"/> per silo with our base
/// address and secret key, Stripe.net's own retries, and our idempotency key on every create, so a
/// retry (Stripe.net's, or a grain call re-run) replays rather than pays twice. Stripe.net's errors
/// become <see cref="StripeGatewayException"/>, the <see cref="PaymentProviderException"/> grains know.
/// </summary>
public sealed class StripeGateway : IStripeGateway, IDisposable
{
    private readonly StripeOptions _options;
    private readonly HttpClient _http;
    private readonly PaymentIntentService _paymentIntents;
    private readonly TransferService _transfers;

    public StripeGateway(IOptions<StripeOptions> options)
    {
        _options = options.Value;
        // HttpClient.Timeout bounds each attempt; Stripe.net retries an attempt that timed out.
        _http = new HttpClient(new StripeRequestHandler(_options.MaxRequestsPerSecond)) { Timeout = _options.RequestTimeout };
        var client = new StripeClient(_options.SecretKey,
            httpClient: new SystemNetHttpClient(_http, maxNetworkRetries: _options.MaxRetries),
            apiBase: _options.BaseUrl.TrimEnd('/'));
        _paymentIntents = new PaymentIntentService(client);
        _transfers = new TransferService(client);
    }

    public bool IsConfigured => _options.IsConfigured;

    public async Task<StripePaymentIntent> CreatePaymentIntent(
        Money amount, string description, IReadOnlyDictionary<string, string> metadata, string idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        var intent = await Call(token => _paymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = amount.Amount,
            Currency = amount.Currency.ToLowerInvariant(),
            // Payment methods are chosen in the Stripe Dashboard, not hard-coded here.
            AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true },
            Description = description,
            Metadata = new Dictionary<string, string>(metadata),
        }, new RequestOptions { IdempotencyKey = idempotencyKey }, token), cancellationToken);
        return new StripePaymentIntent(intent.Id, intent.ClientSecret, intent.Status);
    }

    public async Task<StripeTransfer> CreateTransfer(
        string destinationAccountId, Money amount, string transferGroup, string idempotencyKey,
        IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        var transfer = await Call(token => _transfers.CreateAsync(new TransferCreateOptions
        {
            Amount = amount.Amount,
            Currency = amount.Currency.ToLowerInvariant(),
            Destination = destinationAccountId,
            TransferGroup = transferGroup,
            Metadata = metadata is null ? null : new Dictionary<string, string>(metadata),
        }, new RequestOptions { IdempotencyKey = idempotencyKey }, token), cancellationToken);
        return new StripeTransfer(transfer.Id);
    }

    /// <summary>One logical call, Stripe.net's retries included, given up after <see cref="StripeOptions.MaxCallDuration"/>.</summary>
    private async Task<T> Call<T>(Func<CancellationToken, Task<T>> send, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.MaxCallDuration);
        try
        {
            return await send(deadline.Token);
        }
        catch (Stripe.StripeException ex)
        {
            throw StripeGatewayException.From(ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // No answer after the retries (refused, reset, timed out): the request may or may not have run; the key makes repeating safe.
            throw StripeGatewayException.NoAnswer(ex);
        }
    }

    public void Dispose() => _http.Dispose();
}
