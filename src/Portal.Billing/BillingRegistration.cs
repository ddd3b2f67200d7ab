using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Billing.Facts;
using Portal.Billing.Sources;
using Portal.Billing.Synthetic;

namespace Portal.Billing;

public static class BillingRegistration
{
    /// <summary>
    /// The billing engine's services: <see cref="BillingIngestion"/>, <see cref="BillingSources"/>,
    /// <see cref="BillingFactQueries"/> and their parts. Needs the portal database and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddPortalBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BillingOptions>(configuration.GetSection(BillingOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BillingFileStores>();
        services.TryAddSingleton<CrashTestPause>();
        services.TryAddScoped<FactWriter>();
        services.TryAddScoped<BillingIngestion>();
        services.TryAddScoped<BillingSources>();
        services.TryAddScoped<BillingFactQueries>();
        services.TryAddScoped<BillingDemoData>();
        services.TryAddScoped<Rating.RecomputeCharges>();
        services.TryAddScoped<Rating.UsageDetailLines>();
        return services;
    }
}
