using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Helpdesk;
using Portal.Web.Auth;
using Portal.Web.Features.Helpdesk;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Staff.Helpdesk;

/// <summary>
/// One inquiry for staff: the whole thread including internal notes, replies (or internal notes) with attachments,
/// status and assignment. An application's inquiry links to the application page where it is decided.
/// </summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
[RequestSizeLimit(HelpdeskOptions.RequestLimitBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = HelpdeskOptions.RequestLimitBytes)]
public sealed class InquiryModel(PortalDbContext db, AttachmentStore store, PostInquiryMessage post, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t)
    : PageModel
{
    [FromRoute]
    public Guid InquiryId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    [BindProperty]
    public Guid FormId { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public bool Internal { get; set; }

    /// <summary>The status after a reply, or the one chosen in the update form.</summary>
    [BindProperty]
    public InquiryStatus? NewStatus { get; set; }

    [BindProperty]
    public Guid? AssigneeId { get; set; }

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public InquiryView Inquiry { get; private set; } = null!;

    public IReadOnlyList<Choice> StaffUsers { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = [];

    public HelpdeskOptions Limits => store.Limits;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        FormId = Guid.CreateVersion7();
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostReplyAsync(CancellationToken ct)
    {
        var inquiry = await db.Inquiries.SingleOrDefaultAsync(i => i.Id == InquiryId, ct);
        if (inquiry is null)
        {
            return NotFound();
        }
        if (FormId != Guid.Empty && await post.AlreadyPostedAsync(FormId, ct))
        {
            return Redirect($"/staff/inquiries/{InquiryId}?done=replied");
        }
        var body = Body?.Trim() ?? "";
        if (body.Length == 0 || body.Length > Limits.MaxBodyLength)
        {
            Errors["Body"] = t["Validation.RequiredMax", t["Inquiries.Reply"], Limits.MaxBodyLength];
        }
        if (NewStatus is { } chosen && !Enum.IsDefined(chosen))
        {
            Errors["NewStatus"] = t["Inquiries.ChooseStatus"];
        }
        var (files, fileError) = await store.ReadAsync(Files, ct);
        if (fileError is not null)
        {
            Errors["Files"] = fileError;
        }
        if (Errors.Count > 0)
        {
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (!Internal)
        {
            var status = NewStatus ?? InquiryStatus.WaitingForCustomer;
            if (status != inquiry.Status)
            {
                audit.Record("inquiry.status", User.UserId(), inquiry.Id.ToString(), inquiry.OrganizationId, detail: $"{inquiry.Status}->{status}");
                inquiry.Status = status;
            }
        }
        // Whoever answers first takes the inquiry, so the customer's next message reaches a person.
        inquiry.AssigneeId ??= User.UserId();
        var id = FormId == Guid.Empty ? Guid.CreateVersion7() : FormId;
        if (await post.AddAsync(inquiry, new NewInquiryMessage(id, User.UserId(), body, files, FromStaff: true, IsInternal: Internal), ct) is { } storeError)
        {
            Errors["Files"] = storeError;
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status507InsufficientStorage;
            return Page();
        }
        return Redirect($"/staff/inquiries/{InquiryId}?done={(Internal ? "noted" : "replied")}");
    }

    public async Task<IActionResult> OnPostUpdateAsync(CancellationToken ct)
    {
        var inquiry = await db.Inquiries.SingleOrDefaultAsync(i => i.Id == InquiryId, ct);
        if (inquiry is null)
        {
            return NotFound();
        }
        StaffUsers = await StaffDirectory.ListAsync(db, ct);
        if (NewStatus is not { } status || !Enum.IsDefined(status))
        {
            Errors["NewStatus"] = t["Inquiries.ChooseStatus"];
        }
        if (AssigneeId is { } assignee && StaffUsers.All(s => s.Id != assignee))
        {
            Errors["AssigneeId"] = t["Inquiries.ChooseAssignee"];
        }
        if (Errors.Count > 0)
        {
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var changed = false;
        if (inquiry.Status != NewStatus)
        {
            audit.Record("inquiry.status", User.UserId(), inquiry.Id.ToString(), inquiry.OrganizationId, detail: $"{inquiry.Status}->{NewStatus}");
            inquiry.Status = NewStatus!.Value;
            changed = true;
        }
        if (inquiry.AssigneeId != AssigneeId)
        {
            audit.Record("inquiry.assigned", User.UserId(), inquiry.Id.ToString(), inquiry.OrganizationId, detail: $"assignee={AssigneeId}");
            inquiry.AssigneeId = AssigneeId;
            changed = true;
        }
        if (changed)
        {
            inquiry.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return Redirect($"/staff/inquiries/{InquiryId}?done=updated");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        StaffUsers = await StaffDirectory.ListAsync(db, ct);
        var view = await InquiryThread.LoadAsync(db, InquiryId, organizationId: null, includeInternal: true, ct);
        Inquiry = view!;
        return view is not null;
    }
}
