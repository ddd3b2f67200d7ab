using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Core.Auditing;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Web.Auth;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Account;

/// <summary>
/// Email + password sign-in. Wrong passwords and unknown emails share one message and take the same time; a locked
/// account says so clearly; users with MFA continue to the code step.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(MembersIdRateLimits.AnonymousPolicy)]
public sealed class SignInModel(
    SignInManager<PortalUser> signIn, UserManager<PortalUser> users, UnknownUserPassword unknownUser, SignInFailures failures, AuditLog audit,
    PortalDbContext db, IOptions<SupportOptions> support, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true, Name = "signedout")]
    public bool SignedOut { get; set; }

    /// <summary>Set after a password reset, the first password of a staff member, or deleting the ID.</summary>
    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public string? ErrorMessage { get; private set; }

    public string SupportEmail => support.Value.ContactEmail;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (user is null || user.DeletedAt is not null)
        {
            // Same work as a real check so that unknown and known emails take the same time.
            unknownUser.Verify(Password);
            audit.Record("signin.failed", null, null, result: AuditResult.Failure, detail: "unknown email");
            await db.SaveChangesAsync(ct);
            ErrorMessage = t["SignIn.Failed"];
            return Page();
        }
        var wasLocked = await users.IsLockedOutAsync(user);
        var result = await signIn.PasswordSignInAsync(user, Password ?? "", RememberMe, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("SignInMfa", new { returnUrl = SafeReturnUrl(), rememberMe = RememberMe });
        }
        if (result.Succeeded)
        {
            audit.Record("signin.ok", user.Id, user.Id.ToString());
            await db.SaveChangesAsync(ct);
            return LocalRedirect(SafeReturnUrl());
        }
        if (wasLocked)
        {
            // Identity did not even look at the password of a locked account.
            audit.Record("signin.failed", user.Id, user.Id.ToString(), result: AuditResult.Failure, detail: "locked");
            await db.SaveChangesAsync(ct);
        }
        else
        {
            await failures.RecordAsync(user, "password", wasLocked: false, ct);
        }
        ErrorMessage = result.IsLockedOut ? t["SignIn.Locked", SupportEmail] : t["SignIn.Failed"];
        return Page();
    }

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
