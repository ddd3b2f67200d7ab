using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Billing;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Auth.Tenancy;

namespace Portal.Web.Features.Charges;

public sealed record ChargeShare(string Key, decimal Amount, decimal Percent);

/// <summary>A table of shares: its rows, the resource key of its first column's heading, a test id and the money format.</summary>
public sealed record ShareTable(IReadOnlyList<ChargeShare> Rows, string KeyHeading, string TestId, Func<decimal, string> Money);

/// <summary>
/// An AWS account's charges for a month (SPEC F8): total, share per service, daily trend and the billing-group tag
/// breakdown with an untagged bucket, with the freshness of the data. Tax-exclusive; not yet invoiced, so Estimated.
/// </summary>
[OrgPermission(Permission.AccountViewer)]
public sealed class AccountChargesModel(PortalDbContext db) : PageModel
{
    [FromRoute]
    public Guid OrgId { get; set; }

    [FromRoute]
    public Guid AccountId { get; set; }

    [BindProperty(SupportsGet = true, Name = "month")]
    public string? MonthText { get; set; }

    public string AccountNumber { get; private set; } = "";

    public string AccountName { get; private set; } = "";

    public DateOnly Month { get; private set; }

    public IReadOnlyList<DateOnly> Months { get; private set; } = [];

    public Currency Currency { get; private set; }

    public decimal Total { get; private set; }

    public IReadOnlyList<ChargeShare> Services { get; private set; } = [];

    public IReadOnlyList<ChargeShare> Days { get; private set; } = [];

    public IReadOnlyList<ChargeShare> Tags { get; private set; } = [];

    public DateTimeOffset? LastUpdated { get; private set; }

    public DateTimeOffset? CompleteThrough { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var account = await db.AwsAccounts.AsNoTracking().Where(a => a.Id == AccountId && a.OrganizationId == OrgId)
            .Select(a => new { a.AccountNumber, a.Name, a.Project.Currency }).SingleOrDefaultAsync(ct);
        if (account is null)
        {
            return NotFound();
        }
        (AccountNumber, AccountName, Currency) = (account.AccountNumber, account.Name, account.Currency);
        var lines = db.ChargeLines.AsNoTracking().Where(c => c.OrganizationId == OrgId && c.AccountNumber == AccountNumber);
        Months = await lines.Select(c => c.Month).Distinct().OrderByDescending(m => m).ToListAsync(ct);
        Month = ParseMonth(MonthText) ?? Months.FirstOrDefault(DateOnly.FromDateTime(DateTime.UtcNow));
        var month = lines.Where(c => c.Month == Month);

        var byService = await month.GroupBy(c => c.ProductCode).Select(g => new { g.Key, Amount = g.Sum(c => c.Amount) }).ToListAsync(ct);
        var byDay = await month.GroupBy(c => c.Day).Select(g => new { g.Key, Amount = g.Sum(c => c.Amount) }).ToListAsync(ct);
        var byTag = await month.GroupBy(c => c.TagValue).Select(g => new { g.Key, Amount = g.Sum(c => c.Amount) }).ToListAsync(ct);
        Total = FixedPoint.ToDecimal(byService.Sum(s => s.Amount));
        Services = Shares(byService.Select(s => (s.Key, s.Amount))).OrderByDescending(s => s.Amount).ToList();
        Days = Shares(byDay.Select(d => (d.Key.ToString("MM-dd", CultureInfo.InvariantCulture), d.Amount))).OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        Tags = Shares(byTag.Select(t => (t.Key, t.Amount))).OrderByDescending(t => t.Amount).ToList();

        var payers = await month.Select(c => c.PayerAccountId).Distinct().ToListAsync(ct);
        var periods = await db.BillingPeriods.AsNoTracking().Where(p => payers.Contains(p.PayerAccountId) && p.Month == Month)
            .Select(p => new { p.LastAggregatedAt, p.DataCompleteThrough }).ToListAsync(ct);
        LastUpdated = periods.Count == 0 ? null : periods.Min(p => p.LastAggregatedAt);
        CompleteThrough = periods.Count == 0 ? null : periods.Min(p => p.DataCompleteThrough);
        return Page();
    }

    public ShareTable ServicesTable => new(Services, "Charges.Service", "services-table", Money);

    public ShareTable TagsTable => new(Tags, "Charges.Tag", "tags-table", Money);

    public ShareTable DaysTable => new(Days, "Charges.Day", "days-table", Money);

    public string MonthKey(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public string Money(decimal amount) => Currency == Currency.Jpy
        ? "¥" + amount.ToString("N0", CultureInfo.InvariantCulture)
        : "$" + amount.ToString("N2", CultureInfo.InvariantCulture);

    private IEnumerable<ChargeShare> Shares(IEnumerable<(string Key, long Amount)> rows)
    {
        var total = Total;
        return rows.Select(r =>
        {
            var amount = FixedPoint.ToDecimal(r.Amount);
            return new ChargeShare(r.Key, amount, total == 0 ? 0 : Math.Round(amount / total * 100m, 1));
        });
    }

    private static DateOnly? ParseMonth(string? text) =>
        DateOnly.TryParseExact((text ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) ? month : null;
}
