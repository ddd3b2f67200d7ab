using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Web.Features.Accounts;

public sealed record PinnedAccount(Guid Id, string AccountNumber, string Name);

/// <summary>The accounts the signed-in user pinned in the current organization, for the side navigation.</summary>
public sealed class BookmarkNavigation(PortalDbContext db)
{
    public async Task<IReadOnlyList<PinnedAccount>> ForAsync(Guid organizationId, Guid userId, CancellationToken ct) =>
        await db.AccountBookmarks.AsNoTracking().Where(b => b.OrganizationId == organizationId && b.UserId == userId && b.AwsAccount.OrganizationId == organizationId)
            .OrderBy(b => b.AwsAccount.Name).Take(20)
            .Select(b => new PinnedAccount(b.AwsAccountId, b.AwsAccount.AccountNumber, b.AwsAccount.Name)).ToListAsync(ct);
}
