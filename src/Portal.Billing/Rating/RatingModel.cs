using Portal.Core.Projects;

namespace Portal.Billing.Rating;

/// <summary>How a line appears on an invoice (SPEC F10: AWS usage, discounts, fees, credits).</summary>
public enum ChargeCategory
{
    Usage = 0,
    Discount = 1,
    Fee = 2,
    Credit = 3,
    Tax = 4,
}

/// <summary>What the customer is charged for a line item type: AWS's amount, or nothing (the reseller keeps it).</summary>
public enum LineTreatment
{
    PassThrough = 0,
    Retain = 1,
}

/// <summary>Which lines a rule applies to.</summary>
public enum RuleScopeKind
{
    All = 0,
    Organization = 1,
    Project = 2,
    Account = 3,
    Service = 4,
    UsageTypePattern = 5,
}

public enum RuleKind
{
    /// <summary>A percentage on usage and fees: negative is a discount, positive a markup.</summary>
    Adjustment = 0,

    /// <summary>Pass through or retain one line item type.</summary>
    Treatment = 1,

    /// <summary>Charge RI/SP-covered usage at the public on-demand price; the commitment's own fees are retained.</summary>
    ReRateCommitments = 2,

    /// <summary>A fixed monthly amount on a project or account (e.g. a service plan).</summary>
    FlatFee = 3,

    /// <summary>A percentage of the rated usage of a project or account (e.g. a support plan).</summary>
    PercentageFee = 4,
}

/// <summary>
/// One staff-maintained rating rule, effective from a month (and optionally until one), applied in <see cref="Order"/>.
/// </summary>
public sealed record RatingRule(
    Guid Id,
    RuleKind Kind,
    RuleScopeKind Scope,
    string? ScopeValue,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveUntil,
    int Order,
    decimal Percent = 0,
    decimal Amount = 0,
    Currency AmountCurrency = Currency.Usd,
    string? LineItemType = null,
    LineTreatment Treatment = LineTreatment.PassThrough,
    string? NameJa = null,
    string? NameEn = null)
{
    public bool IsEffectiveIn(DateOnly month) => EffectiveFrom <= month && (EffectiveUntil is null || month <= EffectiveUntil.Value);
}

/// <summary>One daily fact as rating needs it (amounts in USD, as AWS bills the reseller).</summary>
public sealed record FactLine(
    string AccountId, DateOnly Day, string ProductCode, string UsageType, string LineItemType, string TagValue,
    decimal UnblendedCost, decimal PublicOnDemandCost);

/// <summary>The project an account belongs to in the month being rated, and when it joined the service.</summary>
public sealed record AccountAssignment(string AccountId, Guid OrganizationId, Guid ProjectId, Currency Currency, DateOnly JoinedOn);

/// <summary>The month's USD→JPY rate as staff entered it.</summary>
public sealed record ExchangeRate(DateOnly Month, decimal UsdToJpy, string Source, DateOnly RateDate);

/// <summary>Everything rating reads; rating itself does no I/O.</summary>
public sealed record RatingInput(
    DateOnly Month, IReadOnlyList<FactLine> Facts, IReadOnlyList<AccountAssignment> Assignments, IReadOnlyList<RatingRule> Rules,
    ExchangeRate? Rate);

/// <summary>
/// A rated charge. <see cref="Amount"/> is in the project's currency, unrounded (yen are rounded once, per invoice
/// line, by <see cref="YenRounding"/>). Custom fees carry their names and no AWS line item type.
/// </summary>
public sealed record Charge(
    string AccountId, Guid ProjectId, DateOnly Day, string ProductCode, ChargeCategory Category, string LineItemType, string TagValue,
    decimal Usd, decimal Amount, Currency Currency, string? NameJa = null, string? NameEn = null);
