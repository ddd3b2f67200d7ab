using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Invoices;
using Portal.Core.Projects;
using Portal.Web.Infrastructure;

namespace Portal.Web.Features.Invoices;

public sealed record InvoiceTile(Guid Id, string Number, string ProjectName, decimal Total, Currency Currency, DateOnly? DueDate);

/// <summary>The home page's tile model: an organization's issued invoices of last month (JST).</summary>
public sealed record LastMonthInvoicesTile(Guid OrganizationId, DateOnly Month, IReadOnlyList<InvoiceTile> Invoices);

/// <summary>
/// The organization's issued invoices of the month before the current one, for <c>_LastMonthInvoices.cshtml</c>. The
/// caller shows the tile only to holders of Invoice viewer.
/// </summary>
public sealed class LastMonthInvoices(PortalDbContext db, TimeProvider clock)
{
    public async Task<LastMonthInvoicesTile> ForAsync(Guid organizationId, CancellationToken ct)
    {
        var today = Jst.Today(clock.GetUtcNow());
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.OrganizationId == organizationId && i.Month == month && i.Kind == InvoiceKind.Invoice && i.Status == InvoiceStatus.Issued)
            .OrderBy(i => i.Sequence)
            .Select(i => new InvoiceTile(i.Id, i.Number!, i.ProjectName, i.Total, i.Currency, i.DueDate))
            .ToListAsync(ct);
        return new LastMonthInvoicesTile(organizationId, month, invoices);
    }
}
