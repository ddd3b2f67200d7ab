using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Web.Features.Help;

/// <summary>What each permission allows (SPEC F3); linked from the access-denied page, readable without signing in.</summary>
[AllowAnonymous]
public sealed class PermissionsModel : PageModel
{
    public void OnGet()
    {
    }
}
