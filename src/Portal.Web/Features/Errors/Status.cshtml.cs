using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Web.Resources;

namespace Portal.Web.Features.Errors;

/// <summary>Re-executed for 4xx/5xx status codes of UI requests (404 keeps its status).</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel(IStringLocalizer<SharedResource> t) : PageModel
{
    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Title, Message) = code switch
        {
            StatusCodes.Status404NotFound => (t["Error.NotFoundTitle"].Value, t["Error.NotFound"].Value),
            StatusCodes.Status503ServiceUnavailable => (t["Error.Title"].Value, t["Error.Unavailable"].Value),
            _ => (t["Error.Title"].Value, t["Error.Message"].Value),
        };
    }
}
