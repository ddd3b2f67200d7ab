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

    // Handlers take no parameters: a re-executed POST must not read its (possibly rejected) form.
    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        var code = int.TryParse(RouteData.Values["code"]?.ToString(), out var parsed) ? parsed : 500;
        (Title, Message) = code switch
        {
            StatusCodes.Status404NotFound => (t["Error.NotFoundTitle"].Value, t["Error.NotFound"].Value),
            StatusCodes.Status503ServiceUnavailable => (t["Error.Title"].Value, t["Error.Unavailable"].Value),
            _ => (t["Error.Title"].Value, t["Error.Message"].Value),
        };
    }
}
