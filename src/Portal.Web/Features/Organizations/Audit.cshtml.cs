using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Features.Common;

namespace Portal.Web.Features.Organizations;

/// <summary>Power users see their organization's audit log (SPEC F16).</summary>
[OrgPermission(Permission.ManageOrganization)]
public sealed class AuditModel(PortalDbContext db) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    public IReadOnlyList<AuditRow> Events { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Events = await AuditRow.QueryAsync(db, e => e.OrganizationId == OrgId, ct);
}
