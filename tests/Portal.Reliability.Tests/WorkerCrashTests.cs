using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Billing.Facts;
using Portal.Core.Billing;
using Portal.Web.Infrastructure.Jobs;

namespace Portal.Reliability.Tests;

/// <summary>A worker killed (SIGKILL) in the middle of a job: nothing half-written, and the other worker finishes it.</summary>
public sealed class WorkerCrashTests(Deployment portal)
{
    [Fact]
    public async Task WorkerKilledWhileCommittingIngestion_NoPartialFacts_OtherWorkerCompletesTheJob()
    {
        const string payer = "333333333333";
        var file = Path.Combine(Binaries.RepositoryRoot, "..", "shared", "data", "cur-legacy-csv", "aws", "2023-06-01.csv");
        Assert.True(File.Exists(file), $"{file} is missing (the shared billing files beside the repository).");
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "prel-source-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var rowsInFile = File.ReadLines(file).Skip(1).Count(l => l.Length > 0);
        var sourceId = Guid.Parse((await PortalProcess.RunCliAsync(portal.Settings, "source", "add", "--payer", payer, "--location", folder)).Trim().Split('\n')[^1].Trim());

        // Only the worker that will be killed is running, and it stops just before committing the facts.
        portal.KillWorker(1);
        await portal.RestartWorkerAsync(0, new Dictionary<string, string>
        {
            ["Billing:PauseAtPhase"] = nameof(IngestionPhase.Committing),
            ["Billing:DeliveryLease"] = "00:00:05",
        });
        var jobId = portal.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<IngestBillingSources>(job => job.SourceAsync(sourceId, CancellationToken.None));
        await portal.Workers[0].WaitForOutputAsync("PAUSED Committing", TimeSpan.FromMinutes(3));
        var killedAt = DateTime.UtcNow;
        portal.KillWorker(0);

        var factsAfterKill = (await SumsAsync(payer)).Sum(s => s.LineCount);
        var succeededAfterKill = await portal.WithDbAsync(db => db.IngestionRuns.CountAsync(r => r.SourceId == sourceId && r.State == RunState.Succeeded));
        await portal.RestartWorkerAsync(1);
        await Eventually.ThatAsync(async () => await Sql.ScalarAsync(portal.ConnectionString,
            $"SELECT count(*) FROM hangfire.job WHERE id = {jobId} AND statename = 'Succeeded'") == 1, TimeSpan.FromMinutes(3), "the job to complete on the other worker");
        var takeover = DateTime.UtcNow - killedAt;
        await portal.RestartWorkerAsync(0);

        var processing = await Sql.ScalarAsync(portal.ConnectionString, $"SELECT count(*) FROM hangfire.state WHERE jobid = {jobId} AND name = 'Processing'");
        var runs = await portal.WithDbAsync(db => db.IngestionRuns.Where(r => r.SourceId == sourceId).Select(r => r.State).ToListAsync());
        var sums = await SumsAsync(payer);
        Figures.Record($"worker killed at commit of a real CUR ingestion: taken over and completed {takeover.TotalSeconds:0.0} s after the kill; job runs {processing} (killed + completed); ingestion runs {string.Join("/", runs)}");

        Assert.Equal(0L, factsAfterKill);
        Assert.Equal(0, succeededAfterKill);
        Assert.Equal(2, processing);
        // The killed worker's run is closed as failed by the run that took over; none is left "running".
        Assert.Equal([RunState.Succeeded, RunState.Failed], runs.Order());
        Assert.Equal(rowsInFile, sums.Sum(s => s.LineCount));
        Directory.Delete(folder, recursive: true);
    }

    private Task<IReadOnlyList<FactSum>> SumsAsync(string payer) => portal.WithServicesAsync(sp => sp.GetRequiredService<BillingFactQueries>()
        .SumAsync(payer, new DateOnly(2023, 6, 1), FactGrouping.Account | FactGrouping.Type | FactGrouping.Tag, CancellationToken.None));
}
