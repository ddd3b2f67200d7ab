using System.Security.Cryptography;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Web.Resources;

namespace Portal.Web.Features.Helpdesk;

/// <summary>An upload that passed the checks: its cleaned name, sniffed type and bytes.</summary>
public sealed record AttachmentUpload(string FileName, string ContentType, byte[] Content)
{
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Content));
}

/// <summary>
/// Checks uploads against the configured count and size limits and the allowed kinds, and keeps the accepted bytes in
/// files under <see cref="HelpdeskOptions.AttachmentFolder"/> (one folder per organization, one file per attachment id),
/// so the database holds only the metadata.
/// </summary>
public sealed class AttachmentStore(IOptions<HelpdeskOptions> options, IStringLocalizer<SharedResource> t)
{
    public HelpdeskOptions Limits => options.Value;

    /// <summary>Reads and checks the uploads; returns the per-field error when any file is refused (then none is kept).</summary>
    public async Task<(IReadOnlyList<AttachmentUpload> Files, string? Error)> ReadAsync(IReadOnlyList<IFormFile>? files, CancellationToken ct)
    {
        var present = (files ?? []).Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (present.Count > Limits.MaxAttachmentsPerMessage)
        {
            return ([], t["Helpdesk.Attach.TooMany", Limits.MaxAttachmentsPerMessage]);
        }
        var accepted = new List<AttachmentUpload>();
        foreach (var file in present)
        {
            var name = CleanName(file.FileName);
            if (file.Length == 0)
            {
                return ([], t["Helpdesk.Attach.Empty", name]);
            }
            if (file.Length > Limits.MaxAttachmentBytes)
            {
                return ([], t["Helpdesk.Attach.TooLarge", name, MegaBytes(Limits.MaxAttachmentBytes)]);
            }
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            var content = buffer.ToArray();
            var type = FileSniffer.Sniff(name, content);
            if (type is null)
            {
                return ([], t["Helpdesk.Attach.Type", name, string.Join(", ", FileSniffer.AllowedExtensions)]);
            }
            accepted.Add(new AttachmentUpload(name, type, content));
        }
        return (accepted, null);
    }

    public static string MegaBytes(long bytes) => (bytes / (1024m * 1024m)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB";

    public string PathOf(Guid organizationId, Guid attachmentId) =>
        Path.Combine(Path.GetFullPath(Limits.AttachmentFolder), organizationId.ToString("N"), attachmentId.ToString("N"));

    public async Task WriteAsync(Guid organizationId, Guid attachmentId, byte[] content, CancellationToken ct)
    {
        var path = PathOf(organizationId, attachmentId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content, ct);
    }

    /// <summary>Removes files written for a change that was then not saved.</summary>
    public void Delete(Guid organizationId, Guid attachmentId)
    {
        var path = PathOf(organizationId, attachmentId);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>The browser's name without folders or control characters (it is shown and sent back in a header).</summary>
    public static string CleanName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && c != '"').ToArray()).Trim();
        if (name.Length == 0)
        {
            name = "file";
        }
        return name.Length <= 200 ? name : name[^200..];
    }
}
