using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Auth;
using Portal.Web.Auth.Tenancy;

namespace Portal.Web.Features.Accounts;

public sealed record AccountRow(Guid Id, string AccountNumber, string Name, Guid ProjectId, string Project, AccountStatus Status, DateOnly JoinedOn, bool Pinned);

/// <summary>
/// The AWS account list (SPEC F6): AWS account viewer together with Project viewer. Current-month charges show "—"
/// until the charges issue fills them in.
/// </summary>
[OrgPermission(Permission.AccountViewer)]
public sealed class IndexModel(PortalDbContext db, CurrentMembership membership) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public IReadOnlyList<AccountRow> Rows { get; private set; } = [];

    public bool CanEdit => membership.Has(Permission.AccountEditor);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.UserId();
        Rows = await db.AwsAccounts.AsNoTracking().Where(a => a.OrganizationId == OrgId)
            .OrderBy(a => a.Project.Name).ThenBy(a => a.AccountNumber)
            .Select(a => new AccountRow(a.Id, a.AccountNumber, a.Name, a.ProjectId, a.Project.Name, a.Status, a.JoinedOn,
                db.AccountBookmarks.Any(b => b.AwsAccountId == a.Id && b.UserId == userId && b.OrganizationId == OrgId)))
            .ToListAsync(ct);
    }
}
