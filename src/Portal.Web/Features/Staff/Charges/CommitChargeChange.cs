using Hangfire;
using Portal.Billing.Rating;
using Portal.Core.Data;
using Portal.Web.Infrastructure.Jobs;

namespace Portal.Web.Features.Staff.Charges;

/// <summary>
/// Saves a staff change to rating rules or exchange rates together with its audit event and the stale marks of the
/// months it affects (one transaction), then enqueues the recompute job, which rates those months with the same
/// engine as after an ingestion and evaluates the alarms.
/// </summary>
public sealed class CommitChargeChange(PortalDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
{
    public async Task CommitAsync(IEnumerable<(DateOnly From, DateOnly? Until)> affectedMonths, CancellationToken ct)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            foreach (var (from, until) in affectedMonths)
            {
                await ChargeStaleness.MarkMonthsAsync(db, from, until, clock.GetUtcNow(), ct);
            }
            await transaction.CommitAsync(ct);
        }
        // Enqueued after the commit, so the job always sees the change.
        jobs.Enqueue<RefreshCharges>(job => job.RunAsync(CancellationToken.None));
    }
}
