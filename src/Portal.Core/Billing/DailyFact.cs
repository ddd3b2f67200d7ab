namespace Portal.Core.Billing;

/// <summary>
/// Daily sums of one billing month (docs/adr/0101-fact-storage.md). Money is fixed-point: the amount times
/// 10^10 (<see cref="FixedPoint"/>), because AWS amounts have up to 10 decimals and integer sums run in SQL on both
/// SQLite and PostgreSQL. Text dimensions live in <see cref="BillingDimension"/> and <see cref="BillingTag"/>.
/// </summary>
public sealed class DailyFact
{
    public int PeriodId { get; set; }

    /// <summary>The usage account: 12 digits for AWS, other ids for other FOCUS providers.</summary>
    public string UsageAccountId { get; set; } = "";

    /// <summary>The UTC day of the usage start.</summary>
    public DateOnly UsageDate { get; set; }

    public int DimensionId { get; set; }

    /// <summary>Null when untagged (empty and missing tag values alike).</summary>
    public int? TagId { get; set; }

    public long UnblendedCost { get; set; }

    /// <summary>Null when the report has no net unblended cost column.</summary>
    public long? NetUnblendedCost { get; set; }

    public long AmortizedCost { get; set; }

    public long? PublicOnDemandCost { get; set; }

    public double UsageAmount { get; set; }

    public long LineCount { get; set; }
}

/// <summary>The text columns shared by many facts: service, usage type, operation, place, line item type, currency.</summary>
public sealed class BillingDimension
{
    public int Id { get; set; }

    public string ProductCode { get; set; } = "";

    public string ProductName { get; set; } = "";

    public string UsageType { get; set; } = "";

    public string Operation { get; set; } = "";

    public string Region { get; set; } = "";

    public string AvailabilityZone { get; set; } = "";

    public string LineItemType { get; set; } = "";

    public string Currency { get; set; } = "";
}

/// <summary>A billing-group tag value. Untagged cost has no tag row.</summary>
public sealed class BillingTag
{
    public int Id { get; set; }

    public string Value { get; set; } = "";
}

/// <summary>Money stored as a 64-bit integer of 10^-10 units; conversions are exact.</summary>
public static class FixedPoint
{
    public const int Scale = 10;

    public const decimal Factor = 10_000_000_000m;

    public static decimal ToDecimal(long value) => value / Factor;

    public static decimal? ToDecimal(long? value) => value is { } v ? v / Factor : null;

    /// <summary>Throws when <paramref name="value"/> has more than 10 decimals or does not fit.</summary>
    public static long FromDecimal(decimal value)
    {
        var scaled = value * Factor;
        if (scaled != decimal.Truncate(scaled))
        {
            throw new ArgumentException($"{value} has more than {Scale} decimals.", nameof(value));
        }
        return checked((long)scaled);
    }
}
