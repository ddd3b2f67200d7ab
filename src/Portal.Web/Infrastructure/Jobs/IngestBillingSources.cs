using Hangfire;
using Portal.Billing;

namespace Portal.Web.Infrastructure.Jobs;

/// <summary>
/// The ingestion jobs. A delivery is claimed in the database before it is processed, so a job that runs twice (a retry,
/// two workers) processes each delivery once; a failed delivery is recorded as a failed run and retried by the next poll.
/// </summary>
/// <remarks>After ingesting, the months whose facts changed are re-rated and the alarms evaluated, so charges follow within the same job.</remarks>
public sealed class IngestBillingSources(BillingIngestion ingestion, RefreshCharges charges)
{
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task AllAsync(CancellationToken ct)
    {
        await ingestion.IngestAllAsync(null, ct);
        await charges.RunAsync(ct);
    }

    [AutomaticRetry(Attempts = 0)]
    public async Task SourceAsync(Guid sourceId, CancellationToken ct)
    {
        await ingestion.IngestSourceAsync(sourceId, null, ct);
        await charges.RunAsync(ct);
    }
}
