using Microsoft.Extensions.DependencyInjection;
using Portal.Billing.Facts;
using Portal.Core.Billing;

namespace Portal.Billing.Tests;

/// <summary>Test shortcuts over the public API: add a source, ingest it, read sums.</summary>
public static class Ingest
{
    public static Task<BillingSource> AddSourceAsync(TestDatabase db, string location, string payer = "999999999999",
        string? tagKey = null, ReportFormat format = ReportFormat.Auto, string? s3Url = null) =>
        db.RunAsync(sp => sp.GetRequiredService<BillingSources>()
            .AddAsync(new NewBillingSource(payer, location, format, tagKey, s3Url), CancellationToken.None));

    public static Task<IReadOnlyList<IngestionOutcome>> RunAsync(TestDatabase db, Guid sourceId) =>
        db.RunAsync(sp => sp.GetRequiredService<BillingIngestion>().IngestSourceAsync(sourceId, null, CancellationToken.None));

    /// <summary>Runs and asserts that every delivery succeeded (failures show their message).</summary>
    public static async Task<IReadOnlyList<IngestionOutcome>> SucceedAsync(TestDatabase db, Guid sourceId)
    {
        var outcomes = await RunAsync(db, sourceId);
        foreach (var o in outcomes.Where(o => !o.Skipped))
        {
            Assert.True(o.State == RunState.Succeeded, $"{o.Delivery}: {o.Error}");
        }
        return outcomes;
    }

    public static Task<IReadOnlyList<FactSum>> SumsAsync(TestDatabase db, string payer, DateOnly month,
        FactGrouping by = FactGrouping.Account | FactGrouping.Type | FactGrouping.Tag) =>
        db.RunAsync(sp => sp.GetRequiredService<BillingFactQueries>().SumAsync(payer, month, by, CancellationToken.None));

    public static Task<PeriodFreshness?> FreshnessAsync(TestDatabase db, string payer, DateOnly month) =>
        db.RunAsync(sp => sp.GetRequiredService<BillingFactQueries>().FreshnessAsync(payer, month, CancellationToken.None));

    /// <summary>Copies shared files into a fresh source folder (in temp, never into the repository).</summary>
    public static string FolderWith(string name, params string[] sharedFiles)
    {
        var folder = TempFolder.Create(name);
        foreach (var file in sharedFiles)
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        return folder;
    }

    public static string Sql(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
}
