using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Web.Auth;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Account;

/// <summary>
/// Deleting the ID, asked by the user himself (FAQ: leave every organization first). The row stays so that the audit
/// log's ids still point somewhere, but every personal field is erased or replaced by a pseudonymous placeholder,
/// secrets and tokens are removed, and the new security stamp ends every session.
/// </summary>
[Authorize]
public sealed class DeleteAccountModel(
    UserManager<PortalUser> users, SignInManager<PortalUser> signIn, AuditLog audit, PortalDbContext db,
    TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public bool Confirm { get; set; }

    public IReadOnlyList<string> Organizations { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Organizations = await OrganizationsOfAsync(User.UserId(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Organizations = await OrganizationsOfAsync(user.Id, ct);
        if (Organizations.Count > 0)
        {
            return Page();
        }
        if (!Confirm || string.IsNullOrEmpty(CurrentPassword) || !await users.CheckPasswordAsync(user, CurrentPassword))
        {
            ErrorMessage = t["Delete.Error"];
            return Page();
        }
        await EraseAsync(user, ct);
        audit.Record("account.deleted", user.Id, user.Id.ToString());
        await db.SaveChangesAsync(ct);
        await signIn.SignOutAsync();
        return Redirect("/signin?done=deleted");
    }

    private async Task EraseAsync(PortalUser user, CancellationToken ct)
    {
        var placeholder = $"deleted-{user.Id:N}@deleted.invalid";
        user.UserName = placeholder;
        user.Email = placeholder;
        user.EmailConfirmed = false;
        user.DisplayName = "";
        user.PhoneNumber = null;
        user.PasswordHash = null;
        user.TwoFactorEnabled = false;
        user.LastTotpStep = null;
        user.CurrentOrganizationId = null;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        user.DeletedAt = clock.GetUtcNow();
        // Authenticator key, recovery codes, external logins and claims are personal secrets; links die with them.
        await db.UserTokens.Where(x => x.UserId == user.Id).ExecuteDeleteAsync(ct);
        await db.UserLogins.Where(x => x.UserId == user.Id).ExecuteDeleteAsync(ct);
        await db.UserClaims.Where(x => x.UserId == user.Id).ExecuteDeleteAsync(ct);
        await db.PasswordTokens.Where(x => x.UserId == user.Id).ExecuteDeleteAsync(ct);
        await db.ApiKeys.Where(x => x.UserId == user.Id).ExecuteDeleteAsync(ct);
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The ID could not be erased: " + string.Join(", ", result.Errors.Select(e => e.Code)));
        }
    }

    private async Task<IReadOnlyList<string>> OrganizationsOfAsync(Guid? userId, CancellationToken ct) =>
        await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.Organization.Name)
            .Select(m => m.Organization.Alias ?? m.Organization.Name)
            .ToListAsync(ct);
}
