using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Billing.Facts;
using Portal.Billing.Synthetic;
using Portal.Core.Billing;

namespace Portal.Billing.Tests;

public sealed class DemoDataTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task GenerateAndIngest_DemoAccounts_EveryFormatLandsAndTheRestatedMonthHasTheSecondDelivery(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero));
        await using var db = await TestDatabase.CreateAsync(provider, replace: s => s.AddSingleton<TimeProvider>(clock));
        var folder = TempFolder.Create("demo");

        var outcomes = await db.RunAsync(sp => sp.GetRequiredService<BillingDemoData>().GenerateAndIngestAsync(folder, 15_000, CancellationToken.None));

        var ran = outcomes.Where(o => !o.Skipped).ToList();
        Assert.Equal(5, ran.Count);
        Assert.All(ran, o => Assert.Equal(RunState.Succeeded, o.State));
        Assert.All(Directory.GetFiles(folder, "*.*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".json", StringComparison.Ordinal)),
            f => Assert.Contains("synthetic", Path.GetFileName(f), StringComparison.Ordinal));
        foreach (var month in new[] { new DateOnly(2026, 8, 1), new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1) })
        {
            var byAccount = await Ingest.SumsAsync(db, BillingDemoData.DemoPayer, month, FactGrouping.Account | FactGrouping.Tag);
            Assert.Equal(BillingDemoData.DemoAccounts.Order(StringComparer.Ordinal), byAccount.Select(s => s.UsageAccountId!).Distinct().Order(StringComparer.Ordinal));
            Assert.Contains(byAccount, s => s.Tag!.Length > 0);
            Assert.Contains(byAccount, s => s.Tag!.Length == 0);
        }
        var restated = Synthetic.ExpectedLegacyCsv(new SyntheticDelivery(folder,
            [.. Directory.GetFiles(Path.Combine(folder, "synthetic-cur"), "*.csv.gz", SearchOption.AllDirectories)
                .Where(f => f.Contains("synthetic-demo-restated", StringComparison.Ordinal)).Select(f => Path.GetRelativePath(folder, f))], null, 0));
        Expected.Equal(restated, Expected.Stored(await Ingest.SumsAsync(db, BillingDemoData.DemoPayer, new DateOnly(2026, 8, 1))));
        var now = await Ingest.FreshnessAsync(db, BillingDemoData.DemoPayer, new DateOnly(2026, 11, 1));
        Assert.False(now!.IsFinal);
        var focusEnd = Expected.Scalar($"SELECT max(ChargePeriodEnd) FROM read_parquet({Ingest.Sql(Path.Combine(folder, "synthetic-focus", "**", "*.parquet"))})");
        Assert.Equal(DateTime.Parse(focusEnd, System.Globalization.CultureInfo.InvariantCulture), now.DataCompleteThrough!.Value.UtcDateTime);
        Assert.True(now.DataCompleteThrough < clock.GetUtcNow());
    }
}

public sealed class SyntheticCurGeneratorTests
{
    [Fact]
    public void Generate_LegacyParquet_AboutFortyPercentOfUsageCostTaggedAcrossServicesAndRegions()
    {
        var folder = TempFolder.Create("generator");

        var delivery = SyntheticCurGenerator.Generate(new SyntheticCurRequest(ReportFormat.CurParquet, 20, 200_000, folder, new DateOnly(2026, 9, 1)));

        var file = Ingest.Sql(Path.Combine(folder, delivery.DataFiles.Single()));
        var read = $"read_parquet({file})";
        var taggedShare = double.Parse(Expected.Scalar($"""
            SELECT sum(line_item_unblended_cost) FILTER (WHERE resource_tags_user_cm_billing_group <> '')
                   / sum(line_item_unblended_cost)
            FROM {read} WHERE line_item_line_item_type = 'Usage'
            """), System.Globalization.CultureInfo.InvariantCulture);
        int Distinct(string column) => int.Parse(Expected.Scalar($"SELECT count(DISTINCT {column}) FROM {read}"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(taggedShare, 0.25, 0.55);
        Assert.True(Distinct("line_item_product_code") >= 15);
        Assert.True(Distinct("product_region") >= 8);
        Assert.Equal(20, Distinct("line_item_usage_account_id"));
        Assert.True(Distinct("line_item_line_item_type") >= 10);
        Assert.Contains("synthetic", Path.GetFileName(delivery.DataFiles.Single()), StringComparison.Ordinal);
    }
}
