using System.Text.RegularExpressions;

namespace Portal.Core.Projects;

/// <summary>What a notification is about; each topic has its own TO and CC lists (SPEC F6).</summary>
public enum NotificationTopic
{
    Billing = 0,
    Technical = 1,
    Security = 2,
}

/// <summary>
/// Where and in which language mail about one AWS account goes: billing (charge alarms, invoices), technical and
/// security notices, each with 0–6 TO and 0–6 CC addresses, and a phone number for emergencies. One row per account,
/// sharing its key; an account without a row has empty lists and Japanese.
/// </summary>
public sealed partial class AccountNotificationSettings
{
    public Guid AwsAccountId { get; set; }

    public AwsAccount AwsAccount { get; set; } = null!;

    public Guid OrganizationId { get; set; }

    public List<string> BillingTo { get; set; } = [];

    public List<string> BillingCc { get; set; } = [];

    public List<string> TechnicalTo { get; set; } = [];

    public List<string> TechnicalCc { get; set; } = [];

    public List<string> SecurityTo { get; set; } = [];

    public List<string> SecurityCc { get; set; } = [];

    /// <summary><c>ja</c> or <c>en</c>: the language of every mail about this account.</summary>
    public string Language { get; set; } = "ja";

    public string? EmergencyPhone { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid? UpdatedById { get; set; }

    public List<string> To(NotificationTopic topic) => topic switch
    {
        NotificationTopic.Billing => BillingTo,
        NotificationTopic.Technical => TechnicalTo,
        _ => SecurityTo,
    };

    public List<string> Cc(NotificationTopic topic) => topic switch
    {
        NotificationTopic.Billing => BillingCc,
        NotificationTopic.Technical => TechnicalCc,
        _ => SecurityCc,
    };

    /// <summary>
    /// A phone number people can dial: an optional leading +, digits with optional spaces, hyphens or parentheses (an area code may open with one),
    /// 10 to 15 digits in all (Japanese landlines have 10, mobiles 11, E.164 at most 15).
    /// </summary>
    public static bool IsValidPhone(string? phone)
    {
        if (phone is null || !PhoneShape().IsMatch(phone))
        {
            return false;
        }
        var digits = phone.Count(char.IsAsciiDigit);
        return digits is >= 10 and <= 15;
    }

    [GeneratedRegex(@"^\+?[0-9(][0-9 ()\-]{6,22}[0-9]\z")]
    private static partial Regex PhoneShape();
}
