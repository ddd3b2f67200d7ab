using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Invoices;
using Portal.Core.Organizations;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Resources;

namespace Portal.Web.Features.Invoices;

/// <summary>
/// One issued (or voided) invoice of the organization with its PDF and CSV downloads (SPEC F10). Drafts and other
/// organizations' invoices answer 404.
/// </summary>
[OrgPermission(Permission.InvoiceViewer)]
public sealed class DetailsModel(PortalDbContext db) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [FromRoute]
    public Guid InvoiceId { get; set; }

    public Invoice Invoice { get; private set; } = null!;

    public string? CreditsNumber { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (Invoice.CreditsInvoiceId is { } credited)
        {
            CreditsNumber = await db.Invoices.AsNoTracking().Where(i => i.Id == credited).Select(i => i.Number).SingleOrDefaultAsync(ct);
        }
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var invoice = await CustomerInvoices.FindAsync(db, OrgId, InvoiceId, ct);
        Invoice = invoice!;
        return invoice is not null;
    }
}

/// <summary>The invoice PDF download.</summary>
[OrgPermission(Permission.InvoiceViewer)]
public sealed class PdfModel(PortalDbContext db, InvoicePdf pdf) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [FromRoute]
    public Guid InvoiceId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await CustomerInvoices.FindAsync(db, OrgId, InvoiceId, ct) is { } invoice
            ? File(pdf.Render(invoice), "application/pdf", $"{invoice.Number}.pdf")
            : NotFound();
}

/// <summary>The invoice CSV download; labels in the reader's language.</summary>
[OrgPermission(Permission.InvoiceViewer)]
public sealed class CsvModel(PortalDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [FromRoute]
    public Guid InvoiceId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await CustomerInvoices.FindAsync(db, OrgId, InvoiceId, ct) is { } invoice
            ? File(InvoiceCsv.Write(invoice, key => t[key].Value), "text/csv; charset=utf-8", $"{invoice.Number}.csv")
            : NotFound();
}

/// <summary>The invoices a customer sees, for the invoice pages and the REST API alike.</summary>
public static class CustomerInvoices
{
    /// <summary>
    /// The organization's issued and voided invoices and credit notes, newest month first, then newest number; the id
    /// breaks ties so that the order is total (the API pages through it with a cursor).
    /// </summary>
    public static IQueryable<Invoice> List(PortalDbContext db, Guid organizationId) =>
        db.Invoices.AsNoTracking()
            .Where(i => i.OrganizationId == organizationId && i.Status != InvoiceStatus.Draft)
            .OrderByDescending(i => i.Month).ThenByDescending(i => i.Sequence ?? 0).ThenByDescending(i => i.Id);

    /// <summary>An issued or voided invoice of the organization with its lines; drafts are not the customer's yet.</summary>
    public static Task<Invoice?> FindAsync(PortalDbContext db, Guid organizationId, Guid invoiceId, CancellationToken ct) =>
        db.Invoices.AsNoTracking().Include(i => i.Lines)
            .SingleOrDefaultAsync(i => i.Id == invoiceId && i.OrganizationId == organizationId && i.Status != InvoiceStatus.Draft, ct);
}
