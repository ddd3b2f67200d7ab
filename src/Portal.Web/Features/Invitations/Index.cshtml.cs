using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Resources;

namespace Portal.Web.Features.Invitations;

public sealed record InvitationRow(Guid Id, string Email, MemberType Type, InvitationStatus Status, string? Inviter, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? AcceptedAt);

/// <summary>The invitation list (SPEC F4): power users and holders of Invitation viewer.</summary>
[OrgPermission(Permission.InvitationViewer)]
public sealed class IndexModel(PortalDbContext db, CurrentMembership membership, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    public IReadOnlyList<InvitationRow> Rows { get; private set; } = [];

    public bool CanManage => membership.IsPowerUser;

    public string? Message => Done switch
    {
        "sent" => t["Invitations.Sent", Email ?? ""].Value,
        "revoked" => t["Invitations.Revoked"].Value,
        "resent" => t["Invitations.Resent"].Value,
        _ => null,
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var invitations = await db.Invitations.AsNoTracking().Where(i => i.OrganizationId == OrgId)
            .OrderByDescending(i => i.CreatedAt).Take(500).ToListAsync(ct);
        var inviterIds = invitations.Where(i => i.InvitedById != null).Select(i => i.InvitedById!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => inviterIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Rows = invitations.Select(i => new InvitationRow(i.Id, i.Email, i.Type, i.StatusAt(now),
            i.InvitedById is { } id ? names.GetValueOrDefault(id) : null, i.CreatedAt, i.ExpiresAt, i.AcceptedAt)).ToList();
    }
}
