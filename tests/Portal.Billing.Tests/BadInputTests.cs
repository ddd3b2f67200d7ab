using Portal.Billing.Synthetic;
using Portal.Core.Billing;

namespace Portal.Billing.Tests;

/// <summary>
/// A bad delivery fails its run with one message that names the file and the problem, and the month keeps the
/// facts of the previous good delivery.
/// </summary>
public sealed class BadInputTests
{
    private const string Payer = "999999999999";
    private static readonly DateOnly Month = new(2026, 9, 1);

    /// <summary>A good legacy Parquet month in year=/month= folders (manifest-less), ingested; then <paramref name="spoil"/>.</summary>
    private static async Task AssertBadParquetAsync(string provider, Action<string> spoil, string problem)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var folder = TempFolder.Create("bad");
        var good = SyntheticCurGenerator.Generate(new SyntheticCurRequest(ReportFormat.CurParquet, 3, 5_000, folder, Month, Payer, RowsPerFile: 2_500));
        var source = await Ingest.AddSourceAsync(db, folder, Payer);
        await Ingest.SucceedAsync(db, source.Id);
        var before = Expected.Stored(await Ingest.SumsAsync(db, Payer, Month));
        var victim = Path.Combine(folder, good.DataFiles[1]);

        spoil(victim);
        var outcome = Assert.Single(await Ingest.RunAsync(db, source.Id));

        Assert.Equal(RunState.Failed, outcome.State);
        Assert.Contains(Path.GetFileName(victim), outcome.Error, StringComparison.Ordinal);
        Assert.Contains(problem, outcome.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(folder, outcome.Error, StringComparison.Ordinal);
        Expected.Equal(before, Expected.Stored(await Ingest.SumsAsync(db, Payer, Month)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public Task Ingest_TruncatedParquet_FailsNamingTheFileAndKeepsFacts(string provider) =>
        AssertBadParquetAsync(provider, file =>
        {
            var bytes = File.ReadAllBytes(file);
            File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        }, "magic bytes");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public Task Ingest_ScatteredCorruptionInParquet_FailsNamingTheFile(string provider) =>
        AssertBadParquetAsync(provider, file =>
        {
            var bytes = File.ReadAllBytes(file);
            var random = new Random(42);
            for (var i = 0; i < 200; i++)
            {
                bytes[random.Next(8, bytes.Length - 16)] ^= 0x5A;
            }
            File.WriteAllBytes(file, bytes);
        }, "");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public Task Ingest_ParquetOfAnotherKind_FailsAsUnknownFormat(string provider) =>
        AssertBadParquetAsync(provider, file =>
        {
            File.Delete(file);
            Expected.Scalar($"COPY (SELECT 1 AS a, 'x' AS b) TO {Ingest.Sql(file)} (FORMAT parquet)");
        }, "not a cost report");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public Task Ingest_MissingRequiredColumn_FailsNamingColumnAndFile(string provider) =>
        AssertBadParquetAsync(provider, file =>
        {
            var copy = file + ".tmp";
            Expected.Scalar($"COPY (SELECT * EXCLUDE (line_item_usage_account_id) FROM read_parquet({Ingest.Sql(file)})) TO {Ingest.Sql(copy)} (FORMAT parquet)");
            File.Move(copy, file, overwrite: true);
        }, "line_item_usage_account_id is missing");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ingest_ManifestListingAbsentFile_FailsNamingItAndKeepsFacts(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var folder = TempFolder.Create("absent");
        Synthetic.LegacyCsv(folder, 1, rows: 5_000);
        var source = await Ingest.AddSourceAsync(db, folder, Payer);
        await Ingest.SucceedAsync(db, source.Id);
        var before = Expected.Stored(await Ingest.SumsAsync(db, Payer, Month));
        var second = Synthetic.LegacyCsv(folder, 2, rows: 5_000);

        File.Delete(Path.Combine(folder, second.DataFiles[0]));
        var outcome = Assert.Single(await Ingest.RunAsync(db, source.Id));

        Assert.Equal(RunState.Failed, outcome.State);
        Assert.Contains(Path.GetFileName(second.DataFiles[0]), outcome.Error, StringComparison.Ordinal);
        Assert.Contains("absent", outcome.Error, StringComparison.Ordinal);
        Expected.Equal(before, Expected.Stored(await Ingest.SumsAsync(db, Payer, Month)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ingest_TruncatedCsvGz_FailsNamingTheFileAndKeepsFacts(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var folder = TempFolder.Create("gz");
        Synthetic.LegacyCsv(folder, 1, rows: 30_000);
        var source = await Ingest.AddSourceAsync(db, folder, Payer);
        await Ingest.SucceedAsync(db, source.Id);
        var before = Expected.Stored(await Ingest.SumsAsync(db, Payer, Month));
        var second = Synthetic.LegacyCsv(folder, 2, rows: 30_000);
        var victim = Path.Combine(folder, second.DataFiles[0]);

        var bytes = File.ReadAllBytes(victim);
        File.WriteAllBytes(victim, bytes[..(bytes.Length * 2 / 3)]);
        var outcome = Assert.Single(await Ingest.RunAsync(db, source.Id));

        Assert.Equal(RunState.Failed, outcome.State);
        Assert.Contains(Path.GetFileName(victim), outcome.Error, StringComparison.Ordinal);
        Expected.Equal(before, Expected.Stored(await Ingest.SumsAsync(db, Payer, Month)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ingest_ForcedFormatDiffersFromFiles_FailsAsWrongFormat(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var folder = Ingest.FolderWith("forced", SharedData.PathOf("cur-legacy-csv", "aws", "2023-06-01.csv"));
        var source = await Ingest.AddSourceAsync(db, folder, Payer, format: ReportFormat.Focus);

        var outcome = Assert.Single(await Ingest.RunAsync(db, source.Id));

        Assert.Equal(RunState.Failed, outcome.State);
        Assert.Contains("2023-06-01.csv", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(await Ingest.SumsAsync(db, Payer, new DateOnly(2023, 6, 1)));
    }
}
