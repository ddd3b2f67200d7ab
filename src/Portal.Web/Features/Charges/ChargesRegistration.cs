namespace Portal.Web.Features.Charges;

public static class ChargesRegistration
{
    /// <summary>Staff changes to rules and rates, the charge alarms and the cache of charge sums.</summary>
    public static IServiceCollection AddCharges(this IServiceCollection services)
    {
        services.AddScoped<Staff.Charges.CommitChargeChange>();
        services.AddScoped<Alarms.EvaluateChargeAlarms>();
        services.AddScoped<UsageCsvWriter>();
        services.AddScoped<AccountUsageCsv>();
        services.AddSingleton<ChargeReadStore>();
        services.AddScoped<ChargeReadCache>();
        return services;
    }
}
