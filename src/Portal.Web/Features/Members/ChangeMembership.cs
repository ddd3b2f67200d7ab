using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Core.Organizations;
using Portal.Web.Infrastructure;

namespace Portal.Web.Features.Members;

public enum MembershipChangeOutcome
{
    Done,
    NotFound,
    LastPowerUser,
}

/// <summary>
/// Changes a member's type and permissions or removes him. An organization always keeps at least one power user: the
/// check and the change run in one transaction with the organization row locked (PostgreSQL), so two power users
/// demoting each other at the same moment cannot leave nobody in charge.
/// </summary>
public sealed class ChangeMembership(PortalDbContext db, UserManager<PortalUser> users, AuditLog audit)
{
    public async Task<MembershipChangeOutcome> UpdateAsync(Guid organizationId, Guid membershipId, MemberType type, Permission permissions, Guid actorId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var membership = await LockAndLoadAsync(organizationId, membershipId, ct);
        if (membership is null)
        {
            return MembershipChangeOutcome.NotFound;
        }
        if (membership.Type == MemberType.Power && type != MemberType.Power && !await AnotherPowerUserAsync(membership, ct))
        {
            return MembershipChangeOutcome.LastPowerUser;
        }
        var before = $"{membership.Type}/{membership.Permissions}";
        membership.Type = type;
        membership.Permissions = type == MemberType.Power ? Permission.None : permissions & PermissionRules.AllGrantable;
        audit.Record("membership.changed", actorId, membership.UserId.ToString(), organizationId, detail: $"{before} -> {membership.Type}/{membership.Permissions}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return MembershipChangeOutcome.Done;
    }

    public async Task<MembershipChangeOutcome> RemoveAsync(Guid organizationId, Guid membershipId, Guid actorId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var membership = await LockAndLoadAsync(organizationId, membershipId, ct);
        if (membership is null)
        {
            return MembershipChangeOutcome.NotFound;
        }
        if (membership.Type == MemberType.Power && !await AnotherPowerUserAsync(membership, ct))
        {
            return MembershipChangeOutcome.LastPowerUser;
        }
        db.Memberships.Remove(membership);
        audit.Record("membership.removed", actorId, membership.UserId.ToString(), organizationId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        // Ends his sessions' cached view of the organization: the next stamp validation signs him in afresh.
        if (await users.FindByIdAsync(membership.UserId.ToString()) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }
        return MembershipChangeOutcome.Done;
    }

    private async Task<Membership?> LockAndLoadAsync(Guid organizationId, Guid membershipId, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT id FROM organizations WHERE id = {organizationId} FOR UPDATE", ct);
        }
        return await db.Memberships.SingleOrDefaultAsync(m => m.Id == membershipId && m.OrganizationId == organizationId, ct);
    }

    private Task<bool> AnotherPowerUserAsync(Membership membership, CancellationToken ct) =>
        db.Memberships.AnyAsync(m => m.OrganizationId == membership.OrganizationId && m.Type == MemberType.Power && m.Id != membership.Id, ct);
}
