using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Core.Identity;
using Portal.Web.Infrastructure;

namespace Portal.Web.Auth;

public static class PortalClaims
{
    public const string Staff = "portal:staff";
    public const string DisplayName = "portal:name";

    /// <summary>Present when the user has MFA on: drives the recommendation banner and the staff enrolment rule.</summary>
    public const string Mfa = "portal:mfa";

    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static bool IsStaff(this ClaimsPrincipal user) => user.HasClaim(Staff, "true");

    public static bool HasMfa(this ClaimsPrincipal user) => user.HasClaim(Mfa, "true");
}

/// <summary>Adds the display name, language, MFA and staff flags to the cookie so the layout needs no query.</summary>
public sealed class PortalClaimsFactory(
    UserManager<PortalUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(Localization.LanguageClaim, user.Language));
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(PortalClaims.Mfa, "true"));
        }
        if (user.IsStaff)
        {
            identity.AddClaim(new Claim(PortalClaims.Staff, "true"));
        }
        return identity;
    }
}
