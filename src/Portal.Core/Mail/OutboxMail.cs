namespace Portal.Core.Mail;

/// <summary>
/// A mail waiting to be delivered. Mail is written here in the same transaction as the change that causes it and sent
/// by a background job, so that an SMTP outage delays mail but never loses it.
/// </summary>
public sealed class OutboxMail
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Comma-separated addresses.</summary>
    public string To { get; set; } = "";

    public string? Cc { get; set; }

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string? HtmlBody { get; set; }

    /// <summary>An optional single attachment (an invoice PDF when the issuer's settings ask for it).</summary>
    public string? AttachmentName { get; set; }

    public string? AttachmentContentType { get; set; }

    public byte[]? AttachmentContent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
