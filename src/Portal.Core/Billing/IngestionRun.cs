namespace Portal.Core.Billing;

/// <summary>One attempt at one delivery, with what the staff console shows while it runs and after.</summary>
public sealed class IngestionRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SourceId { get; set; }

    public Guid? DeliveryId { get; set; }

    public string Delivery { get; set; } = "";

    public RunState State { get; set; }

    public IngestionPhase Phase { get; set; }

    public long RowsRead { get; set; }

    public long BytesRead { get; set; }

    public long BytesTotal { get; set; }

    public long FactRows { get; set; }

    /// <summary>0..1 while running; DuckDB's own estimate during the scan.</summary>
    public double Progress { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public double? DurationSeconds { get; set; }
}

public enum RunState
{
    Running = 0,
    Succeeded = 1,
    Failed = 2,
}

public enum IngestionPhase
{
    Claiming = 0,
    Downloading = 1,
    Scanning = 2,
    Writing = 3,
    Committing = 4,
    Done = 5,
}
