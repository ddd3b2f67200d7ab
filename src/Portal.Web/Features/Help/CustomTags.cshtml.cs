using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Web.Features.Help;

/// <summary>How to set the CmBillingGroup tag and activate it as a cost allocation tag (SPEC F8, the FAQ).</summary>
[AllowAnonymous]
public sealed class CustomTagsModel : PageModel
{
    public void OnGet()
    {
    }
}
