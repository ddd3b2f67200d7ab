using System.Globalization;
using DuckDB.NET.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Billing.Rating;
using Portal.Core.Billing;
using Portal.Core.Charges;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Core.Projects;

namespace Portal.Billing.Tests.Rating;

public sealed class RecomputeChargesTests
{
    private const string Payer = "555555555555";
    private const string SmallAccount = "011254002932";
    private const string LargeAccount = "836060457634";

    /// <summary>
    /// Both WorkshopCUR months (tag key cost_center), the two accounts in a JPY and a USD project, a 5% discount and
    /// 150.00 JPY/USD: each account's monthly charges equal a straight DuckDB computation over the raw files.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WorkshopCur_FivePercentDiscountAt150Yen_ChargesEqualTheRawFiles(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var folder = SharedData.PathOf("cur-legacy-parquet");
        var (jpyProject, usdProject) = await db.RunAsync(services => SeedCustomerAsync(services.GetRequiredService<PortalDbContext>()));
        var source = await Ingest.AddSourceAsync(db, folder, Payer, tagKey: "cost_center");
        await Ingest.SucceedAsync(db, source.Id);

        var recomputed = await db.RunAsync(services => services.GetRequiredService<RecomputeCharges>().RecomputeStaleAsync(CancellationToken.None));
        var again = await db.RunAsync(services => services.GetRequiredService<RecomputeCharges>().RecomputeStaleAsync(CancellationToken.None));
        var stored = await db.RunAsync(async services => await services.GetRequiredService<PortalDbContext>().ChargeLines.AsNoTracking()
            .GroupBy(c => new { c.AccountNumber, c.Month, c.Currency })
            .Select(g => new { g.Key.AccountNumber, g.Key.Month, g.Key.Currency, Amount = g.Sum(c => c.Amount), Usd = g.Sum(c => c.Usd), Lines = g.Count() })
            .ToListAsync());

        var sums = await db.RunAsync(async services => await services.GetRequiredService<PortalDbContext>().ChargeMonthSums.AsNoTracking()
            .GroupBy(c => new { c.AccountNumber, c.Month }).Select(g => new { g.Key.AccountNumber, g.Key.Month, Amount = g.Sum(c => c.Amount), Usd = g.Sum(c => c.Usd) })
            .ToListAsync());

        Assert.Equal(2, recomputed);
        // The monthly sums the summary screens read are exactly the sums of the stored lines.
        Assert.Equal(
            stored.Select(s => (s.AccountNumber, s.Month, s.Amount, s.Usd)).Order(),
            sums.Select(s => (s.AccountNumber, s.Month, s.Amount, s.Usd)).Order());
        Assert.Equal(0, again);
        var expected = ExpectedUsd(Path.Combine(folder, "*.parquet"));
        Assert.Equal(4, expected.Count);
        foreach (var ((account, month), usd) in expected)
        {
            var row = stored.Single(s => s.AccountNumber == account && s.Month == month);
            var yen = account == SmallAccount;
            Assert.Equal(yen ? Currency.Jpy : Currency.Usd, row.Currency);
            // Charges keep 10 decimals: the 5 % adjustment yields 12, rounded once per charge line (ADR 0005).
            var bound = row.Lines * 0.00000000005m;
            Assert.True(Math.Abs(FixedPoint.ToDecimal(row.Usd) - usd) <= bound, $"{account} {month}: stored {FixedPoint.ToDecimal(row.Usd)} expected {usd} lines {row.Lines}");
            var amount = yen ? usd * 150.00m : usd;
            Assert.InRange(FixedPoint.ToDecimal(row.Amount) - amount, -bound * (yen ? 150m : 1m), bound * (yen ? 150m : 1m));
            Assert.True(row.Lines > 100, "the month has many charge lines, so the comparison means something");
        }
        Assert.NotEqual(jpyProject, usdProject);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task JpyProjectWithoutRate_KeepsPreviousChargesAndRecordsTheProblem(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var folder = SharedData.PathOf("cur-legacy-parquet");
        await db.RunAsync(services => SeedCustomerAsync(services.GetRequiredService<PortalDbContext>(), withRates: false));
        var source = await Ingest.AddSourceAsync(db, folder, Payer, tagKey: "cost_center");
        await Ingest.SucceedAsync(db, source.Id);

        var computation = await db.RunAsync(services => services.GetRequiredService<RecomputeCharges>().HandleAsync(Payer, new DateOnly(2018, 10, 1), CancellationToken.None));
        var lines = await db.RunAsync(services => services.GetRequiredService<PortalDbContext>().ChargeLines.CountAsync());

        Assert.Contains("exchange rate", computation.Problem, StringComparison.Ordinal);
        Assert.Equal(0, lines);
    }

