using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Web.Auth.Tenancy;

namespace Portal.Web.Features.Organizations;

/// <summary>An organization in the switcher.</summary>
public sealed record OrganizationChoice(Guid Id, string Name, MemberType Type);

/// <summary>The header's organization switcher: the user's organizations and the one remembered as current.</summary>
public sealed class OrganizationNavigation(PortalDbContext db, CurrentMembership membership)
{
    public async Task<(IReadOnlyList<OrganizationChoice> Choices, Guid? Current)> ForUserAsync(Guid userId, CancellationToken ct)
    {
        // On an organization's page the authorization already read the user's organizations with the membership.
        if (membership.IsLoaded && membership.UserId == userId)
        {
            return (membership.Choices, membership.OrganizationId);
        }
        // One query for both (every signed-in page's layout runs it): the remembered organization rides along on each
        // membership row, and without a membership there is nothing to remember.
        var rows = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId)
            .OrderBy(m => m.Organization.Name)
            .Select(m => new { Choice = new OrganizationChoice(m.OrganizationId, m.Organization.Alias ?? m.Organization.Name, m.Type), m.User.CurrentOrganizationId })
            .ToListAsync(ct);
        var choices = rows.Select(r => r.Choice).ToList();
        var current = rows.FirstOrDefault()?.CurrentOrganizationId;
        return (choices, choices.Any(c => c.Id == current) ? current : choices.FirstOrDefault()?.Id);
    }
}
