using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Account;

/// <summary>
/// Name and language (the UI and mails follow the language). Changing them needs the current password (SPEC F1). The
/// email address is shown read-only: it can never change; a person with a new address is invited again under it.
/// </summary>
[Authorize]
public sealed class ProfileModel(
    UserManager<PortalUser> users, SignInManager<PortalUser> signIn, AuditLog audit, PortalDbContext db,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Language { get; set; }

    [BindProperty]
    public string? CurrentPassword { get; set; }

    public string Email { get; private set; } = "";

    public Guid UserId { get; private set; }

    public bool MfaEnabled { get; private set; }

    public bool Saved { get; private set; }

    public Dictionary<string, List<string>> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Show(user);
        DisplayName = user.DisplayName;
        Language = user.Language;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Show(user);
        var name = (DisplayName ?? "").Trim();
        if (name.Length == 0)
        {
            Add(nameof(DisplayName), t["SignUp.Error.NameRequired"]);
        }
        else if (name.Length > CreateMembersId.DisplayNameMaxLength)
        {
            Add(nameof(DisplayName), t["SignUp.Error.NameTooLong", CreateMembersId.DisplayNameMaxLength]);
        }
        if (string.IsNullOrEmpty(CurrentPassword) || !await users.CheckPasswordAsync(user, CurrentPassword))
        {
            Add(nameof(CurrentPassword), t["Password.Error.CurrentWrong"]);
        }
        if (Errors.Count > 0)
        {
            return Page();
        }
        user.DisplayName = name;
        user.Language = Languages.Normalize(Language);
        await users.UpdateAsync(user);
        // New claims (name, language) for this session; the UI switches language at once.
        await signIn.RefreshSignInAsync(user);
        audit.Record("profile.updated", user.Id, user.Id.ToString());
        await db.SaveChangesAsync(ct);
        return Redirect("/id/profile?saved=true");
    }

    public IReadOnlyList<string> ErrorsFor(string field) => Errors.TryGetValue(field, out var list) ? list : [];

    private void Show(PortalUser user)
    {
        Email = user.Email ?? "";
        UserId = user.Id;
        MfaEnabled = user.TwoFactorEnabled;
        Saved = Request.Query["saved"] == "true";
    }

    private void Add(string field, string message)
    {
        if (!Errors.TryGetValue(field, out var list))
        {
            Errors[field] = list = [];
        }
        list.Add(message);
    }
}
