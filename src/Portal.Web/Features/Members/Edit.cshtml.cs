using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Web.Auth;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Resources;

namespace Portal.Web.Features.Members;

/// <summary>Power users change a member's type and permissions, or remove him from the organization.</summary>
[OrgPermission(Permission.ManageOrganization)]
public sealed class EditModel(PortalDbContext db, ChangeMembership change, IStringLocalizer<SharedResource> t) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [FromRoute]
    public Guid MembershipId { get; set; }

    [BindProperty]
    public MemberType Type { get; set; }

    [BindProperty]
    public List<Permission> Permissions { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public MemberRow Member { get; private set; } = null!;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var granted = Permissions.Aggregate(Permission.None, (all, p) => all | p);
        var outcome = await change.UpdateAsync(OrgId, MembershipId, Type, granted, User.UserId()!.Value, ct);
        return await AnswerAsync(outcome, $"/orgs/{OrgId}/members/{MembershipId}?saved=true", ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        var outcome = await change.RemoveAsync(OrgId, MembershipId, User.UserId()!.Value, ct);
        return await AnswerAsync(outcome, $"/orgs/{OrgId}/members?removed=true", ct);
    }

    private async Task<IActionResult> AnswerAsync(MembershipChangeOutcome outcome, string done, CancellationToken ct)
    {
        switch (outcome)
        {
            case MembershipChangeOutcome.Done:
                return Redirect(done);
            case MembershipChangeOutcome.LastPowerUser:
                await LoadAsync(ct);
                Error = t["Members.LastPowerUser"];
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var member = await db.Memberships.AsNoTracking().Where(m => m.Id == MembershipId && m.OrganizationId == OrgId)
            .Select(m => new MemberRow(m.Id, m.User.DisplayName, m.User.Email ?? "", m.Type, m.Permissions, m.JoinedAt, m.LastAccessAt))
            .SingleOrDefaultAsync(ct);
        if (member is null)
        {
            return false;
        }
        Member = member;
        return true;
    }
}
