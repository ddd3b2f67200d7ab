using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Helpdesk;

namespace Portal.Web.Features.Helpdesk;

/// <summary>Answers an attachment download for customer and staff pages alike.</summary>
public static class AttachmentFile
{
    public static IActionResult Serve(PageModel page, AttachmentStore store, InquiryAttachment attachment)
    {
        var path = store.PathOf(attachment.OrganizationId, attachment.Id);
        if (!System.IO.File.Exists(path))
        {
            return page.NotFound();
        }
        // Downloads of private files must not be kept by shared caches.
        page.Response.Headers.CacheControl = "private, no-store";
        return page.PhysicalFile(path, attachment.ContentType, attachment.FileName);
    }
}
