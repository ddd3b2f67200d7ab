using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Web.Auth;

namespace Portal.Web.Features.Organizations;

/// <summary>The organizations the user belongs to.</summary>
[Authorize]
public sealed class IndexModel(OrganizationNavigation navigation) : PageModel
{
    public IReadOnlyList<OrganizationChoice> Choices { get; private set; } = [];

    public Guid? Current { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        (Choices, Current) = await navigation.ForUserAsync(User.UserId()!.Value, ct);
}
