using Portal.Core.Billing;

namespace Portal.Billing.Synthetic;

/// <summary>
/// Billing data for the demo: synthetic deliveries for the demo accounts under one payer, in every format the
/// engine reads — legacy CSV.gz with manifest (restated by a second delivery), legacy Parquet, CUR 2.0 Parquet and a
/// FOCUS month to date — written to one folder, registered as a source and ingested.
/// </summary>
public sealed class BillingDemoData(BillingSources sources, BillingIngestion ingestion, TimeProvider clock)
{
    public const string DemoPayer = "999999999999";

    /// <summary>The AWS accounts the demo organizations own (DemoSeeder).</summary>
    public static IReadOnlyList<string> DemoAccounts { get; } = ["111111111111", "111111111112", "111111111113", "222222222221", "222222222222"];

    /// <summary>Writes the demo deliveries into <paramref name="folder"/> (the demo source's location) and ingests them.</summary>
    public Task<IReadOnlyList<IngestionOutcome>> GenerateAndIngestAsync(string folder, CancellationToken ct) =>
        GenerateAndIngestAsync(folder, 60_000, ct);

    public async Task<IReadOnlyList<IngestionOutcome>> GenerateAndIngestAsync(string folder, long rowsPerMonth, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var current = new DateOnly(today.Year, today.Month, 1);
        SyntheticCurRequest Month(ReportFormat format, int monthsBack, int seed, string? delivery = null, int? daysSoFar = null) =>
            new(format, DemoAccounts.Count, rowsPerMonth, folder, current.AddMonths(-monthsBack), DemoPayer, seed,
                DemoAccounts, Final: monthsBack >= 2, DeliveryId: delivery, DaysSoFar: daysSoFar);

        var source = await sources.AddAsync(new NewBillingSource(DemoPayer, folder, ReportFormat.Auto, null, null), ct);
        var outcomes = new List<IngestionOutcome>();
        // The oldest month arrives twice: the second delivery restates it (AWS re-delivers the whole month).
        foreach (var step in new[]
        {
            Month(ReportFormat.CurCsv, 3, 1, "synthetic-demo-first"),
            Month(ReportFormat.CurCsv, 3, 2, "synthetic-demo-restated"),
            Month(ReportFormat.CurParquet, 2, 3),
            Month(ReportFormat.Cur2, 1, 4, "synthetic-demo-cur2"),
            Month(ReportFormat.Focus, 0, 5, "synthetic-demo-focus", daysSoFar: Math.Max(1, today.Day - 1)),
        })
        {
            await Task.Run(() => SyntheticCurGenerator.Generate(step), ct);
            outcomes.AddRange(await ingestion.IngestSourceAsync(source.Id, null, ct));
        }
        return outcomes;
    }
}
