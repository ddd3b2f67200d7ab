using Portal.Core.Projects;

namespace Portal.Core.Charges;

/// <summary>
/// A customer's charge alarm on one AWS account (SPEC F9): when the month-to-date charge of the account, or of one
/// billing-group tag value in it, reaches <see cref="Threshold"/> (in the project's currency, upfront fees excluded),
/// the account's billing TO/CC get one mail for that calendar month.
/// </summary>
public sealed class ChargeAlarm
{
    /// <summary>At most this many alarms on an account's total, and as many on each tag value.</summary>
    public const int MaxPerTarget = 3;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid AwsAccountId { get; set; }

    public AwsAccount AwsAccount { get; set; } = null!;

    /// <summary>Null for an alarm on the account's total; otherwise the billing-group tag value it watches.</summary>
    public string? TagValue { get; set; }

    public decimal Threshold { get; set; }

    /// <summary>The project's currency when the alarm was set; the threshold is compared in it.</summary>
    public Currency Currency { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Guid? CreatedById { get; set; }
}

/// <summary>
/// An alarm fired for a calendar month. The unique (alarm, month) key makes firing idempotent: re-running the
/// evaluation, or two workers running it at once, never mails twice.
/// </summary>
public sealed class ChargeAlarmFiring
{
    public long Id { get; set; }

    public Guid ChargeAlarmId { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>The first day of the month the alarm fired for.</summary>
    public DateOnly Month { get; set; }

    /// <summary>The month-to-date charge that crossed the threshold, in the alarm's currency.</summary>
    public decimal Amount { get; set; }

    public DateTimeOffset FiredAt { get; set; }
}
