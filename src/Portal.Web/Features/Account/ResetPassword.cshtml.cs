using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Web.Auth;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Account;

/// <summary>
/// Sets a new password from a single-use link (a mailed reset, or the first password of a staff member). The token
/// is consumed only once the new password passes the policy, so a rejected password does not burn the link.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(MembersIdRateLimits.AnonymousPolicy)]
public sealed class ResetPasswordModel(
    UserManager<PortalUser> users, PasswordTokens tokens, AuditLog audit, AccountMails mails, PortalDbContext db,
    TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public bool Invalid { get; private set; }

    public string? Email { get; private set; }

    public Dictionary<string, List<string>> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await tokens.FindUsableAsync(Token, ct);
        Invalid = found is null;
        Email = found?.User.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var found = await tokens.FindUsableAsync(Token, ct);
        if (found is not { } usable)
        {
            Invalid = true;
            return Page();
        }
        var (token, user) = usable;
        Email = user.Email;
        if (NewPassword != ConfirmPassword)
        {
            Add(nameof(ConfirmPassword), t["Password.Error.Mismatch"]);
        }
        foreach (var validator in users.PasswordValidators)
        {
            foreach (var error in (await validator.ValidateAsync(users, user, NewPassword ?? "")).Errors)
            {
                Add(nameof(NewPassword), error.Description);
            }
        }
        if (Errors.Count > 0)
        {
            return Page();
        }
        if (!await tokens.ConsumeAsync(token, ct))
        {
            Invalid = true;
            return Page();
        }
        // Identity's own reset path sets the hash, re-checks the policy and changes the security stamp (which ends
        // the user's other sessions and any other outstanding link); our link was the proof of the mailbox.
        var identityToken = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, identityToken, NewPassword!);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("A password that passed the policy was refused: " + string.Join(", ", result.Errors.Select(e => e.Code)));
        }
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        var initial = token.Purpose == PasswordTokenPurpose.StaffInitialPassword;
        audit.Record(initial ? "password.set" : "password.reset", user.Id, user.Id.ToString());
        if (!initial)
        {
            mails.PasswordChanged(user, clock.GetUtcNow());
        }
        await db.SaveChangesAsync(ct);
        return Redirect("/signin?done=password");
    }

    public IReadOnlyList<string> ErrorsFor(string field) => Errors.TryGetValue(field, out var list) ? list : [];

    private void Add(string field, string message)
    {
        if (!Errors.TryGetValue(field, out var list))
        {
            Errors[field] = list = [];
        }
        list.Add(message);
    }
}
