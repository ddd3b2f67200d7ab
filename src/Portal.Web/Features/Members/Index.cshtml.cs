using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Web.Auth.Tenancy;

namespace Portal.Web.Features.Members;

public sealed record MemberRow(Guid Id, string Name, string Email, MemberType Type, Permission Permissions, DateTimeOffset JoinedAt, DateTimeOffset? LastAccessAt);

/// <summary>The members list (SPEC F3): power users and holders of User viewer.</summary>
[OrgPermission(Permission.UserViewer)]
public sealed class IndexModel(PortalDbContext db, CurrentMembership membership) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Removed { get; set; }

    public IReadOnlyList<MemberRow> Members { get; private set; } = [];

    public bool CanManage => membership.IsPowerUser;

    public async Task OnGetAsync(CancellationToken ct) =>
        Members = await db.Memberships.AsNoTracking().Where(m => m.OrganizationId == OrgId)
            .OrderByDescending(m => m.Type).ThenBy(m => m.User.DisplayName)
            .Select(m => new MemberRow(m.Id, m.User.DisplayName, m.User.Email ?? "", m.Type, m.Permissions, m.JoinedAt, m.LastAccessAt))
            .ToListAsync(ct);
}
