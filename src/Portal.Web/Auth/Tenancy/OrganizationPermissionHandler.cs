using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Portal.Core.Charges;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Web.Features.Accounts;
using Portal.Web.Features.Organizations;

namespace Portal.Web.Auth.Tenancy;

/// <summary>Why a tenant route refused the caller; mapped to 404 / 403 / the MFA page by <see cref="TenantAuthorizationResultHandler"/>.</summary>
public sealed class TenantFailure(IAuthorizationHandler handler, TenantFailureKind kind, Guid organizationId, Permission missing)
    : AuthorizationFailureReason(handler, kind.ToString())
{
    public TenantFailureKind Kind { get; } = kind;

    public Guid OrganizationId { get; } = organizationId;

    public Permission Missing { get; } = missing;
}

public enum TenantFailureKind
{
    /// <summary>Not a member, or no such organization: answered exactly like a missing page.</summary>
    NotFound,

    /// <summary>A member without the permission: the access-denied page names it.</summary>
    MissingPermission,

    /// <summary>The organization enforces MFA and the member has none.</summary>
    MfaRequired,
}

/// <summary>
/// The one authorization handler of organization routes. It reads the membership from the database on every request
/// (so a revocation takes effect at once), applies the permission rules, enforces the organization's MFA setting, and
/// sets the query-filter tenant. A route without <c>{orgId}</c> is a programming error and fails loudly.
/// </summary>
public sealed class OrganizationPermissionHandler(PortalDbContext db, CurrentMembership current, TimeProvider clock)
    : AuthorizationHandler<OrganizationPermissionRequirement>
{
    private static readonly TimeSpan AccessWriteInterval = TimeSpan.FromMinutes(5);

    /// <summary>A membership row of the user, with what every organization page needs before it starts.</summary>
    private sealed record MembershipRow(
        Guid OrganizationId, Guid Id, MemberType Type, Permission Permissions, DateTimeOffset? LastAccessAt, string Organization,
        bool EnforceMfa, bool TwoFactorEnabled, Guid? CurrentOrganizationId, List<PinnedAccount> Pins, int Computations, long Revisions);

    /// <summary>
    /// One round trip for what every organization page needs before it starts: the route's membership, the user's other
    /// organizations (the header's switcher), the pinned accounts (the side navigation) and the charge stamp
    /// (ChargeReadCache). Each would otherwise be a query of its own; on PostgreSQL a round trip costs more CPU than the
    /// rows (docs/performance.md). The stamp's subqueries are uncorrelated, so both databases evaluate them once.
    /// Compiled, because it runs on every request: EF Core then skips rebuilding and hashing the expression tree. A
    /// compiled query belongs to one model, and a test process holds several (SQLite and PostgreSQL), hence one per model.
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Func<PortalDbContext, Guid, IAsyncEnumerable<MembershipRow>>> CompiledMemberships = new();

    private static readonly Expression<Func<PortalDbContext, Guid, IQueryable<MembershipRow>>> Memberships =
        (db, userId) => db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.User.DeletedAt == null)
            .OrderBy(m => m.Organization.Name)
            .Select(m => new MembershipRow(
                m.OrganizationId, m.Id, m.Type, m.Permissions, m.LastAccessAt, m.Organization.Alias ?? m.Organization.Name,
                m.Organization.EnforceMfa, m.User.TwoFactorEnabled, m.User.CurrentOrganizationId,
                db.AccountBookmarks
                    .Where(b => b.OrganizationId == m.OrganizationId && b.UserId == m.UserId && b.AwsAccount.OrganizationId == m.OrganizationId)
                    .Select(b => new PinnedAccount(b.AwsAccountId, b.AwsAccount.AccountNumber, b.AwsAccount.Name))
                    .ToList(),
                // With a predicate, so EF Core keeps it in this query (a bare Count() would run beforehand on its own).
                db.ChargeComputations.Count(c => c.Revision >= 0),
                db.ChargeComputations.Sum(c => c.Revision)));

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OrganizationPermissionRequirement requirement)
    {
        var http = context.Resource as HttpContext ?? throw new InvalidOperationException("Organization permissions are checked on HTTP requests only.");
        var routeValue = http.GetRouteValue("orgId")
            ?? throw new InvalidOperationException($"{http.GetEndpoint()?.DisplayName} requires an organization permission but its route has no {{orgId}}.");
        var userId = context.User.UserId();
        if (userId is null || !Guid.TryParse(routeValue.ToString(), out var organizationId))
        {
            context.Fail(new TenantFailure(this, TenantFailureKind.NotFound, Guid.Empty, requirement.Permission));
            return;
        }
        if (!current.IsLoaded || current.OrganizationId != organizationId)
        {
            var memberships = CompiledMemberships.GetValue(db.Model, _ => EF.CompileAsyncQuery(Memberships));
            var rows = await memberships(db, userId.Value).ToListAsync(http.RequestAborted);
            var row = rows.SingleOrDefault(r => r.OrganizationId == organizationId);
            if (row is null)
            {
                context.Fail(new TenantFailure(this, TenantFailureKind.NotFound, organizationId, requirement.Permission));
                return;
            }
            if (row.EnforceMfa && !row.TwoFactorEnabled)
            {
                context.Fail(new TenantFailure(this, TenantFailureKind.MfaRequired, organizationId, requirement.Permission));
                return;
            }
            current.Load(organizationId, row.Organization, row.Id, userId.Value, row.Type, PermissionRules.Effective(row.Type, row.Permissions),
                [.. rows.Select(r => new OrganizationChoice(r.OrganizationId, r.Organization, r.Type))],
                BookmarkNavigation.ForSideNavigation(row.Pins),
                new ChargeStamp(row.Computations, row.Revisions));
            db.TenantId = organizationId;
            // A program calling the API does not move the organization switcher of the person's browser sessions.
            var remembered = context.User.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName ? organizationId : row.CurrentOrganizationId;
            await RecordAccessAsync(row.Id, row.LastAccessAt, userId.Value, remembered, organizationId, http.RequestAborted);
        }
        if (!current.Has(requirement.Permission))
        {
            context.Fail(new TenantFailure(this, TenantFailureKind.MissingPermission, organizationId, requirement.Permission));
            return;
        }
        context.Succeed(requirement);
    }

    /// <summary>Keeps "latest access" and the remembered organization current, writing at most every few minutes.</summary>
    private async Task RecordAccessAsync(Guid membershipId, DateTimeOffset? lastAccess, Guid userId, Guid? rememberedOrganization, Guid organizationId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (lastAccess is null || now - lastAccess > AccessWriteInterval)
        {
            await db.Memberships.Where(m => m.Id == membershipId).ExecuteUpdateAsync(s => s.SetProperty(m => m.LastAccessAt, now), ct);
            await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastAccessAt, now), ct);
        }
        if (rememberedOrganization != organizationId)
        {
            await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.CurrentOrganizationId, organizationId), ct);
        }
    }
}
