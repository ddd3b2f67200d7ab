using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Web.Infrastructure;
using Portal.Web.Resources;

namespace Portal.Web.Features.Help;

/// <summary>The FAQ's texts in the current language, with the configured support address and host names filled in, and its search.</summary>
public sealed class FaqAnswers(IStringLocalizer<SharedResource> t, IOptions<SupportOptions> support, IOptions<PublicUrls> urls)
{
    public string Question(FaqEntry entry) => t[entry.QuestionKey];

    public string Answer(FaqEntry entry) => t[entry.AnswerKey, support.Value.ContactEmail, string.Join(", ", HostNames())];

    /// <summary>The distinct host names of the public entry points, which a customer firewall must allow.</summary>
    public IReadOnlyList<string> HostNames()
    {
        var u = urls.Value;
        return new[] { u.Portal, u.Api, u.Forms, u.Id }
            .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? parsed.Host : null)
            .OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// The entries whose question or answer (in the reader's language) contains every word of <paramref name="query"/>,
    /// questions matching first. Japanese has no spaces, so a word is any run between spaces, matched as a substring.
    /// </summary>
    public IReadOnlyList<FaqEntry> Search(string? query)
    {
        var words = (query ?? "").Split([' ', '\u3000', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return FaqCatalogue.All;
        }
        return FaqCatalogue.All
            .Select(e => (Entry: e, Question: Question(e), Text: Question(e) + "\n" + Answer(e)))
            .Where(x => words.All(w => x.Text.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(x => words.All(w => x.Question.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .Select(x => x.Entry).ToList();
    }
}
