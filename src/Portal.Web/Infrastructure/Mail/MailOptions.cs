namespace Portal.Web.Infrastructure.Mail;

/// <summary>The <c>Mail</c> configuration section.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string FromAddress { get; set; } = "portal@example.com";

    public string FromName { get; set; } = "Members Portal";

    /// <summary>SMTP host; when empty, mails are written as .eml files to <see cref="PickupFolder"/>.</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 25;

    public bool SmtpUseTls { get; set; }

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    public string PickupFolder { get; set; } = "data/mail";

    /// <summary>How often the outbox is dispatched; 0 turns the background dispatcher off (tests drive it).</summary>
    public int DispatchIntervalSeconds { get; set; } = 10;

    /// <summary>Attempts before a mail is left for an operator to look at.</summary>
    public int MaxAttempts { get; set; } = 20;
}
