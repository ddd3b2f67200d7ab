using System.Net;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Infrastructure.Jobs;

namespace Portal.Reliability.Tests;

/// <summary>Two web nodes and two workers on one database behave as one portal.</summary>
public sealed class MultiNodeTests(Deployment portal)
{
    [Fact]
    public async Task Cookie_IssuedByNodeA_SignsInOnNodeB()
    {
        var user = await portal.CreateUserAsync("cookie");
        using var browser = new Browser();

        await browser.SignInAsync(portal.WebA, user.Email!, Deployment.Password);
        var (onB, page) = await browser.GetDocumentAsync(portal.WebB, "/id/profile");
        using var stranger = new Browser();
        using var anonymousOnB = await stranger.GetAsync(portal.WebB, "/id/profile");

        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        Assert.Contains(user.Email!, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        // The page needs the cookie: without it node B sends the visitor to sign in.
        Assert.Equal(HttpStatusCode.Redirect, anonymousOnB.StatusCode);
        Assert.StartsWith("/signin", anonymousOnB.Headers.Location!.OriginalString.Replace("http://127.0.0.1:" + portal.WebB.Port, "", StringComparison.Ordinal), StringComparison.Ordinal);
        // The key ring both nodes used lives in the database.
        var keys = await portal.WithDbAsync(db => db.DataProtectionKeys.CountAsync());
        Assert.True(keys >= 1, "No data-protection key was stored in the database.");
        Figures.Record($"data-protection keys in the database: {keys}");
    }

    [Fact]
    public async Task Jobs_EnqueuedOnce_EachRunsOnceAcrossTwoWorkers()
    {
        const int count = 20;
        var jobs = portal.Services.GetRequiredService<IBackgroundJobClient>();
        var ids = Enumerable.Range(0, count).Select(_ => jobs.Enqueue<RefreshCharges>(job => job.RunAsync(CancellationToken.None))).ToList();
        var idList = string.Join(",", ids);

        await Eventually.ThatAsync(async () => await Sql.ScalarAsync(portal.ConnectionString,
            $"SELECT count(*) FROM hangfire.job WHERE id IN ({idList}) AND statename = 'Succeeded'") == count, TimeSpan.FromMinutes(3), "the jobs to succeed");
        // Give a duplicate run the time to show up before counting.
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        var runs = await Sql.QueryAsync(portal.ConnectionString,
            $"SELECT jobid, count(*) FILTER (WHERE name = 'Processing'), count(*) FILTER (WHERE name = 'Succeeded') FROM hangfire.state WHERE jobid IN ({idList}) GROUP BY jobid");
        var perWorker = await Sql.QueryAsync(portal.ConnectionString,
            $"SELECT split_part(data::json->>'ServerId', ':', 2), count(*) FROM hangfire.state WHERE jobid IN ({idList}) AND name = 'Processing' GROUP BY 1 ORDER BY 1");

        var servers = (await Sql.QueryAsync(portal.ConnectionString, "SELECT id FROM hangfire.server")).Select(r => (string)r[0]!).ToList();

        // Both live workers are registered job servers; the web nodes run none (Jobs:RunServer=false).
        Assert.All(portal.Workers, w => Assert.Contains(servers, s => s.Contains($":{w.ProcessId}:", StringComparison.Ordinal)));
        Assert.DoesNotContain(servers, s => s.Contains($":{portal.WebA.ProcessId}:", StringComparison.Ordinal) || s.Contains($":{portal.WebB.ProcessId}:", StringComparison.Ordinal));
        Assert.Equal(count, runs.Count);
        Assert.All(runs, r => Assert.Equal((1L, 1L), (Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture))));
        Figures.Record($"{count} jobs, runs per worker process: {string.Join(", ", perWorker.Select(s => $"pid {s[0]}: {s[1]}"))}");
    }
}

public static class Eventually
{
    public static async Task ThatAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {timeout} waiting for {what}.");
            await Task.Delay(250);
        }
    }
}
