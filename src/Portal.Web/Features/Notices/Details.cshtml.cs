using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Helpdesk;
using Portal.Core.Organizations;
using Portal.Web.Auth.Tenancy;

namespace Portal.Web.Features.Notices;

/// <summary>One notice. A notice the member may not see (other audience, restricted, unpublished) answers 404.</summary>
[OrgPermission(Permission.None)]
public sealed class DetailsModel(VisibleNotices notices) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [FromRoute]
    public Guid NoticeId { get; set; }

    public Notice Notice { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var notice = await notices.Query().SingleOrDefaultAsync(n => n.Id == NoticeId, ct);
        if (notice is null)
        {
            return NotFound();
        }
        Notice = notice;
        return Page();
    }
}
