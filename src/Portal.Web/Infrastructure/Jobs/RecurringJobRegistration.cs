using Hangfire;
using Microsoft.Extensions.Options;
using Portal.Billing;

namespace Portal.Web.Infrastructure.Jobs;

/// <summary>Registers the recurring jobs when a job server starts (idempotent: the job id is fixed).</summary>
public sealed class RecurringJobRegistration(IRecurringJobManager recurring, IOptions<BillingOptions> billing) : IHostedService
{
    public const string PollSources = "billing:poll-sources";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var minutes = Math.Clamp((int)Math.Round(billing.Value.PollInterval.TotalMinutes), 1, 59);
        recurring.AddOrUpdate<IngestBillingSources>(PollSources, job => job.AllAsync(CancellationToken.None), $"*/{minutes} * * * *");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
