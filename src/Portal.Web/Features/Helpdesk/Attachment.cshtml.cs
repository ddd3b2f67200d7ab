using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Web.Auth.Tenancy;

namespace Portal.Web.Features.Helpdesk;

/// <summary>
/// Downloads an attachment of the organization's inquiry. Always as an attachment (never rendered inline) with the
/// sniffed content type, so an uploaded file cannot run as a page of the portal.
/// </summary>
[OrgPermission(Permission.InquiryUser)]
public sealed class AttachmentModel(PortalDbContext db, AttachmentStore store) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [FromRoute]
    public Guid InquiryId { get; set; }

    [FromRoute]
    public Guid AttachmentId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var attachment = await InquiryThread.FindAttachmentAsync(db, InquiryId, AttachmentId, OrgId, includeInternal: false, ct);
        return attachment is null ? NotFound() : AttachmentFile.Serve(this, store, attachment);
    }
}