    /// <summary>
    /// A rule or rate change marks its months stale; the recompute clears a mark made before it started and keeps one
    /// made after (a change saved while it was rating), so that change is rated by the next run.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task StaleMark_ClearedWhenOlderThanTheRecompute_KeptWhenNewer(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var folder = SharedData.PathOf("cur-legacy-parquet");
        await db.RunAsync(services => SeedCustomerAsync(services.GetRequiredService<PortalDbContext>()));
        var source = await Ingest.AddSourceAsync(db, folder, Payer, tagKey: "cost_center");
        await Ingest.SucceedAsync(db, source.Id);
        await db.RunAsync(services => services.GetRequiredService<RecomputeCharges>().RecomputeStaleAsync(CancellationToken.None));
        var october = new DateOnly(2018, 10, 1);

        var marked = await db.RunAsync(services => ChargeStaleness.MarkMonthsAsync(services.GetRequiredService<PortalDbContext>(), october, october, DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None));
        var recomputed = await db.RunAsync(services => services.GetRequiredService<RecomputeCharges>().RecomputeStaleAsync(CancellationToken.None));
        var afterOlderMark = await StaleSinceAsync(db, october);
        await db.RunAsync(services => ChargeStaleness.MarkMonthsAsync(services.GetRequiredService<PortalDbContext>(), october, null, DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None));
        await db.RunAsync(services => services.GetRequiredService<RecomputeCharges>().HandleAsync(Payer, october, CancellationToken.None));
        var afterNewerMark = await StaleSinceAsync(db, october);

        Assert.Equal(1, marked);
        Assert.Equal(1, recomputed);
        Assert.Null(afterOlderMark);
        Assert.NotNull(afterNewerMark);
    }

    private static Task<DateTimeOffset?> StaleSinceAsync(TestDatabase db, DateOnly month) =>
        db.RunAsync(services => services.GetRequiredService<PortalDbContext>().ChargeComputations.AsNoTracking()
            .Where(c => c.PayerAccountId == Payer && c.Month == month).Select(c => c.StaleSince).SingleOrDefaultAsync());

    private static async Task<(Guid Jpy, Guid Usd)> SeedCustomerAsync(PortalDbContext db, bool withRates = true)
    {
        var now = DateTimeOffset.UtcNow;
        var organization = new Organization { Name = "Workshop K.K.", Code = "workshop", LegalName = "Workshop K.K.", CreatedAt = now, UpdatedAt = now };
        var jpy = new Project { Organization = organization, Name = "円プロジェクト", Currency = Currency.Jpy, CreatedAt = now };
        var usd = new Project { Organization = organization, Name = "Dollar project", Currency = Currency.Usd, CreatedAt = now };
        db.AddRange(organization, jpy, usd);
        db.AwsAccounts.AddRange(
            new AwsAccount { AccountNumber = SmallAccount, Organization = organization, Project = jpy, Name = "small", JoinedOn = new DateOnly(2018, 1, 1), CreatedAt = now },
            new AwsAccount { AccountNumber = LargeAccount, Organization = organization, Project = usd, Name = "large", JoinedOn = new DateOnly(2018, 1, 1), CreatedAt = now });
        db.RatingRules.Add(new RatingRuleEntry { Kind = (int)RuleKind.Adjustment, Scope = (int)RuleScopeKind.All, Percent = -5m, EffectiveFrom = new DateOnly(2018, 1, 1), UpdatedAt = now.AddDays(-1) });
        if (withRates)
        {
            foreach (var month in new[] { new DateOnly(2018, 10, 1), new DateOnly(2018, 11, 1) })
            {
                db.ExchangeRates.Add(new ExchangeRateEntry { Month = month, UsdToJpy = 150.00m, Source = "test", RateDate = month, UpdatedAt = now.AddDays(-1) });
            }
        }
        await db.SaveChangesAsync();
        return (jpy.Id, usd.Id);
    }

    /// <summary>
    /// The rating rules applied by hand: DuckDB sums each account's month per line item type straight from the raw
    /// files (exact DECIMAL sums), then usage and fees get −5 %, tax and SPP discount are retained, the rest is as billed.
    /// </summary>
    private static Dictionary<(string Account, DateOnly Month), decimal> ExpectedUsd(string glob)
    {
        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = $"""
            SELECT line_item_usage_account_id, strftime(bill_billing_period_start_date, '%Y-%m-01'), line_item_line_item_type,
                   CAST(SUM(CAST(line_item_unblended_cost AS DECIMAL(38, 10))) AS VARCHAR)
            FROM read_parquet({Ingest.Sql(glob)}, union_by_name = true)
            GROUP BY ALL
            """;
        using var reader = command.ExecuteReader();
        var result = new Dictionary<(string, DateOnly), decimal>();
        while (reader.Read())
        {
            var key = (reader.GetString(0), DateOnly.Parse(reader.GetString(1), CultureInfo.InvariantCulture));
            var sum = decimal.Parse(reader.GetString(3), CultureInfo.InvariantCulture);
            var charged = reader.GetString(2) switch
            {
                "Tax" or "SppDiscount" => 0m,
                "Usage" or "DiscountedUsage" or "SavingsPlanCoveredUsage" or "Fee" or "RIFee" or "SavingsPlanRecurringFee" or "SavingsPlanUpfrontFee" => sum * 0.95m,
                _ => sum,
            };
            result[key] = result.GetValueOrDefault(key) + charged;
        }
        return result;
    }
}
