using System.Formats.Tar;
using System.IO.Compression;
using Portal.Billing.Facts;
using Portal.Core.Billing;

namespace Portal.Billing.Tests;

/// <summary>
/// The engine's stored facts equal sums computed straight from the real files with hand-written DuckDB SQL
/// (SOURCES.md), on SQLite and PostgreSQL.
/// </summary>
public sealed class GoldenFileTests
{
    private const string Payer = "999999999999";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ingest_WorkshopCurBothMonths_FactsEqualRawSumsPerAccountTypeAndCostCenter(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var folder = SharedData.PathOf("cur-legacy-parquet");
        var source = await Ingest.AddSourceAsync(db, folder, Payer, tagKey: "cost_center");

        await Ingest.SucceedAsync(db, source.Id);

        var glob = Ingest.Sql(Path.Combine(folder, "*.parquet"));
        foreach (var month in new[] { new DateOnly(2018, 10, 1), new DateOnly(2018, 11, 1) })
        {
            var expected = Expected.Query($"""
                SELECT line_item_usage_account_id, line_item_line_item_type, coalesce(resource_tags_user_cost_center, ''),
                       sum(CAST(line_item_unblended_cost AS DECIMAL(38,10))),
                       sum(CASE line_item_line_item_type
                             WHEN 'DiscountedUsage' THEN coalesce(CAST(reservation_effective_cost AS DECIMAL(38,10)), 0)
                             WHEN 'RIFee' THEN coalesce(CAST(reservation_unused_amortized_upfront_fee_for_billing_period AS DECIMAL(38,10)), 0)
                                             + coalesce(CAST(reservation_unused_recurring_fee AS DECIMAL(38,10)), 0)
                             ELSE CAST(line_item_unblended_cost AS DECIMAL(38,10)) END),
                       count(*)
                FROM read_parquet({glob}, union_by_name = true)
                WHERE date_trunc('month', bill_billing_period_start_date) = DATE '{month:yyyy-MM-dd}'
                GROUP BY ALL
                """);
            var stored = Expected.Stored(await Ingest.SumsAsync(db, Payer, month));
            Expected.Equal(expected, stored);
            Assert.Contains(stored, r => r.Tag.Length > 0);
            Assert.Contains(stored, r => r.Tag.Length == 0);
        }

        // The per-account totals NOTES.md measured independently (double sums, so compared to the cent).
        var totals = (await Ingest.SumsAsync(db, Payer, new DateOnly(2018, 10, 1), FactGrouping.Account))
            .Concat(await Ingest.SumsAsync(db, Payer, new DateOnly(2018, 11, 1), FactGrouping.Account))
            .GroupBy(s => s.UsageAccountId!).ToDictionary(g => g.Key, g => (Cost: g.Sum(s => s.Unblended), Rows: g.Sum(s => s.LineCount)));
        Assert.Equal(131.94m, decimal.Round(totals["011254002932"].Cost, 2));
        Assert.Equal(60_998, totals["011254002932"].Rows);
        Assert.Equal(7437.87m, decimal.Round(totals["836060457634"].Cost, 2));
        Assert.Equal(182_649, totals["836060457634"].Rows);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ingest_KokuDeliveryTreeWithManifests_FactsEqualRawSumsAndRerunSkips(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var root = ExtractKoku();
        var source = await Ingest.AddSourceAsync(db, root, Payer);

        var first = await Ingest.SucceedAsync(db, source.Id);
        var again = await Ingest.RunAsync(db, source.Id);

        var delivery = Assert.Single(first);
        Assert.Contains("Manifest.json", delivery.Delivery, StringComparison.Ordinal);
        Assert.True(Assert.Single(again).Skipped);
        var data = Ingest.Sql(Directory.GetFiles(root, "*.csv.gz", SearchOption.AllDirectories).Single());
        // The synthetic koku month also carries lines of two earlier billing periods; each lands in its own month.
        var lines = 0L;
        foreach (var month in new[] { new DateOnly(2018, 6, 1), new DateOnly(2018, 7, 1), new DateOnly(2018, 8, 1) })
        {
            var expected = Expected.Query($"""
                SELECT "lineItem/UsageAccountId", "lineItem/LineItemType", '',
                       sum(CAST(NULLIF("lineItem/UnblendedCost", '') AS DECIMAL(38,10))),
                       sum(CAST(NULLIF("lineItem/UnblendedCost", '') AS DECIMAL(38,10))),
                       count(*)
                FROM read_csv({data}, header = true, all_varchar = true, null_padding = true)
                WHERE substr("bill/BillingPeriodStartDate", 1, 10) = '{month:yyyy-MM-dd}'
                GROUP BY ALL
                """);
            Expected.Equal(expected, Expected.Stored(await Ingest.SumsAsync(db, Payer, month)));
            lines += expected.Sum(r => r.Lines);
        }
        Assert.Equal(13_380, lines);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ingest_FinalAndNotFinalMonth_FreshnessSaysWhichAndSumsMatch(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var final = await Ingest.AddSourceAsync(db, Ingest.FolderWith("final", SharedData.PathOf("cur-legacy-csv", "aws", "2023-06-01.csv")), "111111111111");
        var open = await Ingest.AddSourceAsync(db, Ingest.FolderWith("open", SharedData.PathOf("cur-legacy-csv", "aws", "2023-06-01-not-final.csv")), "222222222222");

        await Ingest.SucceedAsync(db, final.Id);
        await Ingest.SucceedAsync(db, open.Id);

        var june = new DateOnly(2023, 6, 1);
        var finalFreshness = await Ingest.FreshnessAsync(db, "111111111111", june);
        var openFreshness = await Ingest.FreshnessAsync(db, "222222222222", june);
        Assert.True(finalFreshness!.IsFinal);
        Assert.False(openFreshness!.IsFinal);
        var maxEnd = Expected.Scalar($"""
            SELECT max(CAST(replace(replace("lineItem/UsageEndDate", 'T', ' '), 'Z', '') AS TIMESTAMP))
            FROM read_csv({Ingest.Sql(SharedData.PathOf("cur-legacy-csv", "aws", "2023-06-01.csv"))}, header = true, all_varchar = true)
            """);
        Assert.Equal(DateTime.Parse(maxEnd, System.Globalization.CultureInfo.InvariantCulture), finalFreshness.DataCompleteThrough!.Value.UtcDateTime);
        foreach (var (file, payer) in new[] { ("2023-06-01.csv", "111111111111"), ("2023-06-01-not-final.csv", "222222222222") })
        {
            var expected = Expected.Query($"""
                SELECT "lineItem/UsageAccountId", "lineItem/LineItemType", '',
                       sum(CAST("lineItem/UnblendedCost" AS DECIMAL(38,10))),
                       sum(CASE "lineItem/LineItemType"
                             WHEN 'SavingsPlanCoveredUsage' THEN CAST("savingsPlan/SavingsPlanEffectiveCost" AS DECIMAL(38,10))
                             ELSE CAST("lineItem/UnblendedCost" AS DECIMAL(38,10)) END),
                       count(*)
                FROM read_csv({Ingest.Sql(SharedData.PathOf("cur-legacy-csv", "aws", file))}, header = true, all_varchar = true)
                GROUP BY ALL
                """);
            Expected.Equal(expected, Expected.Stored(await Ingest.SumsAsync(db, payer, june)));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ingest_SnakeCaseCsvWithTagColumn_FactsEqualRawSums(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var file = SharedData.PathOf("cur-legacy-csv", "aws", "2022-07-01-alt-columns.csv");
        var source = await Ingest.AddSourceAsync(db, Ingest.FolderWith("alt", file), Payer, tagKey: "insights_project");

        await Ingest.SucceedAsync(db, source.Id);

        var expected = Expected.Query($"""
            SELECT line_item_usage_account_id, line_item_line_item_type, coalesce(resource_tags_user_insights_project, ''),
                   sum(CAST(line_item_unblended_cost AS DECIMAL(38,10))), sum(CAST(line_item_unblended_cost AS DECIMAL(38,10))), count(*)
            FROM read_csv({Ingest.Sql(file)}, header = true, all_varchar = true)
            GROUP BY ALL
            """);
        var month = DateOnly.FromDateTime(DateTime.Parse(Expected.Scalar(
            $"SELECT min(substr(bill_billing_period_start_date, 1, 10)) FROM read_csv({Ingest.Sql(file)}, header = true, all_varchar = true)"),
            System.Globalization.CultureInfo.InvariantCulture));
        Expected.Equal(expected, Expected.Stored(await Ingest.SumsAsync(db, Payer, month)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ingest_EmptyFrame_SucceedsWithNoFacts(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var source = await Ingest.AddSourceAsync(db, Ingest.FolderWith("empty", SharedData.PathOf("cur-legacy-csv", "aws", "empty_frame.csv")), Payer);

        var outcome = Assert.Single(await Ingest.SucceedAsync(db, source.Id));

        Assert.Equal(0, outcome.FactRows);
        Assert.Equal(RunState.Succeeded, outcome.State);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ingest_FocusSample_FactsEqualRawSumsPerAccountCategoryAndTag(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var file = SharedData.PathOf("focus-1.0", "focus_sample.csv");
        var source = await Ingest.AddSourceAsync(db, Ingest.FolderWith("focus", file), Payer, tagKey: "CmBillingGroup");

        await Ingest.SucceedAsync(db, source.Id);

        var read = $"read_csv({Ingest.Sql(file)}, header = true, all_varchar = true, nullstr = ['', 'NULL'])";
        var months = Expected.Query($"""
            SELECT DISTINCT substr(coalesce(BillingPeriodStart, ChargePeriodStart), 1, 7), '', '', 0, 0, 0 FROM {read}
            """);
        var total = 0L;
        foreach (var m in months)
        {
            var month = DateOnly.ParseExact(m.Account + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var expected = Expected.Query($"""
                SELECT coalesce(SubAccountId, BillingAccountId), coalesce(ChargeCategory, ''),
                       coalesce(json_extract_string(Tags, '$."CmBillingGroup"'), json_extract_string(Tags, '$."user:CmBillingGroup"'), ''),
                       sum(CAST(BilledCost AS DECIMAL(38,10))), sum(CAST(EffectiveCost AS DECIMAL(38,10))), count(*)
                FROM {read}
                WHERE substr(coalesce(BillingPeriodStart, ChargePeriodStart), 1, 7) = '{m.Account}'
                GROUP BY ALL
                """);
            Expected.Equal(expected, Expected.Stored(await Ingest.SumsAsync(db, Payer, month)));
            total += expected.Sum(r => r.Lines);
        }
        Assert.Equal(1000, total);
    }

    /// <summary>The koku delivery tree (manifests at period and assembly level), extracted to a temp folder.</summary>
    public static string ExtractKoku()
    {
        var root = TempFolder.Create("koku");
        using var gzip = new GZipStream(File.OpenRead(SharedData.PathOf("cur-legacy-csv", "test_local_bucket.tar.gz")), CompressionMode.Decompress);
        TarFile.ExtractToDirectory(gzip, root, overwriteFiles: true);
        return root;
    }
}
