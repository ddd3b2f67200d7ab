using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Web.Features.Help;

/// <summary>The help section: FAQ questions (searched on the server) and the guides. Open to everyone, signed in or not.</summary>
[AllowAnonymous]
public sealed class IndexModel(FaqAnswers answers) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<FaqEntry> Results { get; private set; } = [];

    public FaqAnswers Answers => answers;

    public void OnGet()
    {
        Query = Query?.Trim();
        if (Query?.Length > 200)
        {
            Query = Query[..200];
        }
        Results = answers.Search(Query);
    }
}
