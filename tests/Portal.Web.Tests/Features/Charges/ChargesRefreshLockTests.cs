using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Infrastructure.Jobs;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Charges;

/// <summary>
/// One charges recompute at a time: two interleaving replaces of a month would double count. (That the lock dies with a
/// killed worker is the slow stage's WorkerCrashTests.)
/// </summary>
public sealed class ChargesRefreshLockTests(PortalApps apps)
{
    [Theory, BothDatabases]
    public async Task Lock_HeldByOneRecompute_KeepsTheNextWaiting_UntilReleased(DatabaseKind db)
    {
        var app = await apps.For(db);
        var refreshLock = app.Services.GetRequiredService<ChargesRefreshLock>();
        var ct = TestContext.Current.CancellationToken;

        var first = await refreshLock.AcquireAsync(TimeSpan.FromMinutes(1), ct);
        await Assert.ThrowsAsync<TimeoutException>(() => refreshLock.AcquireAsync(TimeSpan.FromSeconds(1), ct));
        var waiting = refreshLock.AcquireAsync(TimeSpan.FromMinutes(2), ct);
        await first.DisposeAsync();
        await using var second = await waiting;

        await Assert.ThrowsAsync<TimeoutException>(() => refreshLock.AcquireAsync(TimeSpan.FromSeconds(1), ct));
    }
}
