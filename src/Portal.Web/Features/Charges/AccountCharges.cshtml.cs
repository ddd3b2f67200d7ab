using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Billing;
using Portal.Core.Charges;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Features.Invoices;

namespace Portal.Web.Features.Charges;

public sealed record ChargeShare(string Key, decimal Amount, decimal Percent)
{
    /// <summary>A share of <paramref name="total"/>, in percent with one decimal.</summary>
    public static ChargeShare Of(string key, decimal amount, decimal total) => new(key, amount, total == 0 ? 0 : Math.Round(amount / total * 100m, 1));
}

/// <summary>A table of shares: its rows, the resource key of its first column's heading, a test id, the money format and the label of an empty key.</summary>
public sealed record ShareTable(IReadOnlyList<ChargeShare> Rows, string KeyHeading, string TestId, Func<decimal, string> Money, string EmptyKey = "Charges.Untagged");

/// <summary>
/// An AWS account's charges for a month (SPEC F8): total, share per service, daily trend and the billing-group tag
/// breakdown with an untagged bucket, with the freshness of the data. Tax-exclusive; Estimated until the month is invoiced.
/// </summary>
[OrgPermission(Permission.AccountViewer)]
public sealed class AccountChargesModel(PortalDbContext db, ChargeReadCache charges, InvoiceNumbers invoices, TimeProvider clock) : PageModel
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

    /// <summary>The baseline configuration services' charges (SPEC F6), shown apart from the services the customer uses.</summary>
    public IReadOnlyList<ChargeShare> Baseline { get; private set; } = [];

    public decimal BaselineTotal => Baseline.Sum(b => b.Amount);

    /// <summary>Null until the month is invoiced; every amount on the page is Estimated until then.</summary>
    public string? InvoiceNumber { get; private set; }

    public bool IsEstimated => InvoiceNumber is null;

    public bool HasCharges => Services.Count + Baseline.Count > 0;

    public DateTimeOffset? LastUpdated { get; private set; }

    public DateTimeOffset? CompleteThrough { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // Three round trips after the membership: the account with the baseline services' names, the cached sums, then
        // the month's invoice number with its freshness. Each pair is one query because on PostgreSQL a round trip
        // costs more than the rows it brings (docs/performance.md), joined "on nothing" (one row per baseline service or
        // payer, or one row without) since a collection in the projection would need APPLY, which SQLite lacks.
        var accountRows = await (
            from a in db.AwsAccounts.AsNoTracking().Where(a => a.Id == AccountId && a.OrganizationId == OrgId)
            from baselineName in db.BaselineServices.Select(s => s.ServiceName).DefaultIfEmpty()
            select new { a.AccountNumber, a.Name, a.Project.Currency, a.ProjectId, BaselineName = baselineName }).ToListAsync(ct);
        if (accountRows.Count == 0)
        {
            return NotFound();
        }
        var account = accountRows[0];
        (AccountNumber, AccountName, Currency) = (account.AccountNumber, account.Name, account.Currency);
        Months = await charges.GetAsync(new MonthsKey(OrgId, AccountNumber), ct => MonthsAsync(AccountNumber, ct), ct);
        Month = ChargeFormat.ParseMonth(MonthText) ?? Months.FirstOrDefault(ChargeFormat.ThisMonth(clock.GetUtcNow()));
        if (!Months.Contains(Month))
        {
            Months = [.. Months.Append(Month).OrderDescending()];
        }

        var sums = await charges.GetAsync(new MonthSumsKey(OrgId, AccountNumber, Month), ct => MonthSumsAsync(AccountNumber, Month, ct), ct);
        Total = FixedPoint.ToDecimal(sums.Services.Sum(s => s.Amount));
        var baseline = BaselineCodes([.. accountRows.Select(r => r.BaselineName).OfType<string>()], sums);
        Services = Shares(sums.Services.Where(s => !baseline.Contains(s.Key))).OrderByDescending(s => s.Amount).ToList();
        Baseline = Shares(sums.Services.Where(s => baseline.Contains(s.Key))).OrderByDescending(s => s.Amount).ToList();
        Days = Shares(sums.Days).OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        Tags = Shares(sums.Tags).OrderByDescending(t => t.Amount).ToList();

        var invoice = invoices.NumberForAccount(AccountId, account.ProjectId, Month);
        var payers = sums.Payers;
        var periods = db.BillingPeriods.Where(p => payers.Contains(p.PayerAccountId) && p.Month == Month);
        var monthRows = await (
            from a in db.AwsAccounts.AsNoTracking().Where(a => a.Id == AccountId)
            from p in periods.DefaultIfEmpty()
            select new { Invoice = invoice.FirstOrDefault(), LastAggregatedAt = (DateTimeOffset?)p!.LastAggregatedAt, p.DataCompleteThrough }).ToListAsync(ct);
        InvoiceNumber = monthRows.Select(r => r.Invoice).FirstOrDefault();
        LastUpdated = monthRows.Min(r => r.LastAggregatedAt);
        CompleteThrough = monthRows.Min(r => r.DataCompleteThrough);
        return Page();
    }

    private sealed record MonthsKey(Guid OrgId, string AccountNumber);

    private sealed record MonthSumsKey(Guid OrgId, string AccountNumber, DateOnly Month);

    /// <summary>An account's month rolled up three ways (fixed-point amounts), and the payers whose data it holds.</summary>
    /// <remarks>
    /// <see cref="ProductNames"/> (code → product name, for matching baseline services named either way) comes from the
    /// billing dimensions, which only an ingestion writes — and an ingestion ends with the recompute that moves the stamp.
    /// </remarks>
    private sealed record MonthSums(
        IReadOnlyList<(string Key, long Amount)> Services, IReadOnlyList<(string Key, long Amount)> Days,
        IReadOnlyList<(string Key, long Amount)> Tags, IReadOnlyList<string> Payers, IReadOnlyList<(string Code, string Name)> ProductNames);

    private IQueryable<ChargeLine> Lines(string accountNumber) =>
        db.ChargeLines.AsNoTracking().Where(c => c.OrganizationId == OrgId && c.AccountNumber == accountNumber);

    private async Task<IReadOnlyList<DateOnly>> MonthsAsync(string accountNumber, CancellationToken ct) =>
        await Lines(accountNumber).Select(c => c.Month).Distinct().OrderByDescending(m => m).ToListAsync(ct);

    private async Task<MonthSums> MonthSumsAsync(string accountNumber, DateOnly month, CancellationToken ct)
    {
        // One query at the finest grain the page shows (at most days × services × tags rows), rolled up here.
        var cells = await Lines(accountNumber).Where(c => c.Month == month).GroupBy(c => new { c.ProductCode, c.Day, c.TagValue, c.PayerAccountId })
            .Select(g => new { g.Key.ProductCode, g.Key.Day, g.Key.TagValue, g.Key.PayerAccountId, Amount = g.Sum(c => c.Amount) }).ToListAsync(ct);
        var codes = cells.Select(c => c.ProductCode).Distinct().ToList();
        var productNames = codes.Count == 0 ? [] : await db.BillingDimensions.AsNoTracking().Where(d => codes.Contains(d.ProductCode))
            .Select(d => new { d.ProductCode, d.ProductName }).Distinct().ToListAsync(ct);
        return new MonthSums(
            [.. cells.GroupBy(c => c.ProductCode).Select(g => (g.Key, g.Sum(c => c.Amount)))],
            [.. cells.GroupBy(c => c.Day).Select(g => (g.Key.ToString("MM-dd", CultureInfo.InvariantCulture), g.Sum(c => c.Amount)))],
            [.. cells.GroupBy(c => c.TagValue).Select(g => (g.Key, g.Sum(c => c.Amount)))],
            [.. cells.Select(c => c.PayerAccountId).Distinct()],
            [.. productNames.Select(p => (p.ProductCode, p.ProductName))]);
    }

    public ShareTable ServicesTable => new(Services, "Charges.Service", "services-table", Money, "Charges.CustomFees");

    public ShareTable TagsTable => new(Tags, "Charges.Tag", "tags-table", Money);

    public ShareTable DaysTable => new(Days, "Charges.Day", "days-table", Money);

    public ShareTable BaselineTable => new(Baseline, "Charges.Service", "baseline-table", Money, "Charges.CustomFees");

    public string MonthKey(DateOnly month) => ChargeFormat.MonthKey(month);

    public string Money(decimal amount) => ChargeFormat.Money(amount, Currency);

    /// <summary>
    /// Which of the month's product codes are baseline services. Staff name a baseline service as billing data does,
    /// by product name (e.g. "AWS Config") or by code, so both are compared.
    /// </summary>
    private static HashSet<string> BaselineCodes(List<string> baselineNames, MonthSums sums)
    {
        var names = baselineNames.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return names.Count == 0 ? [] : sums.Services.Select(s => s.Key)
            .Where(c => names.Contains(c) || sums.ProductNames.Any(p => p.Code == c && names.Contains(p.Name)))
            .ToHashSet(StringComparer.Ordinal);
    }

    private IEnumerable<ChargeShare> Shares(IEnumerable<(string Key, long Amount)> rows)
    {
        var total = Total;
        return rows.Select(r => ChargeShare.Of(r.Key, FixedPoint.ToDecimal(r.Amount), total));
    }
}
