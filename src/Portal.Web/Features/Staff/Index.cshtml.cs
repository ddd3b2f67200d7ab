using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Web.Auth;

namespace Portal.Web.Features.Staff;

/// <summary>The staff console's start page (SPEC F15).</summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
