namespace Portal.Core.Helpdesk;

public enum NoticeCategory
{
    Members = 0,
    Support = 1,
    Invoice = 2,
    Others = 3,
}

/// <summary>
/// A notice staff publish to customers (SPEC F13), written in both languages. Visible between
/// <see cref="PublishAt"/> and <see cref="ExpireAt"/> to every organization or to the chosen ones, and — when
/// <see cref="RequiresInquiryUser"/> — only to members holding Inquiry user.
/// </summary>
public sealed class Notice
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public NoticeCategory Category { get; set; }

    public bool Important { get; set; }

    public string TitleJa { get; set; } = "";

    public string TitleEn { get; set; } = "";

    /// <summary>Markdown.</summary>
    public string BodyJa { get; set; } = "";

    public string BodyEn { get; set; } = "";

    public DateTimeOffset PublishAt { get; set; }

    public DateTimeOffset? ExpireAt { get; set; }

    /// <summary>False: only the organizations in <see cref="Audience"/>.</summary>
    public bool AllOrganizations { get; set; } = true;

    public bool RequiresInquiryUser { get; set; }

    public List<NoticeAudience> Audience { get; set; } = [];

    public Guid? CreatedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set once when the notice was mailed to power users; a second request mails nobody.</summary>
    public DateTimeOffset? MailedAt { get; set; }

    public string Title(string language) => language == "en" ? TitleEn : TitleJa;

    public string Body(string language) => language == "en" ? BodyEn : BodyJa;
}

public sealed class NoticeAudience
{
    public Guid NoticeId { get; set; }

    public Guid OrganizationId { get; set; }
}
