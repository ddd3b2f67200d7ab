using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Core.Identity;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Account;

/// <summary>Email + password sign-in. Failures, unknown emails and locked accounts share one message.</summary>
[AllowAnonymous]
public sealed class SignInModel(
    SignInManager<PortalUser> signIn, UserManager<PortalUser> users, IOptions<SupportOptions> support,
    IStringLocalizer<SharedResource> t) : PageModel
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

    public string? ErrorMessage { get; private set; }

    public string SupportEmail => support.Value.ContactEmail;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (user is null || user.DeletedAt is not null)
        {
            // Same work as a real check so that unknown and known emails take the same time.
            users.PasswordHasher.VerifyHashedPassword(new PortalUser(), DummyHash.Value, Password ?? "");
            ErrorMessage = t["SignIn.Failed"];
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Password ?? "", RememberMe, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            ErrorMessage = t["SignIn.Failed"];
            return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    /// <summary>A hash made with the live hasher settings, verified for unknown emails.</summary>
    private static class DummyHash
    {
        public static readonly string Value = new PasswordHasher<PortalUser>(
            Options.Create(new PasswordHasherOptions { IterationCount = 310_000 })).HashPassword(new PortalUser(), "not-a-real-password");
    }
}
