using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Portal.Core.Charges;
using Portal.Core.Data;
using Portal.Web.Auth.Tenancy;

namespace Portal.Web.Features.Charges;

/// <summary>
/// Remembers sums read from the charge tables (charge lines and monthly sums) between requests: they are most of a
/// charge page's work and change only when RecomputeCharges replaces a (payer, month), which bumps that month's
/// <c>ChargeComputation.Revision</c> in the same transaction. Each request reads the <see cref="ChargeStamp"/> once
/// (on an organization's route with the membership, in the same query) and uses only entries stored under the same
/// stamp, so a recompute committed on any node or worker is seen by the next request on every node — nothing is ever
/// served stale, and no timer is involved. Everything else a page shows (names, projects of a month, invoice numbers,
/// freshness) is still read live; the one exception is noted where it is loaded (a month's product names).
/// </summary>
/// <remarks>
/// A key is a record naming the organization and every parameter of its query, one record type per query; a loader
/// must read nothing but the charge tables. Stamps differ on a recompute, so old entries are never hit again and age
/// out (sliding 10 minutes, at most <see cref="ChargeReadStore.Entries"/> entries).
/// </remarks>
public sealed class ChargeReadCache(ChargeReadStore store, PortalDbContext db, CurrentMembership membership)
{
    private ChargeStamp? stamp;

    public async Task<T> GetAsync<T>(object key, Func<CancellationToken, Task<T>> load, CancellationToken ct)
        where T : class
    {
        // On an organization's route the authorization read the stamp with the membership, in the same round trip.
        stamp ??= membership.ChargeStamp ?? await ReadStampAsync(ct);
        var entryKey = (stamp, key);
        if (store.Cache.TryGetValue(entryKey, out T? value) && value is not null)
        {
            return value;
        }
        value = await load(ct);
        store.Cache.Set(entryKey, value, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return value;
    }

    private async Task<ChargeStamp> ReadStampAsync(CancellationToken ct) =>
        await db.ChargeComputations.AsNoTracking().GroupBy(_ => 1)
            .Select(g => new ChargeStamp(g.Count(), g.Sum(c => c.Revision)))
            .SingleOrDefaultAsync(ct) ?? new ChargeStamp(0, 0);
}

/// <summary>The process-wide memory behind <see cref="ChargeReadCache"/>, bounded apart from any other cache.</summary>
public sealed class ChargeReadStore : IDisposable
{
    public const int Entries = 20_000;

    public MemoryCache Cache { get; } = new(new MemoryCacheOptions { SizeLimit = Entries });

    public void Dispose() => Cache.Dispose();
}
