using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Web.Auth;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Invitations;

/// <summary>Power users revoke or re-send an invitation.</summary>
[OrgPermission(Permission.ManageOrganization)]
public sealed class ManageModel(PortalDbContext db, InviteMember invite, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [FromRoute]
    public Guid InvitationId { get; set; }

    public InvitationRow Row { get; private set; } = null!;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await FindAsync(ct) is { } invitation ? Show(invitation) : NotFound();

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        var invitation = await FindAsync(ct);
        if (invitation is null)
        {
            return NotFound();
        }
        if (invitation.StatusAt(clock.GetUtcNow()) is not (InvitationStatus.Pending or InvitationStatus.Expired))
        {
            Error = t["Invitations.NotPending"];
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Show(invitation);
        }
        invitation.RevokedAt = clock.GetUtcNow();
        audit.Record("invitation.revoked", User.UserId(), invitation.Id.ToString(), OrgId);
        await db.SaveChangesAsync(ct);
        return Redirect($"/orgs/{OrgId}/invitations?done=revoked");
    }

    public async Task<IActionResult> OnPostResendAsync(CancellationToken ct)
    {
        var invitation = await FindAsync(ct);
        if (invitation is null)
        {
            return NotFound();
        }
        if (await invite.ResendAsync(invitation, User.UserId(), ct) is null)
        {
            Error = t["Invitations.NotPending"];
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Show(invitation);
        }
        return Redirect($"/orgs/{OrgId}/invitations?done=resent");
    }

    private Task<Invitation?> FindAsync(CancellationToken ct) =>
        db.Invitations.SingleOrDefaultAsync(i => i.Id == InvitationId && i.OrganizationId == OrgId, ct);

    private PageResult Show(Invitation i)
    {
        Row = new InvitationRow(i.Id, i.Email, i.Type, i.StatusAt(clock.GetUtcNow()), null, i.CreatedAt, i.ExpiresAt, i.AcceptedAt);
        return Page();
    }
}
