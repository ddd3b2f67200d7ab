using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Projects;
using Portal.Web.Features.Invoices;

namespace Portal.Web.Features.Charges;

/// <summary>What the usage CSV of one account's month is about, found before anything is written.</summary>
public sealed record UsageCsvFile(string AccountNumber, DateOnly Month, string InvoiceId)
{
    public string FileName => $"usage-{AccountNumber}-{ChargeFormat.MonthKey(Month)}.csv";
}

/// <summary>
/// The usage CSV of an organization's AWS account for a month (SPEC F11), for the account page's download and the REST
/// API alike, so both answer the same bytes: the account is looked up inside the organization (another organization's
/// account is not found) and <c>invoice_id</c> is the issued invoice of the project the account belonged to that month.
/// </summary>
public sealed class AccountUsageCsv(PortalDbContext db, UsageCsvWriter csv, InvoiceNumbers invoices)
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>The CSV of <paramref name="accountId"/>'s <paramref name="month"/>, or null when the organization has no such account.</summary>
    public async Task<UsageCsvFile?> FindAsync(Guid organizationId, Guid accountId, DateOnly month, CancellationToken ct)
    {
        var number = await db.AwsAccounts.AsNoTracking().Where(a => a.Id == accountId && a.OrganizationId == organizationId)
            .Select(a => a.AccountNumber).SingleOrDefaultAsync(ct);
        if (number is null)
        {
            return null;
        }
        var project = await db.ForMonth(month).Where(m => m.AwsAccountId == accountId).Select(m => (Guid?)m.ProjectId).SingleOrDefaultAsync(ct);
        var invoice = project is { } projectId ? await invoices.NumberForAsync(projectId, month, ct) : null;
        return new UsageCsvFile(number, month, invoice ?? InvoiceNumbers.Estimated);
    }

    /// <summary>Streams <paramref name="file"/> to <paramref name="output"/>; custom fees are named in <paramref name="language"/>.</summary>
    public Task WriteAsync(UsageCsvFile file, Stream output, string language, CancellationToken ct) =>
        csv.WriteAsync(output, file.AccountNumber, file.Month, file.InvoiceId, language, ct);
}
