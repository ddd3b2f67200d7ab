using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Web.Auth.Tenancy;

namespace Portal.Web.Features.Organizations;

/// <summary>The organization home (SPEC F2): counts that link to the lists the user may open, invoices and notices.</summary>
[OrgPermission(Permission.None)]
public sealed class HomeModel(PortalDbContext db, CurrentMembership membership) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    public string Name { get; private set; } = "";

    public string Code { get; private set; } = "";

    public DateTimeOffset UpdatedAt { get; private set; }

    public int? ProjectCount { get; private set; }

    public int? AccountCount { get; private set; }

    public int? UserCount { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == OrgId)
            .Select(o => new { Name = o.Alias ?? o.Name, o.Code, o.UpdatedAt }).SingleAsync(ct);
        (Name, Code, UpdatedAt) = (organization.Name, organization.Code, organization.UpdatedAt);
        if (membership.Has(Permission.ProjectViewer))
        {
            ProjectCount = await db.Projects.CountAsync(p => p.OrganizationId == OrgId, ct);
        }
        if (membership.Has(Permission.AccountViewer))
        {
            AccountCount = await db.AwsAccounts.CountAsync(a => a.OrganizationId == OrgId, ct);
        }
        if (membership.Has(Permission.UserViewer))
        {
            UserCount = await db.Memberships.CountAsync(m => m.OrganizationId == OrgId, ct);
        }
    }
}
