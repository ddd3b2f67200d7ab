using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Web.Auth;

namespace Portal.Web.Features.Organizations;

/// <summary>The switcher: remembers the chosen organization for the user and opens it.</summary>
[Authorize]
public sealed class SwitchModel(PortalDbContext db) : PageModel
{
    public IActionResult OnGet() => Redirect("/orgs");

    public async Task<IActionResult> OnPostAsync(Guid organizationId, CancellationToken ct)
    {
        var userId = User.UserId();
        if (!await db.Memberships.AnyAsync(m => m.OrganizationId == organizationId && m.UserId == userId, ct))
        {
            return NotFound();
        }
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.CurrentOrganizationId, organizationId), ct);
        return Redirect($"/orgs/{organizationId}");
    }
}
