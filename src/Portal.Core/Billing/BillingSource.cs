namespace Portal.Core.Billing;

/// <summary>Where one payer account's AWS cost reports land: a local folder or an S3 bucket + prefix (SPEC F7).</summary>
public sealed class BillingSource
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The 12-digit payer (management) account whose reports this source holds.</summary>
    public string PayerAccountId { get; set; } = "";

    /// <summary>A folder path or <c>s3://bucket/prefix</c>.</summary>
    public string Location { get; set; } = "";

    /// <summary>An S3-compatible endpoint; empty means AWS itself (region and credentials from the standard chain).</summary>
    public string? S3ServiceUrl { get; set; }

    public ReportFormat Format { get; set; } = ReportFormat.Auto;

    /// <summary>The billing-group tag key without prefix, matched in every spelling of SPEC F7.</summary>
    public string TagKey { get; set; } = DefaultTagKey;

    public bool Enabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public const string DefaultTagKey = "CmBillingGroup";
}

/// <summary>The report family of a source's files; <see cref="Auto"/> detects it from the files.</summary>
public enum ReportFormat
{
    Auto = 0,

    /// <summary>Legacy CUR CSV or CSV.gz: slash headers (<c>lineItem/UnblendedCost</c>) or their snake_case form.</summary>
    CurCsv = 1,

    /// <summary>Legacy CUR Parquet (Athena names such as <c>line_item_unblended_cost</c>).</summary>
    CurParquet = 2,

    /// <summary>CUR 2.0 (Data Exports) Parquet with <c>resource_tags</c> and <c>product</c> map columns.</summary>
    Cur2 = 3,

    /// <summary>FOCUS 1.0 / 1.2, CSV or Parquet.</summary>
    Focus = 4,
}
