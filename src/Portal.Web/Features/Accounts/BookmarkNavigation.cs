using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Web.Auth.Tenancy;

namespace Portal.Web.Features.Accounts;

public sealed record PinnedAccount(Guid Id, string AccountNumber, string Name);

/// <summary>The accounts the signed-in user pinned in the current organization, for the side navigation.</summary>
public sealed class BookmarkNavigation(PortalDbContext db, CurrentMembership membership)
{
    /// <summary>The side navigation lists at most this many, by name.</summary>
    public const int Shown = 20;

    public async Task<IReadOnlyList<PinnedAccount>> ForAsync(Guid organizationId, Guid userId, CancellationToken ct)
    {
        // On an organization's page the authorization already read the pins with the membership.
        if (membership.IsLoaded && membership.OrganizationId == organizationId && membership.UserId == userId)
        {
            return membership.Pins;
        }
        return await db.AccountBookmarks.AsNoTracking()
            .Where(b => b.OrganizationId == organizationId && b.UserId == userId && b.AwsAccount.OrganizationId == organizationId)
            .OrderBy(b => b.AwsAccount.Name).ThenBy(b => b.AwsAccount.AccountNumber).Take(Shown)
            .Select(b => new PinnedAccount(b.AwsAccountId, b.AwsAccount.AccountNumber, b.AwsAccount.Name)).ToListAsync(ct);
    }
}
