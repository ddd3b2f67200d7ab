using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Helpdesk;
using Portal.Core.Organizations;
using Portal.Web.Auth.Tenancy;

namespace Portal.Web.Features.Helpdesk;

public sealed record InquiryRow(Guid Id, string Subject, InquiryCategory Category, InquiryStatus Status, string? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Every inquiry of the organization, whoever opened it (SPEC F12: Inquiry user sees them all).</summary>
[OrgPermission(Permission.InquiryUser)]
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    /// <summary>Open (default) or <c>all</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    public IReadOnlyList<InquiryRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Inquiries.AsNoTracking().Where(i => i.OrganizationId == OrgId);
        if (Show != "all")
        {
            query = query.Where(i => i.Status != InquiryStatus.Resolved && i.Status != InquiryStatus.Closed);
        }
        Rows = await query.OrderByDescending(i => i.UpdatedAt).Take(500)
            .Select(i => new InquiryRow(i.Id, i.Subject, i.Category, i.Status,
                db.Users.Where(u => u.Id == i.CreatedById).Select(u => u.DisplayName).FirstOrDefault(), i.CreatedAt, i.UpdatedAt))
            .ToListAsync(ct);
    }
}
