using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Core.Organizations;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// One organization built for a test: a power user, a general member and a pending invitation, with unique names so
/// that tests (and the isolation checks) can tell organizations apart in response bodies.
/// </summary>
public sealed record TenantWorld(Guid OrgId, string Name, string Code, PortalUser PowerUser, Guid GeneralMembershipId, PortalUser GeneralUser, Guid InvitationId, string Password)
{
    /// <summary>Strings that belong to this organization only and must never appear in another tenant's responses.</summary>
    public IEnumerable<string> PrivateStrings => [Name, Code, PowerUser.Email!, GeneralUser.Email!, PowerUser.DisplayName, GeneralUser.DisplayName, OrgId.ToString()];
}

public static class Tenants
{
    public static async Task<TenantWorld> CreateWorldAsync(this PortalApp app, string label = "org")
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (power, password) = await app.CreateUserAsync($"Power{suffix}");
        var (general, _) = await app.CreateUserAsync($"General{suffix}");
        var organization = await app.CreateOrganizationAsync($"{label} {suffix} 株式会社", $"{label}-{suffix}");
        await app.AddMemberAsync(organization.Id, power.Id, MemberType.Power);
        var generalMembership = await app.AddMemberAsync(organization.Id, general.Id, MemberType.General, Permission.None);
        var invitationId = await app.WithDbAsync(async db =>
        {
            var invitation = new Invitation
            {
                OrganizationId = organization.Id, Email = $"pending-{suffix}@test.example", NormalizedEmail = $"PENDING-{suffix}@TEST.EXAMPLE",
                Type = MemberType.General, CreatedAt = app.Clock.GetUtcNow(), InvitedById = power.Id,
            };
            invitation.IssueToken(app.Clock.GetUtcNow());
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
            return invitation.Id;
        });
        return new TenantWorld(organization.Id, organization.Name, organization.Code, power, generalMembership, general, invitationId, password);
    }

    public static Task<Organization> CreateOrganizationAsync(this PortalApp app, string name, string code) =>
        app.WithDbAsync(async db =>
        {
            var organization = new Organization
            {
                Name = name, Code = code, LegalName = name, Address = "東京都", CreatedAt = app.Clock.GetUtcNow(), UpdatedAt = app.Clock.GetUtcNow(),
            };
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
            return organization;
        });

    public static Task<Guid> AddMemberAsync(this PortalApp app, Guid organizationId, Guid userId, MemberType type, Permission permissions = Permission.None) =>
        app.WithDbAsync(async db =>
        {
            var membership = new Membership { OrganizationId = organizationId, UserId = userId, Type = type, Permissions = permissions, JoinedAt = app.Clock.GetUtcNow() };
            db.Memberships.Add(membership);
            await db.SaveChangesAsync();
            return membership.Id;
        });

    /// <summary>A new general member of <paramref name="organizationId"/> holding exactly <paramref name="permissions"/>.</summary>
    public static async Task<(PortalUser User, string Password, Guid MembershipId)> CreateMemberAsync(this PortalApp app, Guid organizationId, MemberType type, Permission permissions = Permission.None)
    {
        var (user, password) = await app.CreateUserAsync();
        var membershipId = await app.AddMemberAsync(organizationId, user.Id, type, permissions);
        return (user, password, membershipId);
    }

    public static Task SetPermissionsAsync(this PortalApp app, Guid membershipId, Permission permissions) =>
        app.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<PortalDbContext>();
            var membership = await db.Memberships.FindAsync(membershipId);
            membership!.Permissions = permissions;
            await db.SaveChangesAsync();
        });
}
