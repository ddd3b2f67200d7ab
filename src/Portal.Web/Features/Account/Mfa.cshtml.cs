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
using QRCoder;

namespace Portal.Web.Features.Account;

/// <summary>
/// MFA set-up and status: QR code and manual key, confirmation with a first code, then 10 recovery codes shown once.
/// Once on, the user can regenerate the recovery codes (the old ones stop working) or go to the disable page.
/// </summary>
[Authorize]
public sealed class MfaModel(
    UserManager<PortalUser> users, SignInManager<PortalUser> signIn, TotpCodes totp, AuditLog audit, PortalDbContext db,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    public string? Code { get; set; }

    public bool Enabled { get; private set; }

    public string? ManualKey { get; private set; }

    public string? QrCodeDataUri { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Shown once, right after they were generated.</summary>
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    public string? StatusMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        await LoadAsync(user);
        return Page();
    }

    /// <summary>Confirms the set-up with a first code from the app, turns MFA on and shows the recovery codes.</summary>
    public async Task<IActionResult> OnPostEnableAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }
        if (!await totp.VerifyAsync(user, Code, ct))
        {
            ErrorMessage = t["Mfa.Error.Code"];
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        // Turning MFA on changed the security stamp: re-issue this session (with the MFA claim); others end.
        await signIn.RefreshSignInAsync(user);
        audit.Record("mfa.enabled", user.Id, user.Id.ToString());
        await db.SaveChangesAsync(ct);
        StatusMessage = t["Mfa.Enabled"];
        await LoadAsync(user);
        return Page();
    }

    /// <summary>New recovery codes; the old ones stop working.</summary>
    public async Task<IActionResult> OnPostRegenerateAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }
        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        audit.Record("mfa.recovery-codes", user.Id, user.Id.ToString());
        await db.SaveChangesAsync(ct);
        StatusMessage = t["Mfa.Regenerated"];
        await LoadAsync(user);
        return Page();
    }

    private async Task LoadAsync(PortalUser user)
    {
        Enabled = user.TwoFactorEnabled;
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Stored directly rather than with ResetAuthenticatorKeyAsync, which would change the security stamp and
            // so sign the user out of his other devices just for opening this page.
            key = users.GenerateNewAuthenticatorKey();
            await users.SetAuthenticationTokenAsync(user, AuthenticatorKeyStore.LoginProvider, AuthenticatorKeyStore.TokenName, key);
        }
        ManualKey = TotpCodes.Grouped(key!);
        var uri = TotpCodes.AuthenticatorUri(t["App.Name"], user.Email!, key!);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        using var png = new PngByteQRCode(data);
        // A PNG data URI: the CSP allows img data: and no script is needed to draw it.
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(5));
    }
}

/// <summary>Where Identity's user store keeps the authenticator key (its <c>UserStoreBase</c> constants).</summary>
internal static class AuthenticatorKeyStore
{
    public const string LoginProvider = "[AspNetUserStore]";
    public const string TokenName = "AuthenticatorKey";
}
