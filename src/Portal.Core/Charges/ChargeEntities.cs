using Portal.Core.Projects;

namespace Portal.Core.Charges;

/// <summary>
/// One rated charge line (issue: charges): an account's day × service × line item type × tag in one month, in USD and in
/// its project's currency. Money is fixed-point (<see cref="Billing.FixedPoint"/>) so sums run exactly in SQL on both
/// databases. The charges of one (payer, month) are replaced as one unit by each recompute.
/// </summary>
public sealed class ChargeLine
{
    public long Id { get; set; }

    public string PayerAccountId { get; set; } = "";

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ProjectId { get; set; }

    /// <summary>The 12-digit AWS account; empty for a project-level custom fee.</summary>
    public string AccountNumber { get; set; } = "";

    public DateOnly Day { get; set; }

    public string ProductCode { get; set; } = "";

    /// <summary>The invoice category (usage, discount, fee, credit, tax) as its number.</summary>
    public int Category { get; set; }

    public string LineItemType { get; set; } = "";

    /// <summary>The billing-group tag value; empty when untagged.</summary>
    public string TagValue { get; set; } = "";

    public long Usd { get; set; }

    public long Amount { get; set; }

    public Currency Currency { get; set; }

    public string? NameJa { get; set; }

    public string? NameEn { get; set; }
}

/// <summary>When the charges of a (payer, month) were last computed, and with which rate.</summary>
public sealed class ChargeComputation
{
    public int Id { get; set; }

    public string PayerAccountId { get; set; } = "";

    public DateOnly Month { get; set; }

    public DateTimeOffset ComputedAt { get; set; }

    public decimal? UsdToJpy { get; set; }

    public long LineCount { get; set; }

    /// <summary>
    /// Counts the recomputes of this (payer, month). Readers that remember charge sums between requests compare the sum
    /// of all revisions (with the row count) to know whether any charge line changed since.
    /// </summary>
    public long Revision { get; set; }

    /// <summary>Why the last attempt could not rate the month (for example a missing exchange rate); null when it could.</summary>
    public string? Problem { get; set; }

    /// <summary>
    /// Set when a rule or rate change affects this month (the time of the latest such change); the next recompute
    /// clears it unless a newer change arrived while it was rating.
    /// </summary>
    public DateTimeOffset? StaleSince { get; set; }
}

/// <summary>
/// The state of every computed charge at one moment: how many (payer, month)s are computed and the sum of their
/// revisions. Two reads give the same stamp only if no recompute committed in between, so sums remembered under a
/// stamp are current while the stamp is.
/// </summary>
public sealed record ChargeStamp(int Computations, long Revisions);

/// <summary>A month's USD→JPY rate as staff entered it (SPEC F8), frozen by the invoices of that month.</summary>
public sealed class ExchangeRateEntry
{
    public int Id { get; set; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }

    public decimal UsdToJpy { get; set; }

    public string Source { get; set; } = "";

    public DateOnly RateDate { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid? UpdatedById { get; set; }
}

/// <summary>A rating rule as staff maintain it (see Portal.Billing.Rating.RatingRule for the meaning of each field).</summary>
public sealed class RatingRuleEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public int Kind { get; set; }

    public int Scope { get; set; }

    public string? ScopeValue { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    public DateOnly? EffectiveUntil { get; set; }

    public int Order { get; set; }

    public decimal Percent { get; set; }

    public decimal Amount { get; set; }

    public Currency AmountCurrency { get; set; }

    public string? LineItemType { get; set; }

    public int Treatment { get; set; }

    public string? NameJa { get; set; }

    public string? NameEn { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// The month's charges of one account and tag value, summed from its charge lines and replaced with them as one unit.
/// The summary screens (project summary, account list, organization home) read these instead of summing thousands of
/// lines per request (bench serve). <see cref="Amount"/> is exactly the sum of the lines' stored amounts.
/// </summary>
public sealed class ChargeMonthSum
{
    public long Id { get; set; }

    public string PayerAccountId { get; set; } = "";

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ProjectId { get; set; }

    /// <summary>The 12-digit AWS account; empty for a project-level custom fee.</summary>
    public string AccountNumber { get; set; } = "";

    public string TagValue { get; set; } = "";

    public long Usd { get; set; }

    public long Amount { get; set; }

    public Currency Currency { get; set; }

    /// <summary>The sums of <paramref name="lines"/> (one payer's month) per project, account and tag value.</summary>
    public static IEnumerable<ChargeMonthSum> Of(IEnumerable<ChargeLine> lines) =>
        lines.GroupBy(l => (l.PayerAccountId, l.Month, l.OrganizationId, l.ProjectId, l.AccountNumber, l.TagValue, l.Currency))
            .Select(g => new ChargeMonthSum
            {
                PayerAccountId = g.Key.PayerAccountId, Month = g.Key.Month, OrganizationId = g.Key.OrganizationId, ProjectId = g.Key.ProjectId,
                AccountNumber = g.Key.AccountNumber, TagValue = g.Key.TagValue, Currency = g.Key.Currency,
                Usd = g.Sum(l => l.Usd), Amount = g.Sum(l => l.Amount),
            });
}
