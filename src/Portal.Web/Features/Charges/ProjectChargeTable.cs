using Microsoft.EntityFrameworkCore;
using Portal.Core.Billing;
using Portal.Core.Data;
using Portal.Web.Features.Invoices;

namespace Portal.Web.Features.Charges;

/// <summary>One row of a project's accounts × months table: an AWS account, or the project's own fees (empty number).</summary>
public sealed record ProjectChargeRow(string AccountNumber, string? AccountName, Guid? AccountId, IReadOnlyList<decimal> Amounts)
{
    public decimal Total => Amounts.Sum();
}

/// <summary>
/// A project's charges per AWS account and month with row and column totals (SPEC F5, F8). The accounts are the ones
/// charged to the project in each month, so an account transferred mid-year appears under each project for its months.
/// </summary>
public sealed record ProjectChargeTable(IReadOnlyList<DateOnly> Months, IReadOnlyList<ProjectChargeRow> Rows, IReadOnlySet<DateOnly> EstimatedMonths)
{
    public decimal MonthTotal(int index) => Rows.Sum(r => r.Amounts[index]);

    public decimal Total => Rows.Sum(r => r.Total);

    /// <summary>The <paramref name="count"/> months up to <paramref name="lastMonth"/>, oldest first.</summary>
    public static async Task<ProjectChargeTable> LoadAsync(
        PortalDbContext db, ChargeReadCache charges, Guid orgId, Guid projectId, DateOnly lastMonth, int count, CancellationToken ct)
    {
        var months = MonthsUpTo(lastMonth, count);
        var invoiced = await new InvoiceNumbers(db).InvoicedMonthsAsync(projectId, months, ct);
        return await LoadAsync(db, charges, orgId, projectId, months, invoiced, ct);
    }

    /// <summary>The table of <paramref name="months"/> (from <see cref="MonthsUpTo"/>), the invoiced ones already known.</summary>
    public static async Task<ProjectChargeTable> LoadAsync(
        PortalDbContext db, ChargeReadCache charges, Guid orgId, Guid projectId, IReadOnlyList<DateOnly> months, IReadOnlySet<DateOnly> invoiced,
        CancellationToken ct)
    {
        var (first, last) = (months[0], months[^1]);
        var cells = await charges.GetAsync(new CellsKey(orgId, projectId, first, last), async ct => (IReadOnlyList<Cell>)await db.ChargeMonthSums.AsNoTracking()
            .Where(c => c.OrganizationId == orgId && c.ProjectId == projectId && c.Month >= first && c.Month <= last)
            .GroupBy(c => new { c.AccountNumber, c.Month })
            .Select(g => new Cell(g.Key.AccountNumber, g.Key.Month, g.Sum(c => c.Amount)))
            .ToListAsync(ct), ct);
        var numbers = cells.Select(c => c.AccountNumber).Distinct().ToList();
        var accounts = await db.AwsAccounts.AsNoTracking().Where(a => a.OrganizationId == orgId && numbers.Contains(a.AccountNumber))
            .Select(a => new { a.AccountNumber, a.Name, a.Id }).ToDictionaryAsync(a => a.AccountNumber, ct);
        var rows = cells.GroupBy(c => c.AccountNumber)
            .Select(g => new ProjectChargeRow(g.Key, accounts.GetValueOrDefault(g.Key)?.Name, accounts.GetValueOrDefault(g.Key)?.Id,
                [.. months.Select(m => FixedPoint.ToDecimal(g.Where(c => c.Month == m).Sum(c => c.Amount)))]))
            // The project's own fees come last, after its accounts.
            .OrderBy(r => r.AccountNumber.Length == 0).ThenBy(r => r.AccountNumber, StringComparer.Ordinal)
            .ToList();
        var estimated = months.Where(m => !invoiced.Contains(m)).ToHashSet();
        return new ProjectChargeTable(months, rows, estimated);
    }

    /// <summary>The <paramref name="count"/> months up to <paramref name="lastMonth"/>, oldest first.</summary>
    public static List<DateOnly> MonthsUpTo(DateOnly lastMonth, int count) =>
        [.. Enumerable.Range(0, count).Select(i => lastMonth.AddMonths(i - count + 1))];

    private sealed record CellsKey(Guid OrgId, Guid ProjectId, DateOnly First, DateOnly Last);

    private sealed record Cell(string AccountNumber, DateOnly Month, long Amount);
}

/// <summary>What <c>_ProjectChargeTable</c> renders: the table, how to write money, and whether account rows link to their charges.</summary>
public sealed record ProjectChargeTableView(Guid OrgId, ProjectChargeTable Table, Func<decimal, string> Money, bool LinkAccounts, string TestId);
