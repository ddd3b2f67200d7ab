using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Auth.Tenancy;

namespace Portal.Web.Features.Projects;

public sealed record ProjectRow(Guid Id, string Name, string Plan, string PaymentMethod, string ServiceLevel, Currency Currency, int Accounts);

/// <summary>The project list (SPEC F5): holders of Project viewer.</summary>
[OrgPermission(Permission.ProjectViewer)]
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    public IReadOnlyList<ProjectRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = await db.Projects.AsNoTracking().Where(p => p.OrganizationId == OrgId).OrderBy(p => p.Name)
            .Select(p => new ProjectRow(p.Id, p.Name, p.Plan, p.PaymentMethod, p.ServiceLevel, p.Currency, p.Accounts.Count))
            .ToListAsync(ct);
}
