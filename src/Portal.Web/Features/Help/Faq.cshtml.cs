using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Web.Auth;
using Portal.Web.Features.Organizations;

namespace Portal.Web.Features.Help;

/// <summary>One FAQ answer with links to the screens concerned, in the reader's current organization when he has one.</summary>
[AllowAnonymous]
public sealed class FaqModel(FaqAnswers answers, OrganizationNavigation navigation) : PageModel
{
    [FromRoute]
    public string Slug { get; set; } = "";

    public FaqEntry Entry { get; private set; } = null!;

    public string Question { get; private set; } = "";

    public IReadOnlyList<string> Paragraphs { get; private set; } = [];

    public IReadOnlyList<(string Label, string Url)> Links { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (FaqCatalogue.Find(Slug) is not { } entry)
        {
            return NotFound();
        }
        Entry = entry;
        Guid? organization = null;
        if (User.UserId() is { } userId)
        {
            (_, organization) = await navigation.ForUserAsync(userId, ct);
        }
        Question = answers.Question(entry);
        Paragraphs = answers.Answer(entry).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Links = entry.Links.Select(l => (l.LabelKey, FaqCatalogue.Resolve(l, organization))).ToList();
        return Page();
    }
}
