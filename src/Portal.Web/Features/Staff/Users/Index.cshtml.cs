using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Web.Auth;

namespace Portal.Web.Features.Staff.Users;

public sealed record StaffUserRow(Guid Id, string Email, string DisplayName, bool Staff, bool Mfa, bool Locked);

/// <summary>Finds users by email or name for support.</summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class IndexModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<StaffUserRow> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Query))
        {
            return;
        }
        // Emails match case-insensitively through the normalized column; names as typed (mostly Japanese).
        var raw = Query.Trim();
        var term = raw.ToUpperInvariant();
        var now = clock.GetUtcNow();
        Users = await db.Users.AsNoTracking()
            .Where(u => u.DeletedAt == null && (u.NormalizedEmail!.Contains(term) || u.DisplayName.Contains(raw)))
            .OrderBy(u => u.NormalizedEmail)
            .Take(50)
            .Select(u => new StaffUserRow(u.Id, u.Email!, u.DisplayName, u.IsStaff, u.TwoFactorEnabled, u.LockoutEnd != null && u.LockoutEnd > now))
            .ToListAsync(ct);
    }
}
