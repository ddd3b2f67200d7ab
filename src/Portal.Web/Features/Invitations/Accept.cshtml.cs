using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Identity;
using Portal.Web.Auth;
using Portal.Web.Features.Account;

namespace Portal.Web.Features.Invitations;

/// <summary>
/// The page behind the mailed link. A new address signs up here; an existing ID signs in first; the signed-in email
/// must equal the invited one.
/// </summary>
[AllowAnonymous]
public sealed class AcceptModel(AcceptInvitation accept, CreateMembersId createId, UserManager<PortalUser> users, SignInManager<PortalUser> signIn) : PageModel
{
    [FromRoute]
    public string Token { get; set; } = "";

    [BindProperty(Name = SignUpFieldsModel.Prefix)]
    public SignUpInput SignUp { get; set; } = new();

    /// <summary>Sign-up errors per field, shown beside the fields.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? FieldErrors { get; private set; }

    public InvitationView? View { get; private set; }

    public string? SignedInEmail { get; private set; }

    public bool EmailMatches { get; private set; }

    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>An existing, signed-in ID joins.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = User.UserId() is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (user is null)
        {
            return Challenge();
        }
        var organizationId = (await accept.FindPendingAsync(Token, ct))?.Invitation.OrganizationId;
        if (organizationId is null || !await accept.AcceptAsync(Token, user, ct))
        {
            await LoadAsync(ct);
            return Page();
        }
        return Redirect($"/orgs/{organizationId}");
    }

    /// <summary>A new address creates its ID, joins and is signed in.</summary>
    public async Task<IActionResult> OnPostSignUpAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (View is null || View.IdExists || SignedInEmail is not null)
        {
            return Page();
        }
        var outcome = await createId.HandleAsync(View.Invitation.Email, SignUp, View.Invitation.Language, ct);
        if (!outcome.Succeeded)
        {
            FieldErrors = outcome.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (!await accept.AcceptAsync(Token, outcome.User!, ct))
        {
            await LoadAsync(ct);
            return Page();
        }
        await signIn.SignInAsync(outcome.User!, isPersistent: false);
        return Redirect($"/orgs/{View.Invitation.OrganizationId}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        View = await accept.FindPendingAsync(Token, ct);
        if (User.Identity?.IsAuthenticated == true && View is not null)
        {
            var user = User.UserId() is { } id ? await users.FindByIdAsync(id.ToString()) : null;
            SignedInEmail = user?.Email;
            EmailMatches = user is not null && string.Equals(user.NormalizedEmail, View.Invitation.NormalizedEmail, StringComparison.Ordinal);
        }
    }
}
