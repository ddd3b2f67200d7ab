using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Billing.Deliveries;
using Portal.Billing.Facts;
using Portal.Billing.Reading;
using Portal.Billing.Sources;
using Portal.Core.Billing;
using Portal.Core.Data;

namespace Portal.Billing;

/// <summary>What the progress bar and the staff console show while a delivery is ingested.</summary>
public sealed record IngestProgress(
    Guid SourceId, string Delivery, IngestionPhase Phase, long RowsRead, long BytesRead, long BytesTotal, double Fraction);

/// <summary>The result of one delivery: ingested, skipped (already done or taken by another worker) or failed.</summary>
public sealed record IngestionOutcome(Guid SourceId, string Delivery, RunState? State, long FactRows, string? Error, Guid? RunId)
{
    public bool Skipped => RunId is null;
}

/// <summary>
/// Ingests every new delivery of a source: discover, claim (unique key + lease), scan and aggregate with DuckDB,
/// replace the (payer, month) facts in one transaction, and record the run. The web app's job engine and the
/// <c>portal ingest</c> command both call <see cref="IngestSourceAsync"/>.
/// </summary>
public sealed partial class BillingIngestion(
    PortalDbContext db, FactWriter writer, BillingFileStores stores, IOptions<BillingOptions> options, TimeProvider clock,
    CrashTestPause pause, ILogger<BillingIngestion> logger)
{
    private readonly BillingOptions _options = options.Value;

    /// <summary>Every enabled source, one after the other.</summary>
    public async Task<IReadOnlyList<IngestionOutcome>> IngestAllAsync(IProgress<IngestProgress>? progress, CancellationToken ct)
    {
        var ids = await db.BillingSources.AsNoTracking().Where(s => s.Enabled).OrderBy(s => s.CreatedAt).Select(s => s.Id).ToListAsync(ct);
        var outcomes = new List<IngestionOutcome>();
        foreach (var id in ids)
        {
            outcomes.AddRange(await IngestSourceAsync(id, progress, ct));
        }
        return outcomes;
    }

    public async Task<IReadOnlyList<IngestionOutcome>> IngestSourceAsync(Guid sourceId, IProgress<IngestProgress>? progress, CancellationToken ct)
    {
        var source = await db.BillingSources.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sourceId, ct)
            ?? throw new InvalidOperationException($"There is no billing source {sourceId}.");
        using var store = stores.Open(source);
        var candidates = await DeliveryDiscovery.DiscoverAsync(store, ct);
        var outcomes = new List<IngestionOutcome>();
        foreach (var candidate in candidates.OrderBy(c => c.PeriodKey, StringComparer.Ordinal))
        {
            outcomes.Add(await IngestDeliveryAsync(source, store, candidate, progress, ct));
        }
        return outcomes;
    }

    private async Task<IngestionOutcome> IngestDeliveryAsync(
        BillingSource source, IBillingFileStore store, DeliveryCandidate candidate, IProgress<IngestProgress>? progress, CancellationToken ct)
    {
        var delivery = await ClaimAsync(source, candidate, ct);
        if (delivery is null)
        {
            return new IngestionOutcome(source.Id, candidate.Description, null, 0, null, null);
        }
        var run = new IngestionRun
        {
            SourceId = source.Id, DeliveryId = delivery.Id, Delivery = candidate.Description, State = RunState.Running,
            Phase = IngestionPhase.Claiming, BytesTotal = candidate.TotalBytes, StartedAt = clock.GetUtcNow(),
        };
        db.IngestionRuns.Add(run);
        await db.SaveChangesAsync(ct);
        var stopwatch = Stopwatch.StartNew();
        var scratch = Path.Combine(_options.ScratchRoot, "portal-ingest-" + run.Id.ToString("N"));
        try
        {
            var facts = await ProcessAsync(source, store, candidate, delivery, run, scratch, progress, ct);
            run.State = RunState.Succeeded;
            run.Phase = IngestionPhase.Done;
            run.FactRows = facts;
            run.Progress = 1;
            LogIngested(logger, candidate.Description, facts, stopwatch.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: record it so that the console does not show the run as running forever, then let the
            // delivery's lease expire so that the next worker takes it.
            db.ChangeTracker.Clear();
            run.State = RunState.Failed;
            run.Error = "Cancelled (the worker stopped).";
            run.FinishedAt = clock.GetUtcNow();
            run.DurationSeconds = stopwatch.Elapsed.TotalSeconds;
            db.Update(run);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            // Whatever went wrong, the transaction rolled back: the previous facts stand. Bad input is expected;
            // anything else is logged as such too, and the run says what happened.
            db.ChangeTracker.Clear();
            run.State = RunState.Failed;
            run.Error = Truncate(e is BillingInputException ? e.Message : $"{e.GetType().Name}: {e.Message}", 4000);
            delivery.State = DeliveryState.Failed;
            delivery.LeaseExpiresAt = null;
            db.Update(run);
            db.Update(delivery);
            LogFailed(logger, candidate.Description, run.Error);
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
        run.FinishedAt = clock.GetUtcNow();
        run.DurationSeconds = stopwatch.Elapsed.TotalSeconds;
        await db.SaveChangesAsync(CancellationToken.None);
        Report(progress, source, run);
        return new IngestionOutcome(source.Id, candidate.Description, run.State, run.FactRows, run.Error, run.Id);
    }

    private async Task<long> ProcessAsync(
        BillingSource source, IBillingFileStore store, DeliveryCandidate candidate, BillingDelivery delivery, IngestionRun run,
        string scratch, IProgress<IngestProgress>? progress, CancellationToken ct)
    {
        if (candidate.MissingFiles.Count > 0)
        {
            throw new BillingInputException(candidate.MissingFiles[0],
                $"listed in the manifest {candidate.Description} but absent from the source ({candidate.MissingFiles.Count} file(s) missing).");
        }
        await EnterAsync(run, IngestionPhase.Downloading, source, progress, ct);
        var local = new List<string>();
        foreach (var file in candidate.Files)
        {
            local.Add(await store.MaterializeAsync(file.Path, scratch, ct));
        }

        await EnterAsync(run, IngestionPhase.Scanning, source, progress, ct);
        using var aggregate = new DeliveryAggregator(_options);
        var (format, schema) = aggregate.Inspect(local, source.Format);
        var lastSaved = Stopwatch.StartNew();
        var periods = await aggregate.AggregateAsync(local, format, schema, source.TagKey, async scan =>
        {
            run.Progress = scan.Fraction;
            run.RowsRead = scan.RowsRead;
            run.BytesRead = (long)(scan.Fraction * candidate.TotalBytes);
            Report(progress, source, run);
            if (lastSaved.Elapsed > TimeSpan.FromSeconds(1))
            {
                lastSaved.Restart();
                await SaveProgressAsync(delivery, ct);
            }
        }, ct);
        run.RowsRead = periods.Sum(p => p.LineCount);
        run.BytesRead = candidate.TotalBytes;
        run.Progress = 1;
        if (!string.IsNullOrWhiteSpace(_options.LineExtractRoot))
        {
            // Written before the facts are swapped in: once a month points at this delivery, its lines exist.
            aggregate.WriteLineExtract(local, format, schema, source.TagKey, LineExtractFolder(_options.LineExtractRoot, source.PayerAccountId, delivery.Id));
        }

        await EnterAsync(run, IngestionPhase.Writing, source, progress, ct);
        var months = periods.ToList();
        if (candidate.PeriodKey.Length == 7 && DateOnly.TryParseExact(candidate.PeriodKey + "-01", "yyyy-MM-dd", out var own)
            && months.All(m => m.Month != own))
        {
            // An empty delivery still replaces its month: the month to date has no charges.
            months.Add(new AggregatedPeriod(own, 0, 0, null, false));
        }
        return await writer.ReplaceAsync(aggregate, delivery, months, async phase =>
        {
            run.Phase = phase;
            Report(progress, source, run);
            await pause.AtAsync(phase.ToString(), ct);
        }, ct);
    }

    /// <summary>The folder of one delivery's line extract; partitions below it are <c>period=YYYY-MM-DD/usage_account=ID</c>.</summary>
    public static string LineExtractFolder(string root, string payerAccountId, Guid deliveryId) =>
        Path.Combine(root, payerAccountId, deliveryId.ToString("N"));

    /// <summary>
    /// Inserts the delivery row, whose unique key lets exactly one worker win; a finished delivery is skipped, and
    /// a failed one or one whose worker's lease ran out (a crash) is taken over.
    /// </summary>
    private async Task<BillingDelivery?> ClaimAsync(BillingSource source, DeliveryCandidate candidate, CancellationToken ct)
    {
        var existing = await FindAsync(source, candidate, ct);
        var now = clock.GetUtcNow();
        if (existing is null)
        {
            var delivery = new BillingDelivery
            {
                SourceId = source.Id, PayerAccountId = source.PayerAccountId, PeriodKey = candidate.PeriodKey,
                DeliveryKey = candidate.DeliveryKey, Description = Truncate(candidate.Description, 1000),
                FileCount = candidate.Files.Count, TotalBytes = candidate.TotalBytes, State = DeliveryState.Processing,
                LeaseExpiresAt = now + _options.DeliveryLease, DiscoveredAt = now,
            };
            db.BillingDeliveries.Add(delivery);
            try
            {
                await db.SaveChangesAsync(ct);
                return delivery;
            }
            catch (DbUpdateException e) when (IsUniqueViolation(e))
            {
                db.ChangeTracker.Clear();
                return null;
            }
        }
        if (existing.State == DeliveryState.Completed || (existing.State == DeliveryState.Processing && existing.LeaseExpiresAt > now))
        {
            return null;
        }
        var previousLease = existing.LeaseExpiresAt;
        var previousState = existing.State;
        var taken = await db.BillingDeliveries
            .Where(d => d.Id == existing.Id && d.State == previousState && d.LeaseExpiresAt == previousLease)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.State, DeliveryState.Processing)
                .SetProperty(d => d.LeaseExpiresAt, now + _options.DeliveryLease), ct);
        if (taken != 1)
        {
            return null;
        }
        if (previousState == DeliveryState.Processing)
        {
            // The previous holder stopped (process killed, machine lost) before finishing: its run is closed, so that
            // staff do not see it running forever. Its facts were never committed.
            await db.IngestionRuns.Where(r => r.DeliveryId == existing.Id && r.State == RunState.Running)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.State, RunState.Failed)
                    .SetProperty(r => r.Error, "Abandoned: the process stopped before finishing; another run took the delivery over.")
                    .SetProperty(r => r.FinishedAt, now), ct);
        }
        return await db.BillingDeliveries.SingleAsync(d => d.Id == existing.Id, ct);
    }

    private Task<BillingDelivery?> FindAsync(BillingSource source, DeliveryCandidate candidate, CancellationToken ct) =>
        db.BillingDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.PayerAccountId == source.PayerAccountId
            && d.PeriodKey == candidate.PeriodKey && d.DeliveryKey == candidate.DeliveryKey, ct);

    private static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException is SqliteException { SqliteErrorCode: 19 } or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    private async Task EnterAsync(IngestionRun run, IngestionPhase phase, BillingSource source, IProgress<IngestProgress>? progress, CancellationToken ct)
    {
        run.Phase = phase;
        Report(progress, source, run);
        await db.SaveChangesAsync(ct);
        await pause.AtAsync(phase.ToString(), ct);
    }

    /// <summary>Progress and the lease renewal in one write: a live worker keeps its delivery.</summary>
    private async Task SaveProgressAsync(BillingDelivery delivery, CancellationToken ct)
    {
        delivery.LeaseExpiresAt = clock.GetUtcNow() + _options.DeliveryLease;
        await db.SaveChangesAsync(ct);
    }

    private static void Report(IProgress<IngestProgress>? progress, BillingSource source, IngestionRun run) =>
        progress?.Report(new IngestProgress(source.Id, run.Delivery, run.Phase, run.RowsRead, run.BytesRead, run.BytesTotal, run.Progress));

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested {Delivery}: {Facts} facts in {Seconds:F1} s")]
    private static partial void LogIngested(ILogger logger, string delivery, long facts, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion of {Delivery} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string delivery, string error);
}
