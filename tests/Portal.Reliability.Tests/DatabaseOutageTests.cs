using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Portal.Reliability.Tests;

/// <summary>PostgreSQL stopped for 30 s under traffic: 503 with a friendly page, recovery without restarts, nothing lost.</summary>
public sealed class DatabaseOutageTests(Deployment portal)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DatabaseStopped30Seconds_503FriendlyPage_RecoversAlone_NoAcknowledgedWriteLost()
    {
        var user = await portal.CreateUserAsync("outage");
        using var browser = new Browser();
        await browser.SignInAsync(portal.WebA, user.Email!, Deployment.Password);
        var traffic = new Traffic(portal, browser);
        using var stop = new CancellationTokenSource();
        var running = traffic.RunAsync(stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        var stopping = traffic.Elapsed;
        await portal.Cluster.StopServerAsync();
        var stoppedAt = traffic.Elapsed;
        await Task.Delay(Outage, TestContext.Current.CancellationToken);
        var restarting = traffic.Elapsed;
        await portal.Cluster.StartServerAsync();
        var restartedAt = traffic.Elapsed;
        // The test's own connections (not the portal's) were cut too: drop them so later tests start clean.
        Npgsql.NpgsqlConnection.ClearAllPools();
        // Recovered: both nodes answer the signed-in page again, with no process restarted.
        var recovered = await traffic.WaitForSuccessOnBothAsync(TimeSpan.FromMinutes(2));
        var recoveryTime = recovered - restartedAt;
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await running;

        var log = traffic.Log;
        var during = log.Where(r => r.At > stoppedAt && r.At < restarting).ToList();
        var after = log.Where(r => r.At > recovered + TimeSpan.FromSeconds(1)).ToList();
        Figures.Record($"database outage: stopped {Outage.TotalSeconds:0} s (stop took {(stoppedAt - stopping).TotalSeconds:0.0} s, start {(restartedAt - restarting).TotalSeconds:0.0} s); first success on both nodes {recoveryTime.TotalSeconds:0.0} s after restart; " +
            $"{log.Count} requests: {string.Join(", ", log.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))}; " +
            $"during the outage {during.Count} requests, all 503: {during.All(r => r.Status == 503)}; acknowledged writes {traffic.Acknowledged.Count}");

        Assert.DoesNotContain(log, r => r.Status is 0 or (>= 500 and not 503));
        Assert.NotEmpty(during);
        Assert.All(during, r => Assert.Equal(503, r.Status));
        var page = traffic.FirstUnavailablePage!;
        Assert.Contains("サービスが一時的に利用できません", page, StringComparison.Ordinal);
        Assert.Contains("The service is temporarily unavailable", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"request-id\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", page, StringComparison.Ordinal);
        Assert.NotEmpty(after);
        Assert.All(after, r => Assert.True(r.Status is 200 or 302, $"{r.Method} on {r.Node} at {r.At} answered {r.Status} after recovery."));
        Assert.True(recoveryTime < TimeSpan.FromSeconds(60), $"Recovery took {recoveryTime}.");
        Assert.All([portal.WebA, portal.WebB, .. portal.Workers], p => Assert.False(p.HasExited, $"{p.Name} died:\n{p.Output}"));
        // Nothing acknowledged is lost: every 302 of a save is in the audit log and the last one is the stored name.
        var (name, saves) = await portal.WithDbAsync(async db => (
            await db.Users.Where(u => u.Id == user.Id).Select(u => u.DisplayName).SingleAsync(),
            await db.AuditEvents.CountAsync(e => e.Event == "profile.updated" && e.ActorId == user.Id)));
        Assert.True(traffic.Acknowledged.Count >= 4, "Too few writes were acknowledged to tell anything.");
        Assert.InRange(saves, traffic.Acknowledged.Count, traffic.Attempted);
        Assert.Equal(traffic.Acknowledged[^1], name);
    }

    /// <summary>
    /// One signed-in user reading the profile page on both nodes in turn and saving a new name every third request;
    /// every answer is logged with its time.
    /// </summary>
    private sealed class Traffic(Deployment portal, Browser browser)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<Request> _log = [];
        private int _attempted;

        public List<string> Acknowledged { get; } = [];

        public int Attempted => _attempted;

        public TimeSpan Elapsed => _clock.Elapsed;

        public string? FirstUnavailablePage { get; private set; }

        public List<Request> Log
        {
            get
            {
                lock (_log)
                {
                    return [.. _log];
                }
            }
        }

        public async Task RunAsync(CancellationToken stop)
        {
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                var node = i % 2 == 0 ? portal.WebA : portal.WebB;
                if (i % 3 == 2)
                {
                    var name = $"outage-{i}";
                    Interlocked.Increment(ref _attempted);
                    var at = _clock.Elapsed;
                    using var response = await Send(() => browser.SubmitAsync(node, "/id/profile",
                        new Dictionary<string, string> { ["DisplayName"] = name, ["Language"] = "ja", ["CurrentPassword"] = Deployment.Password }));
                    await Note(node, "POST", at, response);
                    if (response?.StatusCode == HttpStatusCode.Redirect && response.RequestMessage!.Method == HttpMethod.Post)
                    {
                        Acknowledged.Add(name);
                    }
                }
                else
                {
                    var at = _clock.Elapsed;
                    using var response = await Send(() => browser.GetAsync(node, "/id/profile"));
                    await Note(node, "GET", at, response);
                }
                i++;
                await Task.Delay(200, CancellationToken.None);
            }
        }

        /// <summary>Waits for a 200 from each node after the restart; returns when that was.</summary>
        public async Task<TimeSpan> WaitForSuccessOnBothAsync(TimeSpan timeout)
        {
            var from = _clock.Elapsed;
            await Eventually.ThatAsync(() => Task.FromResult(Log.Where(r => r.At >= from && r.Status == 200).Select(r => r.Node).Distinct().Count() == 2),
                timeout, "both nodes to answer 200 again");
            return _clock.Elapsed;
        }

        /// <summary>A request that got no HTTP answer at all (connection reset, timeout) is logged as status 0: a failure.</summary>
        private static async Task<HttpResponseMessage?> Send(Func<Task<HttpResponseMessage>> request)
        {
            try
            {
                return await request();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return null;
            }
        }

        private async Task Note(PortalProcess node, string method, TimeSpan at, HttpResponseMessage? response)
        {
            var status = response is null ? 0 : (int)response.StatusCode;
            if (status == 503 && FirstUnavailablePage is null && response!.Content.Headers.ContentType?.MediaType == "text/html")
            {
                FirstUnavailablePage = await response.Content.ReadAsStringAsync();
                Assert.True(response.Headers.RetryAfter is not null, "The 503 carries no Retry-After.");
            }
            lock (_log)
            {
                _log.Add(new Request(node.Name, method, at, status));
            }
        }
    }

    private sealed record Request(string Node, string Method, TimeSpan At, int Status);
}
