namespace Portal.Web.Features.Charges;

public static class ChargesRegistration
{
    /// <summary>Staff changes to rules and rates, and the charge alarms.</summary>
    public static IServiceCollection AddCharges(this IServiceCollection services)
    {
        services.AddScoped<Staff.Charges.CommitChargeChange>();
        services.AddScoped<Alarms.EvaluateChargeAlarms>();
        services.AddScoped<UsageCsvWriter>();
        services.AddScoped<AccountUsageCsv>();
        return services;
    }
}
