using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Helpdesk;
using Portal.Core.Organizations;
using Portal.Web.Auth;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Infrastructure;

namespace Portal.Web.Features.Helpdesk;

/// <summary>One inquiry of the organization: its thread without internal notes, a reply form and closing.</summary>
[OrgPermission(Permission.InquiryUser)]
[RequestSizeLimit(HelpdeskOptions.RequestLimitBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = HelpdeskOptions.RequestLimitBytes)]
public sealed class DetailsModel(PortalDbContext db, AttachmentStore store, ReplyToInquiry reply, AuditLog audit, TimeProvider clock)
    : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [FromRoute]
    public Guid InquiryId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    [BindProperty]
    public Guid FormId { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public InquiryView Inquiry { get; private set; } = null!;

    public Dictionary<string, string> Errors { get; } = [];

    public HelpdeskOptions Limits => store.Limits;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        FormId = Guid.CreateVersion7();
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostReplyAsync(CancellationToken ct)
    {
        var id = FormId == Guid.Empty ? Guid.CreateVersion7() : FormId;
        var outcome = await reply.HandleAsync(OrgId, InquiryId, id, User.UserId(), Body, Files, ct);
        if (!outcome.Found)
        {
            return NotFound();
        }
        if (!outcome.Replied && !outcome.AlreadyPosted)
        {
            foreach (var (field, message) in outcome.Errors)
            {
                Errors[field] = message;
            }
            await LoadAsync(ct);
            // 507 when the disk is full: the input was fine, the server could not store the files.
            Response.StatusCode = outcome.StorageFull ? StatusCodes.Status507InsufficientStorage : StatusCodes.Status400BadRequest;
            return Page();
        }
        return Redirect($"/orgs/{OrgId}/inquiries/{InquiryId}?done=replied");
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        var inquiry = await db.Inquiries.SingleOrDefaultAsync(i => i.Id == InquiryId && i.OrganizationId == OrgId, ct);
        if (inquiry is null)
        {
            return NotFound();
        }
        if (inquiry.Status != InquiryStatus.Closed)
        {
            inquiry.Status = InquiryStatus.Closed;
            inquiry.UpdatedAt = clock.GetUtcNow();
            audit.Record("inquiry.closed", User.UserId(), inquiry.Id.ToString(), OrgId);
            await db.SaveChangesAsync(ct);
        }
        return Redirect($"/orgs/{OrgId}/inquiries/{InquiryId}?done=closed");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var view = await InquiryThread.LoadAsync(db, InquiryId, OrgId, includeInternal: false, ct);
        Inquiry = view!;
        return view is not null;
    }
}
