using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Helpdesk;
using Portal.Web.Infrastructure;

namespace Portal.Web.Features.Helpdesk;

/// <summary>What one post to a thread carries. <see cref="Id"/> comes from the form, so a second submit is recognised.</summary>
public sealed record NewInquiryMessage(Guid Id, Guid? AuthorId, string Body, IReadOnlyList<AttachmentUpload> Files, bool FromStaff, bool IsInternal);

/// <summary>
/// Adds a message (with its attachment files) to an inquiry, moves the status along and mails the participants, all
/// committed together. The files are written before the rows and removed again when the rows cannot be saved.
/// </summary>
public sealed class PostInquiryMessage(PortalDbContext db, AttachmentStore store, InquiryMail mail, AuditLog audit, TimeProvider clock)
{
    /// <summary>True when a message with this form id was already saved (a double submit): nothing is added.</summary>
    public Task<bool> AlreadyPostedAsync(Guid messageId, CancellationToken ct) =>
        db.InquiryMessages.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AnyAsync(m => m.Id == messageId, ct);

    /// <summary>Adds <paramref name="post"/> to <paramref name="inquiry"/> (tracked, or new and already added) and saves.</summary>
    public async Task AddAsync(Inquiry inquiry, NewInquiryMessage post, CancellationToken ct)
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
                await store.WriteAsync(inquiry.OrganizationId, attachment.Id, file.Content, ct);
                written.Add(attachment.Id);
            }
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            foreach (var id in written)
            {
                store.Delete(inquiry.OrganizationId, id);
            }
            throw;
        }
    }
}
