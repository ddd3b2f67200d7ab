using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Billing.Synthetic;
using Portal.Core.Billing;
using Portal.Core.Data;

namespace Portal.Billing.Tests;

/// <summary>A new delivery replaces its month; a processed one is skipped; two workers process a delivery once.</summary>
public sealed class ReplaceTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ingest_ThreeDeliveriesOfOneMonth_FactsEqualTheLastAndRerunChangesNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var folder = TempFolder.Create("restate");
        var source = await Ingest.AddSourceAsync(db, folder);
        var sums = new List<List<GoldenRow>>();
        SyntheticDelivery? last = null;

        foreach (var seed in new[] { 1, 2, 3 })
        {
            last = Synthetic.LegacyCsv(folder, seed);
            var outcome = Assert.Single(await Ingest.SucceedAsync(db, source.Id), o => !o.Skipped);
            Assert.Contains("Manifest.json", outcome.Delivery, StringComparison.Ordinal);
            sums.Add(Expected.Stored(await Ingest.SumsAsync(db, "999999999999", Synthetic.Month)));
        }
        var rerun = await Ingest.RunAsync(db, source.Id);
        var afterRerun = Expected.Stored(await Ingest.SumsAsync(db, "999999999999", Synthetic.Month));

        Expected.Equal(Synthetic.ExpectedLegacyCsv(last!), sums[2]);
        Assert.NotEqual(sums[0].Sum(r => r.Unblended), sums[2].Sum(r => r.Unblended));
        Assert.All(rerun, o => Assert.True(o.Skipped));
        Expected.Equal(sums[2], afterRerun);
        var state = await db.RunAsync(async sp =>
        {
            var context = sp.GetRequiredService<PortalDbContext>();
            return (Periods: await context.BillingPeriods.CountAsync(), Runs: await context.IngestionRuns.CountAsync(),
                Completed: await context.BillingDeliveries.CountAsync(d => d.State == DeliveryState.Completed));
        });
        Assert.Equal((1, 3, 3), state);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ingest_TwoWorkersAtOnce_DeliveryProcessedOnce(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var folder = TempFolder.Create("workers");
        var delivery = Synthetic.LegacyCsv(folder, 7);
        var source = await Ingest.AddSourceAsync(db, folder);

        var workers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Ingest.RunAsync(db, source.Id))));

        var outcomes = workers.SelectMany(w => w).ToList();
        Assert.Equal(2, outcomes.Count);
        Assert.Single(outcomes, o => o.State == RunState.Succeeded);
        Assert.Single(outcomes, o => o.Skipped);
        var runs = await db.RunAsync(sp => sp.GetRequiredService<PortalDbContext>().IngestionRuns.CountAsync());
        Assert.Equal(1, runs);
        Expected.Equal(Synthetic.ExpectedLegacyCsv(delivery), Expected.Stored(await Ingest.SumsAsync(db, "999999999999", Synthetic.Month)));
    }
}
