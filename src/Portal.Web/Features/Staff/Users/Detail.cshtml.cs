using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Identity;
using Portal.Web.Auth;

namespace Portal.Web.Features.Staff.Users;

/// <summary>One user for support: status, and the unlock and MFA-reset actions.</summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class DetailModel(UserManager<PortalUser> users, StaffUserSupport support) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public PortalUser Subject { get; private set; } = null!;

    public bool Locked { get; private set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostUnlockAsync(CancellationToken ct)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        await support.UnlockAsync(Subject, User.UserId()!.Value, ct);
        return Redirect($"/staff/users/{Id}?done=unlocked");
    }

    public async Task<IActionResult> OnPostResetMfaAsync(CancellationToken ct)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        await support.ResetMfaAsync(Subject, User.UserId()!.Value, ct);
        return Redirect($"/staff/users/{Id}?done=mfa-reset");
    }

    private async Task<bool> LoadAsync()
    {
        var user = await users.FindByIdAsync(Id.ToString());
        if (user is null || user.DeletedAt is not null)
        {
            return false;
        }
        Subject = user;
        Locked = await users.IsLockedOutAsync(user);
        return true;
    }
}
