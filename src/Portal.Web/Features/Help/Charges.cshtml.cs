using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Web.Features.Help;

/// <summary>Why the portal's figures differ from the AWS console (SPEC F8, the FAQ); linked from every charge page.</summary>
[AllowAnonymous]
public sealed class ChargesModel : PageModel
{
    public void OnGet()
    {
    }
}
