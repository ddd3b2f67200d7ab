namespace Portal.Web.Features.Helpdesk;

/// <summary>The <c>Helpdesk</c> configuration section: where attachments live and how many and how large they may be.</summary>
public sealed class HelpdeskOptions
{
    public const string Section = "Helpdesk";

    /// <summary>
    /// The upper bound of one upload request. Limits configured above it cannot be reached: the server refuses the
    /// request first.
    /// </summary>
    public const long RequestLimitBytes = 64L * 1024 * 1024;

    /// <summary>Folder of attachment files (relative paths are taken from the working directory).</summary>
    public string AttachmentFolder { get; set; } = "data/attachments";

    public int MaxAttachmentsPerMessage { get; set; } = 5;

    public long MaxAttachmentBytes { get; set; } = 10L * 1024 * 1024;

    public int MaxBodyLength { get; set; } = 20000;
}
