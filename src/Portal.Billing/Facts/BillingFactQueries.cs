using Microsoft.EntityFrameworkCore;
using Portal.Core.Billing;
using Portal.Core.Data;

namespace Portal.Billing.Facts;

/// <summary>The dimensions a fact sum is broken down by; none gives the month's total.</summary>
[Flags]
public enum FactGrouping
{
    None = 0,
    Account = 1,
    Service = 2,
    UsageType = 4,
    Type = 8,
    Tag = 16,
    Day = 32,
}

/// <summary>
/// One row of fact sums. Keys not grouped by are null; an untagged row has an empty <see cref="Tag"/>. Money is
/// exact (10 decimals); <see cref="NetUnblended"/> is null when the reports carry no net unblended cost.
/// </summary>
public sealed record FactSum(
    string? UsageAccountId, string? ProductCode, string? ProductName, string? UsageType, string? LineItemType, string? Tag,
    DateOnly? Day, decimal Unblended, decimal? NetUnblended, decimal Amortized, decimal? PublicOnDemand, double UsageAmount,
    long LineCount);

/// <summary>The freshness of one payer's month (SPEC F7): shown by the charge screens and the staff console.</summary>
public sealed record PeriodFreshness(
    string PayerAccountId, DateOnly Month, DateTimeOffset LastAggregatedAt, DateTimeOffset? DataCompleteThrough, bool IsFinal,
    long LineCount, long FactCount, Guid DeliveryId);

/// <summary>
/// Reads stored facts for a payer and month. Sums run in SQL over fixed-point integers, which both SQLite and
/// PostgreSQL add exactly, and become decimals here.
/// </summary>
public sealed class BillingFactQueries(PortalDbContext db)
{
    public Task<IReadOnlyList<FactSum>> SumAsync(string payerAccountId, DateOnly month, FactGrouping by, CancellationToken ct) =>
        SumAsync(payerAccountId, month, by, null, ct);

    /// <summary>Sums of one payer's month, optionally of one usage account only, grouped by <paramref name="by"/>.</summary>
    public async Task<IReadOnlyList<FactSum>> SumAsync(
        string payerAccountId, DateOnly month, FactGrouping by, string? usageAccountId, CancellationToken ct)
    {
        var byAccount = by.HasFlag(FactGrouping.Account);
        var byService = by.HasFlag(FactGrouping.Service);
        var byUsageType = by.HasFlag(FactGrouping.UsageType);
        var byType = by.HasFlag(FactGrouping.Type);
        var byTag = by.HasFlag(FactGrouping.Tag);
        var byDay = by.HasFlag(FactGrouping.Day);
        var firstDay = new DateOnly(month.Year, month.Month, 1);

        var lines =
            from f in db.DailyFacts
            join p in db.BillingPeriods on f.PeriodId equals p.Id
            join d in db.BillingDimensions on f.DimensionId equals d.Id
            from t in db.BillingTags.Where(t => t.Id == f.TagId).DefaultIfEmpty()
            where p.PayerAccountId == payerAccountId && p.Month == firstDay
                && (usageAccountId == null || f.UsageAccountId == usageAccountId)
            select new { Fact = f, Dimension = d, Tag = t == null ? "" : t.Value };

        var rows = await lines
            .GroupBy(x => new
            {
                Account = byAccount ? x.Fact.UsageAccountId : "",
                Service = byService ? x.Dimension.ProductCode : "",
                ServiceName = byService ? x.Dimension.ProductName : "",
                UsageType = byUsageType ? x.Dimension.UsageType : "",
                Type = byType ? x.Dimension.LineItemType : "",
                Tag = byTag ? x.Tag : "",
                Day = byDay ? x.Fact.UsageDate : firstDay,
            })
            .Select(g => new
            {
                g.Key,
                Unblended = g.Sum(x => x.Fact.UnblendedCost),
                Net = g.Sum(x => x.Fact.NetUnblendedCost),
                NetRows = g.Count(x => x.Fact.NetUnblendedCost != null),
                Amortized = g.Sum(x => x.Fact.AmortizedCost),
                PublicOnDemand = g.Sum(x => x.Fact.PublicOnDemandCost),
                PublicRows = g.Count(x => x.Fact.PublicOnDemandCost != null),
                Usage = g.Sum(x => x.Fact.UsageAmount),
                Lines = g.Sum(x => x.Fact.LineCount),
            })
            .AsNoTracking()
            .ToListAsync(ct);

        return [.. rows
            .Select(r => new FactSum(
                byAccount ? r.Key.Account : null, byService ? r.Key.Service : null, byService ? r.Key.ServiceName : null,
                byUsageType ? r.Key.UsageType : null, byType ? r.Key.Type : null, byTag ? r.Key.Tag : null,
                byDay ? r.Key.Day : null, FixedPoint.ToDecimal(r.Unblended),
                r.NetRows > 0 ? FixedPoint.ToDecimal(r.Net ?? 0) : null, FixedPoint.ToDecimal(r.Amortized),
                r.PublicRows > 0 ? FixedPoint.ToDecimal(r.PublicOnDemand ?? 0) : null, r.Usage, r.Lines))
            .OrderBy(r => r.UsageAccountId, StringComparer.Ordinal).ThenBy(r => r.Day).ThenBy(r => r.ProductCode, StringComparer.Ordinal)
            .ThenBy(r => r.UsageType, StringComparer.Ordinal).ThenBy(r => r.LineItemType, StringComparer.Ordinal)
            .ThenBy(r => r.Tag, StringComparer.Ordinal)];
    }

    public async Task<PeriodFreshness?> FreshnessAsync(string payerAccountId, DateOnly month, CancellationToken ct)
    {
        var firstDay = new DateOnly(month.Year, month.Month, 1);
        return await db.BillingPeriods.AsNoTracking()
            .Where(p => p.PayerAccountId == payerAccountId && p.Month == firstDay)
            .Select(p => new PeriodFreshness(p.PayerAccountId, p.Month, p.LastAggregatedAt, p.DataCompleteThrough, p.IsFinal,
                p.LineCount, p.FactCount, p.DeliveryId))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>Every stored month of every payer, newest first (staff console).</summary>
    public async Task<IReadOnlyList<PeriodFreshness>> PeriodsAsync(CancellationToken ct) =>
        await db.BillingPeriods.AsNoTracking()
            .OrderByDescending(p => p.Month).ThenBy(p => p.PayerAccountId)
            .Select(p => new PeriodFreshness(p.PayerAccountId, p.Month, p.LastAggregatedAt, p.DataCompleteThrough, p.IsFinal,
                p.LineCount, p.FactCount, p.DeliveryId))
            .ToListAsync(ct);
}
