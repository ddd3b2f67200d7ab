using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Invoices;

namespace Portal.Web.Features.Invoices;

/// <summary>
/// The number of a project's issued invoice for a month, for the usage CSV's <c>invoice_id</c> column (SPEC F11),
/// which shows "Estimated" while this returns null. A voided invoice no longer counts; its re-issue does.
/// </summary>
public sealed class InvoiceNumbers(PortalDbContext db)
{
    public Task<string?> NumberForAsync(Guid projectId, DateOnly month, CancellationToken ct)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        return db.Invoices.AsNoTracking()
            .Where(i => i.ProjectId == projectId && i.Month == month && i.Kind == InvoiceKind.Invoice && i.Status == InvoiceStatus.Issued)
            .Select(i => i.Number).SingleOrDefaultAsync(ct);
    }
}
