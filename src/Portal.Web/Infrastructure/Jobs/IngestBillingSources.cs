using Hangfire;
using Portal.Billing;

namespace Portal.Web.Infrastructure.Jobs;

/// <summary>
/// The ingestion jobs. A delivery is claimed in the database before it is processed, so a job that runs twice (a retry,
/// two workers) processes each delivery once; a failed delivery is recorded as a failed run and retried by the next poll.
/// </summary>
public sealed class IngestBillingSources(BillingIngestion ingestion)
{
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public Task AllAsync(CancellationToken ct) => ingestion.IngestAllAsync(null, ct);

    [AutomaticRetry(Attempts = 0)]
    public Task SourceAsync(Guid sourceId, CancellationToken ct) => ingestion.IngestSourceAsync(sourceId, null, ct);
}
