using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Payments;

namespace PatentNav.Market.Silo.Payments;

public static class StripeRegistration
{
    /// <summary>
    /// The Stripe client when <c>Market:Stripe:SecretKey</c> is set, else a stand-in that says so: grains
    /// always get an <see cref="IStripeGateway"/> and pay offline when it is not configured.
    /// </summary>
    public static IServiceCollection AddStripePayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StripeOptions>().Bind(configuration.GetSection("Market:Stripe"));
        if (!configuration.GetSection("Market:Stripe").Get<StripeOptions>()?.IsConfigured ?? true)
        {
            services.AddSingleton<IStripeGateway, StripeNotConfigured>();
            return services;
        }
        // One gateway per silo: it owns the HttpClient and the per-endpoint rate limit, so the limit holds across grains.
        services.AddSingleton<IStripeGateway, StripeGateway>();
        return services;
    }
}

/// <summary>Stripe without a secret key: nothing can be sent.</summary>
internal sealed class StripeNotConfigured : IStripeGateway
{
    public bool IsConfigured => false;

    public Task<StripePaymentIntent> CreatePaymentIntent(Money amount, string description, IReadOnlyDictionary<string, string> metadata,
        string idempotencyKey, CancellationToken cancellationToken = default) =>
        throw NotConfigured();

    public Task<StripeTransfer> CreateTransfer(string destinationAccountId, Money amount, string transferGroup, string idempotencyKey,
        IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default) =>
        throw NotConfigured();

    private static DomainException NotConfigured() =>
        DomainException.Unprocessable("stripe_not_configured", "Stripe is not configured on this market (Market:Stripe:SecretKey).");
}
