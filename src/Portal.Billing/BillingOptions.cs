namespace Portal.Billing;

/// <summary>The <c>Billing</c> configuration section.</summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";

    /// <summary>How often the scheduled job polls every source (SPEC: default 5 minutes).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a worker owns a delivery without a sign of life; after that another worker takes it over (a crashed
    /// process leaves its delivery in Processing).
    /// </summary>
    public TimeSpan DeliveryLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>DuckDB's memory ceiling; it spills to <see cref="TempDirectory"/> past it.</summary>
    public string DuckDbMemoryLimit { get; set; } = "768MB";

    /// <summary>DuckDB threads; 0 means one per core.</summary>
    public int DuckDbThreads { get; set; }

    /// <summary>Scratch space for DuckDB spills and S3 downloads; empty means the system temp folder.</summary>
    public string? TempDirectory { get; set; }

    /// <summary>
    /// Where line-level extracts for the usage-detail CSV are written (docs/adr/0102); empty turns them off. A
    /// delivery's lines land in <c>root/payer/delivery-id/period=…/usage_account=…/</c>; the current delivery of a
    /// month is <c>billing_periods.delivery_id</c>.
    /// </summary>
    public string? LineExtractRoot { get; set; }

    /// <summary>
    /// Fault injection for the crash tests (<see cref="CrashTestPause"/>): the process prints <c>PAUSED &lt;phase&gt;</c> and
    /// waits when it reaches this phase (an ingestion phase, or the commit of a month recompute or an invoice issue), so
    /// that a test can kill the process there. Never set in production.
    /// </summary>
    public string? PauseAtPhase { get; set; }

    public string ScratchRoot => string.IsNullOrWhiteSpace(TempDirectory) ? Path.GetTempPath() : TempDirectory;
}
