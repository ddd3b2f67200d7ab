using Microsoft.AspNetCore.Authorization;

namespace Portal.Web.Auth.Tenancy;

public static class TenancyRegistration
{
    public static IServiceCollection AddTenancy(this IServiceCollection services)
    {
        services.AddScoped<CurrentMembership>();
        services.AddScoped<IAuthorizationHandler, OrganizationPermissionHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, TenantAuthorizationResultHandler>();
        return services;
    }
}
