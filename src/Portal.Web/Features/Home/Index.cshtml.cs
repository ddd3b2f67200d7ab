using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Web.Auth;
using Portal.Web.Features.Organizations;

namespace Portal.Web.Features.Home;

/// <summary>
/// The signed-in landing page: opens the remembered organization (SPEC F2's switcher remembers it per user); users
/// without an organization and staff see what they can do next.
/// </summary>
[Authorize]
public sealed class IndexModel(OrganizationNavigation navigation) : PageModel
{
    public int OrganizationCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (choices, current) = await navigation.ForUserAsync(User.UserId()!.Value, ct);
        OrganizationCount = choices.Count;
        return current is { } organizationId && !User.IsStaff() ? Redirect($"/orgs/{organizationId}") : Page();
    }
}
