using Hangfire;
using Portal.Billing.Rating;
using Portal.Web.Features.Alarms;

namespace Portal.Web.Infrastructure.Jobs;

/// <summary>
/// Re-rates every stale (payer, month) and then evaluates the charge alarms: the tail of the ingest job, and the job
/// that staff rule and rate changes enqueue. One run at a time across all processes (<see cref="ChargesRefreshLock"/>,
/// released when its holder dies): two recomputes of the same month interleaving their replace would double count.
/// </summary>
public sealed class RefreshCharges(RecomputeCharges recompute, EvaluateChargeAlarms alarms, ChargesRefreshLock refreshLock)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken ct)
    {
        await using (await refreshLock.AcquireAsync(TimeSpan.FromMinutes(30), ct))
        {
            await recompute.RecomputeStaleAsync(ct);
            await alarms.EvaluateAsync(ct);
        }
    }
}
