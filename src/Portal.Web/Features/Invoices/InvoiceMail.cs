using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Invoices;
using Portal.Web.Infrastructure;
using Portal.Web.Infrastructure.Mail;

namespace Portal.Web.Features.Invoices;

/// <summary>
/// Tells the project's invoice recipients (TO and CC) that an invoice was issued, in the project's invoice language,
/// with a link to it in the portal. The PDF is attached only when the issuer's settings say so: a link keeps the
/// invoice behind the portal's sign-in and permissions.
/// </summary>
public sealed class InvoiceMail(PortalDbContext db, MailOutbox outbox, MailTemplates templates, InvoicePdf pdf, IOptions<PublicUrls> urls)
{
    /// <summary>Queues the mail in the caller's unit of work; does nothing when the project has no recipients.</summary>
    public async Task QueueAsync(Invoice invoice, bool attachPdf, CancellationToken ct)
    {
        var recipients = await db.Projects.AsNoTracking().Where(p => p.Id == invoice.ProjectId)
            .Select(p => new { p.InvoiceTo, p.InvoiceCc }).SingleAsync(ct);
        if (recipients.InvoiceTo.Count == 0)
        {
            return;
        }
        var key = invoice.Kind == InvoiceKind.CreditNote ? "CreditNoteIssued" : "InvoiceIssued";
        var link = urls.Value.PortalLink($"/orgs/{invoice.OrganizationId}/invoices/{invoice.Id}");
        var (subject, body) = templates.Render(invoice.Language, key, [invoice.Number!, InvoiceText.MonthKey(invoice.Month)],
            [invoice.CustomerName, invoice.ProjectName, invoice.Number!, InvoiceText.MonthKey(invoice.Month), InvoiceText.Money(invoice.Total, invoice.Currency),
             InvoiceText.Date(invoice.DueDate), link, invoice.IssuerName]);
        var attachment = attachPdf ? new MailAttachment($"{invoice.Number}.pdf", "application/pdf", pdf.Render(invoice)) : null;
        outbox.Enqueue(new MailMessageDraft(recipients.InvoiceTo, recipients.InvoiceCc, subject, body, Attachment: attachment));
    }
}
