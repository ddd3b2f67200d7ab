using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Invoices;
using Portal.Core.Projects;

namespace Portal.Web.Features.Invoices;

/// <summary>
/// Which invoice a project's month was billed on: the one place that decides whether an amount is *Estimated*
/// (SPEC F8) and what the usage CSV writes as <c>invoice_id</c> (SPEC F11). A voided invoice no longer counts; its
/// re-issue does.
/// </summary>
public sealed class InvoiceNumbers(PortalDbContext db)
{
    /// <summary>What the usage CSV and the charge screens show while a month has no issued invoice.</summary>
    public const string Estimated = "Estimated";

    /// <summary>The issued invoice's number, or null while the month is not invoiced.</summary>
    public Task<string?> NumberForAsync(Guid projectId, DateOnly month, CancellationToken ct)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        return Issued(projectId).Where(i => i.Month == month).Select(i => i.Number).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// The issued invoice's number for an AWS account's month (no row while it is not invoiced): the invoice of the
    /// project the account belonged to in that month, or of <paramref name="currentProjectId"/> for a month without an
    /// assignment. A query, for a page that reads it with other things in one round trip (<c>.FirstOrDefault()</c>
    /// inside its projection).
    /// </summary>
    public IQueryable<string?> NumberForAccount(Guid awsAccountId, Guid currentProjectId, DateOnly month)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        var monthProject = db.ForMonth(month).Where(m => m.AwsAccountId == awsAccountId).Select(m => (Guid?)m.ProjectId);
        return IssuedInvoices().Where(i => i.ProjectId == (monthProject.FirstOrDefault() ?? currentProjectId) && i.Month == month)
            .Select(i => i.Number);
    }

    /// <summary>The months among <paramref name="months"/> that have an issued invoice, in one query.</summary>
    public async Task<HashSet<DateOnly>> InvoicedMonthsAsync(Guid projectId, IReadOnlyCollection<DateOnly> months, CancellationToken ct) =>
        [.. await InvoicedMonths(projectId, months).ToListAsync(ct)];

    /// <summary><see cref="InvoicedMonthsAsync"/> as a query, to be read with other things in one round trip.</summary>
    public IQueryable<DateOnly> InvoicedMonths(Guid projectId, IReadOnlyCollection<DateOnly> months) =>
        Issued(projectId).Where(i => months.Contains(i.Month)).Select(i => i.Month);

    private IQueryable<Invoice> Issued(Guid projectId) => IssuedInvoices().Where(i => i.ProjectId == projectId);

    private IQueryable<Invoice> IssuedInvoices() =>
        db.Invoices.AsNoTracking().Where(i => i.Kind == InvoiceKind.Invoice && i.Status == InvoiceStatus.Issued);
}
