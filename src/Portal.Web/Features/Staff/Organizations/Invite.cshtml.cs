using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Web.Auth;
using Portal.Web.Features.Invitations;
using Portal.Web.Resources;

namespace Portal.Web.Features.Staff.Organizations;

/// <summary>Staff invite an organization's first power user (or anybody else).</summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class InviteModel(PortalDbContext db, InviteMember invite, IStringLocalizer<SharedResource> t) : PageModel
{
    [FromRoute]
    public Guid OrganizationId { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public MemberType Type { get; set; } = MemberType.Power;

    [BindProperty]
    public List<Permission> Permissions { get; set; } = [];

    [BindProperty]
    public string Language { get; set; } = "ja";

    [BindProperty(SupportsGet = true)]
    public bool Created { get; set; }

    public string OrganizationName { get; private set; } = "";

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var granted = Permissions.Aggregate(Permission.None, (all, p) => all | p);
        var outcome = await invite.HandleAsync(OrganizationId, User.UserId(), new InviteRequest(Email ?? "", Type, granted, Language), ct);
        Message = outcome.Kind switch
        {
            InviteOutcomeKind.Sent => t["Invitations.Sent", Email ?? ""],
            InviteOutcomeKind.AlreadyMember => t["Invitations.AlreadyMember", Email ?? ""],
            InviteOutcomeKind.AlreadyPending => t["Invitations.AlreadyPending", Email ?? ""],
            _ => t["Invitations.InvalidEmail"],
        };
        if (outcome.Kind != InviteOutcomeKind.Sent)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var name = await db.Organizations.AsNoTracking().Where(o => o.Id == OrganizationId).Select(o => o.Alias ?? o.Name).SingleOrDefaultAsync(ct);
        OrganizationName = name ?? "";
        return name is not null;
    }
}
