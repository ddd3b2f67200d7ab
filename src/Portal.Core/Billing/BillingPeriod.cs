namespace Portal.Core.Billing;

/// <summary>
/// The facts of one payer and month, and their freshness (SPEC F7): which delivery they come from, when the last
/// aggregation finished, up to which time the data is complete, and whether AWS has invoiced the month.
/// </summary>
public sealed class BillingPeriod
{
    public int Id { get; set; }

    public string PayerAccountId { get; set; } = "";

    /// <summary>The first day of the billing month.</summary>
    public DateOnly Month { get; set; }

    public Guid SourceId { get; set; }

    public Guid DeliveryId { get; set; }

    public DateTimeOffset LastAggregatedAt { get; set; }

    /// <summary>The latest usage end time in the delivery.</summary>
    public DateTimeOffset? DataCompleteThrough { get; set; }

    /// <summary><c>bill/InvoiceId</c> is set: AWS has invoiced the month (later credits may still arrive).</summary>
    public bool IsFinal { get; set; }

    public long LineCount { get; set; }

    public long FactCount { get; set; }
}
