namespace Portal.Core.Billing;

/// <summary>
/// One delivery of a source: a legacy manifest + assembly, a CUR 2.0 / FOCUS manifest, or the set of data files of a
/// period folder identified by names, sizes and last-modified times. The unique key (payer, period, delivery key)
/// makes a delivery processed once even with several workers.
/// </summary>
public sealed class BillingDelivery
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SourceId { get; set; }

    public BillingSource Source { get; set; } = null!;

    public string PayerAccountId { get; set; } = "";

    /// <summary><c>yyyy-MM</c> from the manifest or the folder; empty when only the billing-period column tells.</summary>
    public string PeriodKey { get; set; } = "";

    /// <summary>The assembly id, the manifest's execution id, or a fingerprint of the files' names, sizes and times.</summary>
    public string DeliveryKey { get; set; } = "";

    /// <summary>Human-readable: the manifest or folder this delivery came from.</summary>
    public string Description { get; set; } = "";

    public int FileCount { get; set; }

    public long TotalBytes { get; set; }

    public DeliveryState State { get; set; }

    /// <summary>While <see cref="DeliveryState.Processing"/>: the worker's lease; an expired lease means the worker died.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public DateTimeOffset DiscoveredAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}

public enum DeliveryState
{
    Processing = 0,
    Completed = 1,
    Failed = 2,
}
