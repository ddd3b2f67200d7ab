using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Data;
using Portal.Web.Auth;
using Portal.Web.Features.Helpdesk;

namespace Portal.Web.Features.Staff.Helpdesk;

/// <summary>Staff download any inquiry's attachment, internal notes' included.</summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class AttachmentModel(PortalDbContext db, AttachmentStore store) : PageModel
{
    [FromRoute]
    public Guid InquiryId { get; set; }

    [FromRoute]
    public Guid AttachmentId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var attachment = await InquiryThread.FindAttachmentAsync(db, InquiryId, AttachmentId, organizationId: null, includeInternal: true, ct);
        return attachment is null ? NotFound() : AttachmentFile.Serve(this, store, attachment);
    }
}
