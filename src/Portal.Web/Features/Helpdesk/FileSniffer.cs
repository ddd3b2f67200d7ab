using System.Text.Unicode;

namespace Portal.Web.Features.Helpdesk;

/// <summary>
/// Decides an upload's content type from its bytes, not from what the browser claims: the file must be one of the
/// allowed kinds and its extension must agree with its content (a script renamed to .png is refused).
/// </summary>
public static class FileSniffer
{
    private static readonly Dictionary<string, string> TextTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "text/plain", [".log"] = "text/plain", [".csv"] = "text/csv", [".json"] = "application/json", [".md"] = "text/plain",
    };

    private static readonly Dictionary<string, string> ZipTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".zip"] = "application/zip",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    };

    /// <summary>The extensions a user may attach, for the form's hint and its <c>accept</c> attribute.</summary>
    public static readonly IReadOnlyList<string> AllowedExtensions =
        [".png", ".jpg", ".jpeg", ".gif", ".pdf", .. ZipTypes.Keys, .. TextTypes.Keys];

    /// <summary>The content type to store and serve, or null when the bytes are not an allowed kind matching the name.</summary>
    public static string? Sniff(string fileName, ReadOnlySpan<byte> content)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension switch
        {
            ".png" when content.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) => "image/png",
            ".jpg" or ".jpeg" when content.StartsWith((byte[])[0xFF, 0xD8, 0xFF]) => "image/jpeg",
            ".gif" when content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8) => "image/gif",
            ".pdf" when content.StartsWith("%PDF-"u8) => "application/pdf",
            _ when ZipTypes.TryGetValue(extension, out var zip) && content.StartsWith((byte[])[0x50, 0x4B, 0x03, 0x04]) => zip,
            _ when TextTypes.TryGetValue(extension, out var text) && IsText(content) => text,
            _ => null,
        };
    }

    /// <summary>Valid UTF-8 without NUL or other control bytes except tab, CR, LF and form feed.</summary>
    private static bool IsText(ReadOnlySpan<byte> content)
    {
        if (!Utf8.IsValid(content))
        {
            return false;
        }
        foreach (var b in content)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C))
            {
                return false;
            }
        }
        return true;
    }
}
