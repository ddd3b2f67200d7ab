using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Web.Auth;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Account;

/// <summary>
/// Turns MFA off; needs the password and a current code, so that a borrowed session alone cannot weaken the ID.
/// Staff cannot turn it off (they always use MFA). Failures count toward the lockout.
/// </summary>
[Authorize]
public sealed class MfaDisableModel(
    UserManager<PortalUser> users, SignInManager<PortalUser> signIn, TotpCodes totp, SignInFailures failures,
    AuditLog audit, PortalDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public string? ErrorMessage { get; private set; }

    public IActionResult OnGet() => User.HasMfa() && !User.IsStaff() ? Page() : RedirectToPage("Mfa");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!user.TwoFactorEnabled || user.IsStaff)
        {
            return RedirectToPage("Mfa");
        }
        var passwordOk = await users.CheckPasswordAsync(user, Password ?? "");
        // The code is checked only after a right password, so a wrong password never burns a good code.
        if (!passwordOk || !await totp.VerifyAsync(user, Code, ct))
        {
            await failures.CountAsync(user, "mfa disable", ct);
            ErrorMessage = t["Mfa.Disable.Failed"];
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await signIn.RefreshSignInAsync(user);
        audit.Record("mfa.disabled", user.Id, user.Id.ToString());
        await db.SaveChangesAsync(ct);
        return RedirectToPage("Mfa");
    }
}
