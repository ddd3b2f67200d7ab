using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;

namespace Portal.Web.Features.Helpdesk;

/// <summary>
/// Renders customer- and staff-written Markdown (inquiries, notices) to HTML that is safe to embed: raw HTML in the
/// source is not interpreted, and the output still passes an allow-list sanitizer so that links cannot carry script.
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml().UsePipeTables().UseAutoLinks().UseEmphasisExtras().UseSoftlineBreakAsHardlineBreak().Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public IHtmlContent Render(string? markdown) =>
        new HtmlString(_sanitizer.Sanitize(Markdown.ToHtml(WithoutLoneSurrogates(markdown ?? ""), _pipeline)));

    /// <summary>
    /// A lone UTF-16 surrogate (never valid text; it can reach the database through older rows or other writers) makes
    /// the sanitizer's UTF-8 encoder throw: it is shown as U+FFFD instead.
    /// </summary>
    private static string WithoutLoneSurrogates(string text)
    {
        char[]? copy = null;
        for (var i = 0; i < text.Length; i++)
        {
            var paired = char.IsHighSurrogate(text[i]) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                : !char.IsLowSurrogate(text[i]) || i > 0 && char.IsHighSurrogate(text[i - 1]);
            if (!paired)
            {
                copy ??= text.ToCharArray();
                copy[i] = '\uFFFD';
            }
        }
        return copy is null ? text : new string(copy);
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("img");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement anchor)
            {
                anchor.SetAttribute("rel", "nofollow noopener noreferrer");
            }
        };
        return sanitizer;
    }
}
