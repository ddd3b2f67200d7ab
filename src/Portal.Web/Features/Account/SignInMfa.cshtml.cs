using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Web.Auth;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Account;

/// <summary>
/// The second step of sign-in for users with MFA: a TOTP code or one recovery code. Failures count toward the same
/// lockout as wrong passwords. The user comes from Identity's short-lived two-factor cookie set by the password step.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(MembersIdRateLimits.AnonymousPolicy)]
public sealed class SignInMfaModel(
    SignInManager<PortalUser> signIn, UserManager<PortalUser> users, TotpCodes totp, SignInFailures failures,
    AuditLog audit, PortalDbContext db, IOptions<SupportOptions> support, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("SignIn");
        }
        if (await users.IsLockedOutAsync(user))
        {
            ErrorMessage = t["SignIn.Locked", support.Value.ContactEmail];
            return Page();
        }
        var byRecoveryCode = !string.IsNullOrWhiteSpace(RecoveryCode);
        var ok = byRecoveryCode
            ? (await users.RedeemTwoFactorRecoveryCodeAsync(user, RecoveryCode!.Replace(" ", "", StringComparison.Ordinal).Trim())).Succeeded
            : await totp.VerifyAsync(user, Code, ct);
        if (!ok)
        {
            var locked = await failures.CountAsync(user, byRecoveryCode ? "recovery code" : "totp", ct);
            ErrorMessage = locked ? t["SignIn.Locked", support.Value.ContactEmail] : t["SignIn.Mfa.Failed"];
            return Page();
        }
        await users.ResetAccessFailedCountAsync(user);
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIn.SignInWithClaimsAsync(user, RememberMe, [new Claim("amr", "mfa")]);
        audit.Record("signin.ok", user.Id, user.Id.ToString(), detail: byRecoveryCode ? "mfa: recovery code" : "mfa: totp");
        await db.SaveChangesAsync(ct);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
