using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Helpdesk;
using Portal.Web.Resources;

namespace Portal.Web.Features.Helpdesk;

/// <summary>
/// Replied, or why not: the inquiry is not the organization's, the message id was already posted, or errors by field
/// (Body, Files). <see cref="StorageFull"/>: the attachments could not be stored (nothing was saved).
/// </summary>
public sealed record ReplyOutcome(bool Found, bool Replied, bool AlreadyPosted, IReadOnlyDictionary<string, string> Errors, bool StorageFull = false);

/// <summary>
/// A customer's reply to an inquiry of his organization, for the inquiry page and the REST API: a closed inquiry takes
/// no reply, the body is required; saved and mailed through <see cref="PostInquiryMessage"/>.
/// </summary>
public sealed class ReplyToInquiry(PortalDbContext db, AttachmentStore store, PostInquiryMessage post, IStringLocalizer<SharedResource> t)
{
    public async Task<ReplyOutcome> HandleAsync(Guid organizationId, Guid inquiryId, Guid messageId, Guid? userId, string? body, IReadOnlyList<IFormFile> files, CancellationToken ct)
    {
        var inquiry = await db.Inquiries.SingleOrDefaultAsync(i => i.Id == inquiryId && i.OrganizationId == organizationId, ct);
        if (inquiry is null)
        {
            return new ReplyOutcome(false, false, false, new Dictionary<string, string>());
        }
        if (await post.AlreadyPostedAsync(messageId, ct))
        {
            return new ReplyOutcome(true, false, true, new Dictionary<string, string>());
        }
        var errors = new Dictionary<string, string>();
        var text = body?.Trim() ?? "";
        if (inquiry.Status == InquiryStatus.Closed)
        {
            errors["Body"] = t["Inquiries.ClosedNoReply"];
        }
        else if (text.Length == 0 || text.Length > store.Limits.MaxBodyLength)
        {
            errors["Body"] = t["Validation.RequiredMax", t["Inquiries.Reply"], store.Limits.MaxBodyLength];
        }
        var (uploads, fileError) = await store.ReadAsync(files, ct);
        if (fileError is not null)
        {
            errors["Files"] = fileError;
        }
        if (errors.Count > 0)
        {
            return new ReplyOutcome(true, false, false, errors);
        }
        if (await post.AddAsync(inquiry, new NewInquiryMessage(messageId, userId, text, uploads, FromStaff: false, IsInternal: false), ct) is { } storeError)
        {
            return new ReplyOutcome(true, false, false, new Dictionary<string, string> { ["Files"] = storeError }, StorageFull: true);
        }
        return new ReplyOutcome(true, true, false, errors);
    }
}
