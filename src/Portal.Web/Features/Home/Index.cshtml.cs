using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Web.Auth;

namespace Portal.Web.Features.Home;

/// <summary>The signed-in landing page. The organization home of SPEC F2 grows here with the organizations issue.</summary>
[Authorize]
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public int OrganizationCount { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.UserId();
        OrganizationCount = await db.Memberships.AsNoTracking().CountAsync(m => m.UserId == userId, ct);
    }
}
