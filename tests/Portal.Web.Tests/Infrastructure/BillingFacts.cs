using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Billing;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>One daily fact to store: an account's cost on a day, as ingestion would have aggregated it.</summary>
public sealed record FactRow(string Account, int Day, string LineItemType, decimal Cost, string Service = "AmazonEC2", string Tag = "");

public static class BillingFacts
{
    /// <summary>A random payer account id of its own, so that each test's months are its own.</summary>
    public static string NewPayer() => Tenants.NewAccountNumber();

    /// <summary>
    /// Stores facts of <paramref name="payer"/>'s <paramref name="month"/> the way ingestion leaves them (period,
    /// dimensions, tags, fixed-point daily facts), adding to the month's facts when it already has some.
    /// </summary>
    public static Task AddFactsAsync(this PortalApp app, string payer, DateOnly month, params FactRow[] rows) =>
        app.WithDbAsync(async db =>
        {
            var period = await db.BillingPeriods.SingleOrDefaultAsync(p => p.PayerAccountId == payer && p.Month == month);
            if (period is null)
            {
                period = new BillingPeriod { PayerAccountId = payer, Month = month, SourceId = Guid.NewGuid(), DeliveryId = Guid.NewGuid() };
                db.BillingPeriods.Add(period);
            }
            period.LastAggregatedAt = app.Clock.GetUtcNow();
            period.DataCompleteThrough = app.Clock.GetUtcNow();
            await db.SaveChangesAsync();
            foreach (var row in rows)
            {
                var usageType = "TestUsage:" + row.LineItemType;
                var dimension = await db.BillingDimensions.FirstOrDefaultAsync(d => d.ProductCode == row.Service && d.UsageType == usageType && d.LineItemType == row.LineItemType);
                if (dimension is null)
                {
                    dimension = new BillingDimension { ProductCode = row.Service, ProductName = row.Service, UsageType = usageType, LineItemType = row.LineItemType, Currency = "USD" };
                    db.BillingDimensions.Add(dimension);
                    await db.SaveChangesAsync();
                }
                int? tagId = null;
                if (row.Tag.Length > 0)
                {
                    var tag = await db.BillingTags.FirstOrDefaultAsync(t => t.Value == row.Tag);
                    if (tag is null)
                    {
                        tag = new BillingTag { Value = row.Tag };
                        db.BillingTags.Add(tag);
                        await db.SaveChangesAsync();
                    }
                    tagId = tag.Id;
                }
                var cost = FixedPoint.FromDecimal(row.Cost);
                var day = month.AddDays(row.Day - 1);
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO billing_daily_facts (period_id, usage_account_id, usage_date, dimension_id, tag_id, unblended_cost, net_unblended_cost, amortized_cost, public_on_demand_cost, usage_amount, line_count)
                    VALUES ({period.Id}, {row.Account}, {day}, {dimension.Id}, {tagId}, {cost}, {cost}, {cost}, {cost}, {1.0}, {1L})
                    """);
            }
            return 0;
        });

    /// <summary>Runs a real Hangfire server on the app's job store until <paramref name="done"/> holds.</summary>
    public static async Task RunQueuedJobsAsync(this PortalApp app, Func<Task<bool>> done)
    {
        var storage = app.Services.GetRequiredService<JobStorage>();
        var activator = new AspNetCoreJobActivator(app.Services.GetRequiredService<IServiceScopeFactory>());
        using var server = new BackgroundJobServer(new BackgroundJobServerOptions { Activator = activator, WorkerCount = 1, SchedulePollingInterval = TimeSpan.FromSeconds(1) }, storage);
        // Generous: on a busy 2-core CI machine the queue may first hold other tests' jobs.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "The queued job did not finish within three minutes. " + JobStoreState(storage));
            await Task.Delay(200);
        }
    }

    /// <summary>What the job store holds, for the failure message: queued, running and failed jobs with their errors.</summary>
    private static string JobStoreState(JobStorage storage)
    {
        var monitor = storage.GetMonitoringApi();
        var processing = monitor.ProcessingJobs(0, 10).Select(j => $"{j.Value.Job?.Type.Name}.{j.Value.Job?.Method.Name} since {j.Value.StartedAt:O}");
        var failed = monitor.FailedJobs(0, 5).Select(j => $"{j.Value.Job?.Type.Name}.{j.Value.Job?.Method.Name}: {j.Value.ExceptionMessage}");
        var scheduled = monitor.ScheduledJobs(0, 10).Select(j => $"{j.Value.Job?.Type.Name}.{j.Value.Job?.Method.Name} at {j.Value.EnqueueAt:O}");
        return $"Enqueued: {monitor.EnqueuedCount("default")}; processing: [{string.Join("; ", processing)}]; scheduled (retries): [{string.Join("; ", scheduled)}]; failed: [{string.Join("; ", failed)}]";
    }
}
