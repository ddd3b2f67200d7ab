using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Billing;
using Portal.Core.Data;
using Portal.Core.Projects;

namespace Portal.Billing.Rating;

/// <summary>
/// One line of an account's usage detail (SPEC F11): a daily fact rated on its own, or a custom fee of the account.
/// <see cref="Amount"/> is in the project's currency, unrounded, like the charge lines it adds up to.
/// </summary>
public sealed record UsageDetailLine(
    DateOnly Day, string ProductCode, string ProductName, string UsageType, string Operation, string AvailabilityZone, string LineItemType,
    string TagValue, double UsageQuantity, decimal Amount, string? NameJa = null, string? NameEn = null);

/// <summary>
/// Streams an AWS account's month as rated lines, one per stored daily fact (usage type × operation × zone × day), for
/// the usage-detail CSV and the API. Each fact is rated with <see cref="ChargeRating.RateUsd"/>, the same code that
/// builds the charge lines, so the lines add up to the account's charges on screen. Facts are read with
/// <c>AsAsyncEnumerable</c>: a busy account's month never sits in memory.
/// </summary>
public sealed class UsageDetailLines(PortalDbContext db)
{
    /// <summary>
    /// The lines of <paramref name="accountNumber"/> in <paramref name="month"/>; none when the account has no project
    /// that month or its JPY month has no exchange rate yet (the charges are not computed either).
    /// </summary>
    public async IAsyncEnumerable<UsageDetailLine> ReadAsync(string accountNumber, DateOnly month, [EnumeratorCancellation] CancellationToken ct)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        var assignment = await (
                from m in db.ForMonth(month)
                where m.AccountNumber == accountNumber
                join p in db.Projects on m.ProjectId equals p.Id
                join a in db.AwsAccounts on m.AwsAccountId equals a.Id
                select new AccountAssignment(m.AccountNumber, m.OrganizationId, m.ProjectId, p.Currency, a.JoinedOn))
            .FirstOrDefaultAsync(ct);
        if (assignment is null)
        {
            yield break;
        }
        var rate = await db.ExchangeRates.AsNoTracking().Where(r => r.Month == month)
            .Select(r => new ExchangeRate(r.Month, r.UsdToJpy, r.Source, r.RateDate)).SingleOrDefaultAsync(ct);
        if (assignment.Currency == Currency.Jpy && rate is null)
        {
            yield break;
        }
        var entries = await db.RatingRules.AsNoTracking().ToListAsync(ct);
        var rules = ChargeRating.EffectiveRules(entries.Select(RecomputeCharges.ToRule), month);

        var facts =
            from f in db.DailyFacts
            join p in db.BillingPeriods on f.PeriodId equals p.Id
            join d in db.BillingDimensions on f.DimensionId equals d.Id
            from t in db.BillingTags.Where(t => t.Id == f.TagId).DefaultIfEmpty()
            where p.Month == month && f.UsageAccountId == accountNumber
            orderby f.UsageDate, d.ProductCode, d.UsageType, d.Operation, d.AvailabilityZone, d.LineItemType, t.Value
            select new
            {
                f.UsageDate, d.ProductCode, d.ProductName, d.UsageType, d.Operation, d.AvailabilityZone, d.LineItemType,
                Tag = t == null ? "" : t.Value, f.UnblendedCost, f.PublicOnDemandCost, f.UsageAmount,
            };
        await foreach (var f in facts.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            var fact = new FactLine(accountNumber, f.UsageDate, f.ProductCode, f.UsageType, f.LineItemType, f.Tag,
                FixedPoint.ToDecimal(f.UnblendedCost), FixedPoint.ToDecimal(f.PublicOnDemandCost) ?? 0m);
            if (ChargeRating.RateUsd(fact, assignment, rules) is { } usd)
            {
                yield return new UsageDetailLine(f.UsageDate, f.ProductCode, f.ProductName, f.UsageType, f.Operation, f.AvailabilityZone,
                    f.LineItemType, f.Tag, f.UsageAmount, ChargeRating.InProjectCurrency(usd, assignment.Currency, rate));
            }
        }

        // Custom fees of the account (a support plan, a flat fee) exist only as charge lines.
        var fees = db.ChargeLines.AsNoTracking()
            .Where(c => c.AccountNumber == accountNumber && c.Month == month && c.LineItemType == "")
            .OrderBy(c => c.Id);
        await foreach (var fee in fees.AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return new UsageDetailLine(fee.Day, fee.ProductCode, "", "", "", "", "", fee.TagValue, 0, FixedPoint.ToDecimal(fee.Amount),
                fee.NameJa, fee.NameEn);
        }
    }
}
