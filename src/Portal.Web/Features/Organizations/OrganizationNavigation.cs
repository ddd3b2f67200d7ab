using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Organizations;

namespace Portal.Web.Features.Organizations;

/// <summary>An organization in the switcher.</summary>
public sealed record OrganizationChoice(Guid Id, string Name, MemberType Type);

/// <summary>The header's organization switcher: the user's organizations and the one remembered as current.</summary>
public sealed class OrganizationNavigation(PortalDbContext db)
{
    public async Task<(IReadOnlyList<OrganizationChoice> Choices, Guid? Current)> ForUserAsync(Guid userId, CancellationToken ct)
    {
        var choices = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId)
            .OrderBy(m => m.Organization.Name)
            .Select(m => new OrganizationChoice(m.OrganizationId, m.Organization.Alias ?? m.Organization.Name, m.Type))
            .ToListAsync(ct);
        var current = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.CurrentOrganizationId).SingleOrDefaultAsync(ct);
        return (choices, choices.Any(c => c.Id == current) ? current : choices.FirstOrDefault()?.Id);
    }
}
