using Microsoft.EntityFrameworkCore;
using Portal.Billing.Facts;
using Portal.Core.Billing;
using Portal.Core.Charges;
using Portal.Core.Data;
using Portal.Core.Projects;

namespace Portal.Billing.Rating;

/// <summary>
/// Rates one payer's month from its stored facts and replaces that month's charges as one unit, so re-running never
/// double counts and readers see the old charges or the new ones. A month that cannot be rated (a JPY project without
/// the month's rate) keeps its previous charges and records the problem for the staff console. A month frozen by an
/// issued invoice is skipped.
/// </summary>
public sealed class RecomputeCharges(PortalDbContext db, BillingFactQueries facts, TimeProvider clock, CrashTestPause pause)
{
    private const FactGrouping EveryDimension =
        FactGrouping.Account | FactGrouping.Service | FactGrouping.UsageType | FactGrouping.Type | FactGrouping.Tag | FactGrouping.Day;

    public async Task<ChargeComputation> HandleAsync(string payerAccountId, DateOnly month, CancellationToken ct)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        // An issued invoice froze this month's charges (issue: invoices): they stay exactly as invoiced.
        if (await db.FrozenChargeMonths.AnyAsync(f => f.PayerAccountId == payerAccountId && f.Month == month, ct))
        {
            return await db.ChargeComputations.AsNoTracking().SingleOrDefaultAsync(c => c.PayerAccountId == payerAccountId && c.Month == month, ct)
                ?? new ChargeComputation { PayerAccountId = payerAccountId, Month = month };
        }
        var startedAt = clock.GetUtcNow();
        var sums = await facts.SumAsync(payerAccountId, month, EveryDimension, ct);
        var lines = sums.Select(s => new FactLine(s.UsageAccountId ?? "", s.Day ?? month, s.ProductCode ?? "", s.UsageType ?? "", s.LineItemType ?? "", s.Tag ?? "",
            s.Unblended, s.PublicOnDemand ?? 0m)).ToList();
        var numbers = lines.Select(l => l.AccountId).Distinct().ToList();
        var assignments = await (
                from m in db.ForMonth(month)
                where numbers.Contains(m.AccountNumber)
                join p in db.Projects on m.ProjectId equals p.Id
                join a in db.AwsAccounts on m.AwsAccountId equals a.Id
                select new AccountAssignment(m.AccountNumber, m.OrganizationId, m.ProjectId, p.Currency, a.JoinedOn))
            .ToListAsync(ct);
        var rules = (await db.RatingRules.AsNoTracking().ToListAsync(ct)).Select(ToRule).ToList();
        var rate = await db.ExchangeRates.AsNoTracking().Where(r => r.Month == month)
            .Select(r => new ExchangeRate(r.Month, r.UsdToJpy, r.Source, r.RateDate)).SingleOrDefaultAsync(ct);

