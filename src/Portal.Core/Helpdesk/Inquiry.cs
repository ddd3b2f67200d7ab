using Portal.Core.Projects;

namespace Portal.Core.Helpdesk;

/// <summary>What an inquiry is about (SPEC F12). Account and project applications are categories of their own.</summary>
public enum InquiryCategory
{
    Technical = 0,
    Billing = 1,
    NewAccount = 2,
    TransferIn = 3,
    NameChange = 4,
    Cancellation = 5,
    ProjectApplication = 6,
    Other = 7,
}

public enum InquiryStatus
{
    New = 0,
    InProgress = 1,
    WaitingForCustomer = 2,
    Resolved = 3,
    Closed = 4,
}

/// <summary>
/// A helpdesk thread of one organization. Customers with Inquiry user see every inquiry of their organization; staff
/// see all. An inquiry opened by an application (<see cref="ServiceApplicationId"/>) shows that application's fields.
/// </summary>
public sealed class Inquiry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public InquiryCategory Category { get; set; }

    public InquiryStatus Status { get; set; }

    public string Subject { get; set; } = "";

    public Guid? CreatedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The last message or status change: the queue sorts by it.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The staff member working on it.</summary>
    public Guid? AssigneeId { get; set; }

    public Guid? ServiceApplicationId { get; set; }

    public ServiceApplication? ServiceApplication { get; set; }

    /// <summary>The AWS accounts the customer named (ids of <see cref="AwsAccount"/> of the same organization).</summary>
    public List<Guid> RelatedAccountIds { get; set; } = [];

    public List<InquiryMessage> Messages { get; set; } = [];

    /// <summary>The category an application of <paramref name="kind"/> appears under.</summary>
    public static InquiryCategory CategoryOf(ApplicationKind kind) => kind switch
    {
        ApplicationKind.NewAccount => InquiryCategory.NewAccount,
        ApplicationKind.TransferIn => InquiryCategory.TransferIn,
        ApplicationKind.NameChange => InquiryCategory.NameChange,
        ApplicationKind.Cancellation => InquiryCategory.Cancellation,
        _ => InquiryCategory.ProjectApplication,
    };

    public bool IsOpen => Status is not (InquiryStatus.Resolved or InquiryStatus.Closed);
}

/// <summary>One message of a thread. Internal notes are staff-only and never reach a customer page, mail or API.</summary>
public sealed class InquiryMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid InquiryId { get; set; }

    public Inquiry Inquiry { get; set; } = null!;

    public Guid OrganizationId { get; set; }

    public Guid? AuthorId { get; set; }

    public bool FromStaff { get; set; }

    public bool IsInternal { get; set; }

    /// <summary>Markdown as written; rendered through the sanitizer on display.</summary>
    public string Body { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public List<InquiryAttachment> Attachments { get; set; } = [];
}

/// <summary>
/// A file attached to a message. The bytes live on disk under the configured attachment folder (named by
/// <see cref="Id"/>), not in the database row; the content type is the one sniffed from the bytes.
/// </summary>
public sealed class InquiryAttachment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid MessageId { get; set; }

    public InquiryMessage Message { get; set; } = null!;

    public Guid InquiryId { get; set; }

    public Guid OrganizationId { get; set; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    /// <summary>SHA-256 of the bytes, hex: lets an operator check the file on disk is the one uploaded.</summary>
    public string Sha256 { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
