using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Billing;
using Portal.Billing.Facts;
using Portal.Billing.Rating;
using Portal.Core.Billing;
using Portal.Core.Charges;
using Portal.Core.Data;
using Portal.Core.Projects;
using Portal.Web.Features.Staff.Charges;
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

    [Fact]
    public async Task WorkerKilledWhileCommittingMonthRecompute_OldChargesKept_OtherWorkerRecomputesTheMonth()
    {
        var month = new DateOnly(2024, 3, 1);
        var project = await portal.CreateProjectAsync(Currency.Usd, accounts: 3);
        await portal.AddUsageFactsAsync(project, month, days: 10);
        // The month as a finished ingestion leaves it: rated with the rules of the time.
        await portal.WithServicesAsync(sp => sp.GetRequiredService<RecomputeCharges>().HandleAsync(project.Payer, month, CancellationToken.None));
        var before = await portal.ChargesAsync(project.Payer, month);
        Assert.Equal(30, before.Lines.Count);

        // Only the worker that will be killed is running, and it stops just before committing a month's charges.
        portal.KillWorker(1);
        await portal.RestartWorkerAsync(0, new Dictionary<string, string> { ["Billing:PauseAtPhase"] = CrashTestPause.ChargesCommitting });
        // Staff add a 10 % discount for the project: saved with the month's stale mark, then the recompute job is queued.
        var lastJob = await Sql.ScalarAsync(portal.ConnectionString, "SELECT coalesce(max(id), 0) FROM hangfire.job");
        await portal.WithServicesAsync(async sp =>
        {
            sp.GetRequiredService<PortalDbContext>().RatingRules.Add(new RatingRuleEntry
            {
                Kind = (int)RuleKind.Adjustment, Scope = (int)RuleScopeKind.Project, ScopeValue = project.ProjectId.ToString(), Percent = -10m,
                EffectiveFrom = month, EffectiveUntil = month.AddMonths(1), Order = 100, NameJa = "割引", NameEn = "Discount", UpdatedAt = DateTimeOffset.UtcNow,
            });
            await sp.GetRequiredService<CommitChargeChange>().CommitAsync([(month, month)], CancellationToken.None);
            return 0;
        });
        var jobId = await Sql.ScalarAsync(portal.ConnectionString,
            $"SELECT id FROM hangfire.job WHERE id > {lastJob} AND invocationdata::text LIKE '%RefreshCharges%' ORDER BY id LIMIT 1");
        await portal.Workers[0].WaitForOutputAsync("PAUSED " + CrashTestPause.ChargesCommitting, TimeSpan.FromMinutes(3));
        var killedAt = DateTime.UtcNow;
        portal.KillWorker(0);

        var afterKill = await portal.ChargesAsync(project.Payer, month);
        var staleAfterKill = await StaleSinceAsync(project.Payer, month);
        // The killed worker held the recompute lock: the other worker gets it as soon as the process is gone.
        await portal.RestartWorkerAsync(1);
        await Eventually.ThatAsync(async () => await Sql.ScalarAsync(portal.ConnectionString,
            $"SELECT count(*) FROM hangfire.job WHERE id = {jobId} AND statename = 'Succeeded'") == 1, TimeSpan.FromMinutes(3), "the recompute job to complete on the other worker");
        var takeover = DateTime.UtcNow - killedAt;
        await portal.RestartWorkerAsync(0);

        var recomputed = await portal.ChargesAsync(project.Payer, month);
        var staleAfterTakeover = await StaleSinceAsync(project.Payer, month);
        var processing = await Sql.ScalarAsync(portal.ConnectionString, $"SELECT count(*) FROM hangfire.state WHERE jobid = {jobId} AND name = 'Processing'");
        // What a clean recompute of the month gives with the same rules.
        await portal.WithServicesAsync(sp => sp.GetRequiredService<RecomputeCharges>().HandleAsync(project.Payer, month, CancellationToken.None));
        var clean = await portal.ChargesAsync(project.Payer, month);
        Figures.Record($"worker killed at commit of a month recompute ({before.Lines.Count} charge lines): old charges kept, month still stale; " +
            $"taken over and completed {takeover.TotalSeconds:0.0} s after the kill; job runs {processing} (killed + completed)");

        Assert.Equal(before.Lines, afterKill.Lines);
        Assert.Equal(before.Sums, afterKill.Sums);
        Assert.NotNull(staleAfterKill);
        Assert.Equal(2, processing);
        Assert.Null(staleAfterTakeover);
        Assert.NotEqual(before.Sums, recomputed.Sums);
        Assert.Equal(clean.Lines, recomputed.Lines);
        Assert.Equal(clean.Sums, recomputed.Sums);
    }

    private Task<DateTimeOffset?> StaleSinceAsync(string payer, DateOnly month) => portal.WithDbAsync(db =>
        db.ChargeComputations.Where(c => c.PayerAccountId == payer && c.Month == month).Select(c => c.StaleSince).SingleAsync());

    private Task<IReadOnlyList<FactSum>> SumsAsync(string payer) => portal.WithServicesAsync(sp => sp.GetRequiredService<BillingFactQueries>()
        .SumAsync(payer, new DateOnly(2023, 6, 1), FactGrouping.Account | FactGrouping.Type | FactGrouping.Tag, CancellationToken.None));
}