        IReadOnlyList<Charge> charges;
        string? problem = null;
        try
        {
            charges = ChargeRating.Rate(new RatingInput(month, lines, assignments, rules, rate));
        }
        catch (RatingException e)
        {
            charges = [];
            problem = e.Message;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var computation = await db.ChargeComputations.SingleOrDefaultAsync(c => c.PayerAccountId == payerAccountId && c.Month == month, ct);
        if (computation is null)
        {
            computation = new ChargeComputation { PayerAccountId = payerAccountId, Month = month };
            db.ChargeComputations.Add(computation);
        }
        computation.ComputedAt = clock.GetUtcNow();
        computation.Problem = problem;
        // Committed with the lines, so a reader's cached sums (ChargeReadCache) never outlive the lines they came from.
        computation.Revision++;
        if (problem is null)
        {
            await db.ChargeLines.IgnoreQueryFilters([PortalDbContext.TenantFilter])
                .Where(c => c.PayerAccountId == payerAccountId && c.Month == month).ExecuteDeleteAsync(ct);
            await db.ChargeMonthSums.IgnoreQueryFilters([PortalDbContext.TenantFilter])
                .Where(c => c.PayerAccountId == payerAccountId && c.Month == month).ExecuteDeleteAsync(ct);
            var organizations = assignments.GroupBy(a => a.ProjectId).ToDictionary(g => g.Key, g => g.First().OrganizationId);
            var stored = charges.Select(c => new ChargeLine
            {
                PayerAccountId = payerAccountId, Month = month, OrganizationId = organizations[c.ProjectId], ProjectId = c.ProjectId,
                AccountNumber = c.AccountId, Day = c.Day, ProductCode = c.ProductCode, Category = (int)c.Category, LineItemType = c.LineItemType,
                TagValue = c.TagValue, Usd = ToFixed(c.Usd), Amount = ToFixed(c.Amount), Currency = c.Currency, NameJa = c.NameJa, NameEn = c.NameEn,
            }).ToList();
            db.ChargeLines.AddRange(stored);
            db.ChargeMonthSums.AddRange(ChargeMonthSum.Of(stored));
            computation.UsdToJpy = rate?.UsdToJpy;
            computation.LineCount = charges.Count;
        }
        await db.SaveChangesAsync(ct);
        // Clears the stale mark only when no rule or rate change was saved after this run read its inputs. The
        // condition runs in SQL, so a mark committed meanwhile (it waits for this row's lock) keeps the month stale.
        await db.ChargeComputations.Where(c => c.Id == computation.Id && c.StaleSince <= startedAt)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.StaleSince, (DateTimeOffset?)null), ct);
        await pause.AtAsync(CrashTestPause.ChargesCommitting, ct);
        await transaction.CommitAsync(ct);
        return computation;
    }

    /// <summary>
    /// Every (payer, month) never computed, whose facts changed since, or that a rule or rate change marked stale
    /// (<see cref="ChargeStaleness"/>), unless an issued invoice froze it. Run after each ingestion and each rule or rate change; running it twice in a
    /// row does nothing the second time.
    /// </summary>
    public async Task<int> RecomputeStaleAsync(CancellationToken ct)
    {
        var periods = await db.BillingPeriods.AsNoTracking().Select(p => new { p.PayerAccountId, p.Month, p.LastAggregatedAt }).ToListAsync(ct);
        var computed = await db.ChargeComputations.AsNoTracking()
            .ToDictionaryAsync(c => (c.PayerAccountId, c.Month), c => new { c.ComputedAt, c.StaleSince }, ct);
        // Frozen months never change again, so a late fact or a rule change must not keep them in the queue.
        var frozen = (await db.FrozenChargeMonths.AsNoTracking().Select(f => new { f.PayerAccountId, f.Month }).ToListAsync(ct))
            .Select(f => (f.PayerAccountId, f.Month)).ToHashSet();
        var count = 0;
        foreach (var period in periods.Where(p => !frozen.Contains((p.PayerAccountId, p.Month))).OrderBy(p => p.Month))
        {
            var last = computed.GetValueOrDefault((period.PayerAccountId, period.Month));
            if (last is null || period.LastAggregatedAt > last.ComputedAt || last.StaleSince is not null)
            {
                await HandleAsync(period.PayerAccountId, period.Month, ct);
                count++;
            }
        }
        return count;
    }

    private static long ToFixed(decimal value) => FixedPoint.FromDecimal(Math.Round(value, FixedPoint.Scale, MidpointRounding.ToEven));

    internal static RatingRule ToRule(RatingRuleEntry e) => new(
        e.Id, (RuleKind)e.Kind, (RuleScopeKind)e.Scope, e.ScopeValue, e.EffectiveFrom, e.EffectiveUntil, e.Order, e.Percent, e.Amount,
        e.AmountCurrency, e.LineItemType, (LineTreatment)e.Treatment, e.NameJa, e.NameEn);
}
