using PdfSharp.Fonts;

namespace Portal.Web.Features.Invoices;

/// <summary>
/// Noto Sans JP for the invoice PDF, read from the output folder where the build copies it from the npm package
/// (never committed). PDFsharp embeds the glyphs it uses, so the PDF renders Japanese on any reader.
/// </summary>
public sealed class InvoiceFonts : IFontResolver
{
    public const string Family = "Noto Sans JP";

    private static readonly Lock Gate = new();
    private static bool _registered;

    private static string PathOf(string face) => Path.Combine(AppContext.BaseDirectory, "fonts", face + ".ttf");

    /// <summary>PDFsharp's font resolver is process-wide and may be set only once.</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (!_registered)
            {
                GlobalFontSettings.FontResolver ??= new InvoiceFonts();
                _registered = true;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "NotoSansJP_700Bold" : "NotoSansJP_400Regular");

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(PathOf(faceName));
}
