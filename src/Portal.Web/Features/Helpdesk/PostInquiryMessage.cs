using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Helpdesk;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Helpdesk;

/// <summary>What one post to a thread carries. <see cref="Id"/> comes from the form, so a second submit is recognised.</summary>
public sealed record NewInquiryMessage(Guid Id, Guid? AuthorId, string Body, IReadOnlyList<AttachmentUpload> Files, bool FromStaff, bool IsInternal);

/// <summary>
/// Adds a message (with its attachment files) to an inquiry, moves the status along and mails the participants, all
/// committed together. The files are written before the rows and removed again when the rows cannot be saved.
/// </summary>
public sealed class PostInquiryMessage(PortalDbContext db, AttachmentStore store, InquiryMail mail, AuditLog audit, TimeProvider clock,
    IStringLocalizer<SharedResource> t)
{
    /// <summary>True when a message with this form id was already saved (a double submit): nothing is added.</summary>
    public Task<bool> AlreadyPostedAsync(Guid messageId, CancellationToken ct) =>
        db.InquiryMessages.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AnyAsync(m => m.Id == messageId, ct);

    /// <summary>
    /// Adds <paramref name="post"/> to <paramref name="inquiry"/> (tracked, or new and already added) and saves. Returns
    /// the error for the files field when an attachment could not be stored (disk full, folder unwritable): then
    /// nothing is saved, no file is left behind and the change tracker is cleared.
    /// </summary>
    public async Task<string?> AddAsync(Inquiry inquiry, NewInquiryMessage post, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var message = new InquiryMessage
        {
            Id = post.Id, InquiryId = inquiry.Id, OrganizationId = inquiry.OrganizationId, AuthorId = post.AuthorId, FromStaff = post.FromStaff,
            IsInternal = post.IsInternal, Body = post.Body, CreatedAt = now,
        };
        foreach (var file in post.Files)
        {
            message.Attachments.Add(new InquiryAttachment
            {
                InquiryId = inquiry.Id, OrganizationId = inquiry.OrganizationId, FileName = file.FileName, ContentType = file.ContentType,
                Size = file.Content.LongLength, Sha256 = file.Sha256, CreatedAt = now,
            });
        }
        db.InquiryMessages.Add(message);
        inquiry.UpdatedAt = now;
        if (!post.FromStaff && inquiry.Status is InquiryStatus.WaitingForCustomer or InquiryStatus.Resolved)
        {
            inquiry.Status = InquiryStatus.InProgress;
        }
        await mail.QueueAsync(inquiry, message, ct);
        audit.Record(post.IsInternal ? "inquiry.note" : "inquiry.message", post.AuthorId, inquiry.Id.ToString(), inquiry.OrganizationId,
            detail: $"attachments={post.Files.Count}");
        var written = new List<Guid>();
        try
        {
            foreach (var (attachment, file) in message.Attachments.Zip(post.Files))
            {
                // Listed before writing: a write that fails half-way leaves a partial file to remove too.
                written.Add(attachment.Id);
                await store.WriteAsync(inquiry.OrganizationId, attachment.Id, file.Content, ct);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            RemoveFiles(inquiry.OrganizationId, written);
            db.ChangeTracker.Clear();
            return t["Helpdesk.Attach.NotStored"];
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            RemoveFiles(inquiry.OrganizationId, written);
            throw;
        }
        return null;
    }

    private void RemoveFiles(Guid organizationId, IEnumerable<Guid> attachmentIds)
    {
        foreach (var id in attachmentIds)
        {
            store.Delete(organizationId, id);
        }
    }
}
