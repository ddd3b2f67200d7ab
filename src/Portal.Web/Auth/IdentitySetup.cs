using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Web.Auth.Tenancy;

namespace Portal.Web.Auth;

/// <summary>
/// ASP.NET Core Identity with the settings of SECURITY.md: a stronger hash, lockout that counts every failure, and a
/// security stamp checked every minute so that a password change ends other sessions quickly.
/// </summary>
public static class IdentitySetup
{
    public const string StaffPolicy = "Staff";

    public static IServiceCollection AddPortalIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 310_000);
        services.AddIdentity<PortalUser, IdentityRole<Guid>>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                // The whole policy (length, characters, classes, common list, email) is PasswordPolicyValidator,
                // which replaces Identity's own validator in AddMembersId so that each rule has one localized message.
                o.Password.RequiredLength = 1;
                o.Password.RequiredUniqueChars = 1;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "portal.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.AccessDeniedPath = "/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // The API answers 401/403 problem details; only pages redirect to the sign-in form.
            o.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });
        services.AddScoped<IUserClaimsPrincipalFactory<PortalUser>, PortalClaimsFactory>();
        services.AddApiKeyAuthentication();
        return services;
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static IServiceCollection AddPortalAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            // Safety net for an endpoint that forgot its declaration (a test forbids that). A request that matched no
            // endpoint passes, so that it answers 404 rather than a sign-in redirect.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .RequireAssertion(c => c.User.Identity?.IsAuthenticated == true || (c.Resource is HttpContext http && http.GetEndpoint() is null))
                .Build())
            .AddPolicy(StaffPolicy, p => p.RequireAuthenticatedUser().RequireClaim(PortalClaims.Staff, "true"))
            .AddOrganizationPolicies();
        services.AddTenancy();
        return services;
    }
}
