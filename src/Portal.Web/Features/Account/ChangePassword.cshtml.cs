using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Core.Auditing;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Account;

/// <summary>
/// Password change with the current password. The new security stamp ends every other session of the user within a
/// minute; this session is re-issued so it stays signed in.
/// </summary>
[Authorize]
public sealed class ChangePasswordModel(
    UserManager<PortalUser> users, SignInManager<PortalUser> signIn, AuditLog audit, AccountMails mails, PortalDbContext db,
    TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public Dictionary<string, List<string>> Errors { get; } = [];

    public bool Changed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (string.IsNullOrEmpty(CurrentPassword) || !await users.CheckPasswordAsync(user, CurrentPassword))
        {
            Add(nameof(CurrentPassword), t["Password.Error.CurrentWrong"]);
        }
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
            audit.Record("password.changed", user.Id, user.Id.ToString(), result: AuditResult.Failure);
            await db.SaveChangesAsync(ct);
            return Page();
        }
        var result = await users.ChangePasswordAsync(user, CurrentPassword!, NewPassword!);
        if (!result.Succeeded)
        {
            Add(nameof(NewPassword), string.Join(" ", result.Errors.Select(e => e.Description)));
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
        audit.Record("password.changed", user.Id, user.Id.ToString());
        mails.PasswordChanged(user, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        Changed = true;
        return Page();
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
