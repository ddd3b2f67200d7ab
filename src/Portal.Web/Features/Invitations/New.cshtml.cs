using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Core.Organizations;
using Portal.Web.Auth;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Resources;

namespace Portal.Web.Features.Invitations;

/// <summary>A power user invites an email address with a user type and permissions (SPEC F4).</summary>
[OrgPermission(Permission.ManageOrganization)]
public sealed class NewModel(InviteMember invite, IStringLocalizer<SharedResource> t) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public MemberType Type { get; set; } = MemberType.General;

    [BindProperty]
    public List<Permission> Permissions { get; set; } = [];

    [BindProperty]
    public string Language { get; set; } = "ja";

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var granted = Permissions.Aggregate(Permission.None, (all, p) => all | p);
        var outcome = await invite.HandleAsync(OrgId, User.UserId(), new InviteRequest(Email ?? "", Type, granted, Language), ct);
        Error = outcome.Kind switch
        {
            InviteOutcomeKind.InvalidEmail => t["Invitations.InvalidEmail"].Value,
            InviteOutcomeKind.AlreadyMember => t["Invitations.AlreadyMember", Email ?? ""].Value,
            InviteOutcomeKind.AlreadyPending => t["Invitations.AlreadyPending", Email ?? ""].Value,
            _ => null,
        };
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return Redirect($"/orgs/{OrgId}/invitations?done=sent&email={Uri.EscapeDataString(outcome.Invitation!.Email)}");
    }
}
