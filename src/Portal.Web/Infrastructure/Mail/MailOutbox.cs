using Portal.Core.Data;
using Portal.Core.Mail;

namespace Portal.Web.Infrastructure.Mail;

/// <summary>A message to send: recipients, subject and bodies already rendered in the recipient's language.</summary>
public sealed record MailMessageDraft(
    IReadOnlyList<string> To, IReadOnlyList<string> Cc, string Subject, string TextBody, string? HtmlBody = null, MailAttachment? Attachment = null);

public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Queues mail in the outbox table. The caller's <c>SaveChangesAsync</c> commits the mail together with the change that
/// caused it, so a mail is never sent for a change that was rolled back, nor lost when SMTP is down.
/// </summary>
public sealed class MailOutbox(PortalDbContext db, TimeProvider clock)
{
    public OutboxMail Enqueue(MailMessageDraft draft)
    {
        if (draft.To.Count == 0)
        {
            throw new ArgumentException("A mail needs at least one recipient.", nameof(draft));
        }
        var now = clock.GetUtcNow();
        var mail = new OutboxMail
        {
            To = string.Join(",", draft.To),
            Cc = draft.Cc.Count == 0 ? null : string.Join(",", draft.Cc),
            Subject = draft.Subject,
            TextBody = draft.TextBody,
            HtmlBody = draft.HtmlBody,
            AttachmentName = draft.Attachment?.FileName,
            AttachmentContentType = draft.Attachment?.ContentType,
            AttachmentContent = draft.Attachment?.Content,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxMails.Add(mail);
        return mail;
    }
}
