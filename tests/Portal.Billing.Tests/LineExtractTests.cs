using Portal.Billing.Facts;

namespace Portal.Billing.Tests;

/// <summary>The usage-detail extract (docs/adr/0102) holds the lines of the delivery the month's facts come from.</summary>
public sealed class LineExtractTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ingest_WithLineExtract_CurrentDeliveryLinesMatchRawFileAndFacts(string provider)
    {
        var root = TempFolder.Create("extracts");
        await using var db = await TestDatabase.CreateAsync(provider, new Dictionary<string, string?> { ["Billing:LineExtractRoot"] = root });
        var folder = TempFolder.Create("extract-source");
        var source = await Ingest.AddSourceAsync(db, folder);
        Synthetic.LegacyCsv(folder, 1, rows: 8_000);
        await Ingest.SucceedAsync(db, source.Id);
        var restated = Synthetic.LegacyCsv(folder, 2, rows: 8_000);
        await Ingest.SucceedAsync(db, source.Id);

        var current = await Ingest.FreshnessAsync(db, "999999999999", Synthetic.Month);
        var extract = BillingIngestion.LineExtractFolder(root, "999999999999", current!.DeliveryId);
        // Account ids are text: without hive_types DuckDB would read the partition value as a number.
        const string HiveTypes = "hive_types = {'usage_account': VARCHAR}";
        var lines = Expected.Query($"""
            SELECT usage_account, line_item_type, coalesce(tag, ''), sum(unblended), 0, count(*)
            FROM read_parquet({Ingest.Sql(Path.Combine(extract, "**", "*.parquet"))}, hive_partitioning = true, {HiveTypes})
            GROUP BY ALL
            """);
        var raw = Synthetic.ExpectedLegacyCsv(restated).Select(r => r with { Amortized = 0 }).ToList();
        Expected.Equal(raw, lines);
        var facts = Expected.Stored(await Ingest.SumsAsync(db, "999999999999", Synthetic.Month, FactGrouping.Account | FactGrouping.Type | FactGrouping.Tag))
            .Select(r => r with { Amortized = 0 }).ToList();
        Expected.Equal(facts, lines);
        var detail = Expected.Scalar($"""
            SELECT count(*) FROM read_parquet({Ingest.Sql(Path.Combine(extract, "**", "*.parquet"))})
            WHERE resource_id LIKE 'arn:aws:synthetic:%' AND item_description LIKE 'Synthetic %' AND rate IS NOT NULL AND line_item_id IS NOT NULL
            """);
        Assert.Equal("8000", detail);
    }
}
