using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Core.Identity;
using Portal.Web.Features.Account;
using Portal.Web.Features.Staff.Users;

namespace Portal.Web.Auth;

/// <summary>The services of the Members ID feature (SPEC F1): password policy, TOTP, password links, mails, sign-up.</summary>
public static class MembersIdSetup
{
    public static IServiceCollection AddMembersId(this IServiceCollection services, IConfiguration configuration)
    {
        // The policy's messages and the mails are localized; the CLI (portal staff add) has no UI setup of its own.
        services.AddLocalization(o => o.ResourcesPath = "");
        services.Configure<PasswordPolicyOptions>(configuration.GetSection(PasswordPolicyOptions.Section));
        services.AddSingleton<CommonPasswords>();
        services.AddScoped<PasswordPolicy>();
        // One validator with one message per broken rule instead of Identity's composition validator.
        services.RemoveAll<IPasswordValidator<PortalUser>>();
        services.AddScoped<IPasswordValidator<PortalUser>, PasswordPolicyValidator>();
        services.Replace(ServiceDescriptor.Scoped<IUserStore<PortalUser>, PortalUserStore>());
        services.AddSingleton<UnknownUserPassword>();
        services.AddScoped<TotpCodes>();
        services.AddScoped<PasswordTokens>();
        services.AddScoped<AccountMails>();
        services.AddScoped<SignInFailures>();
        services.AddScoped<CreateMembersId>();
        services.AddScoped<StaffUserSupport>();
        services.AddMembersIdRateLimits(configuration);
        return services;
    }
}
