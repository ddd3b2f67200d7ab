using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Billing.Rating;

/// <summary>
/// Marks the computed (payer, month) charges that a rule or rate change affects, so that the next
/// <see cref="RecomputeCharges.RecomputeStaleAsync"/> rates them again. A month that was never computed needs no mark:
/// it is computed anyway. Rule scopes are not narrowed to payers: a rule on a project can reach accounts whose charges
/// were not computed with it yet, so every payer of the affected months is marked (rating a month takes well under a second).
/// The mark is the time of the latest change: a recompute that read its inputs before it leaves the month stale.
/// </summary>
public static class ChargeStaleness
{
    /// <summary>Marks the months from <paramref name="from"/> to <paramref name="until"/> (inclusive; open-ended when null).</summary>
    public static async Task<int> MarkMonthsAsync(PortalDbContext db, DateOnly from, DateOnly? until, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var first = new DateOnly(from.Year, from.Month, 1);
        var last = until is { } u ? new DateOnly(u.Year, u.Month, 1) : DateOnly.MaxValue;
        return await db.ChargeComputations
            .Where(c => c.Month >= first && c.Month <= last)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.StaleSince, now), ct);
    }
}
