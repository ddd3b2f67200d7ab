using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Projects;
using Portal.Web.Auth;

namespace Portal.Web.Features.Staff.Projects;

public sealed record StaffApplicationRow(Guid Id, DateTimeOffset SubmittedAt, string Organization, ApplicationKind Kind, string Project, string? AccountNumber, string? AccountName, ApplicationStatus Status);

/// <summary>
/// The staff work queue of customer applications (new account, transfer-in, name change, cancellation, project
/// transfer) across organizations. The inquiries issue will show the same rows in the helpdesk.
/// </summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class ApplicationsModel(PortalDbContext db) : PageModel
{
    /// <summary>Open (default), or <c>all</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    public IReadOnlyList<StaffApplicationRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.ServiceApplications.AsNoTracking();
        if (Show != "all")
        {
            query = query.Where(a => a.Status == ApplicationStatus.Submitted);
        }
        Rows = await query.OrderByDescending(a => a.SubmittedAt).Take(500)
            .Select(a => new StaffApplicationRow(a.Id, a.SubmittedAt,
                db.Organizations.Where(o => o.Id == a.OrganizationId).Select(o => o.Alias ?? o.Name).FirstOrDefault() ?? "",
                a.Kind, a.Project.Name, a.AwsAccount != null ? a.AwsAccount.AccountNumber : a.AccountNumber, a.AccountName, a.Status))
            .ToListAsync(ct);
    }
}
