using Microsoft.AspNetCore.Authorization;
using Portal.Core.Organizations;

namespace Portal.Web.Auth.Tenancy;

/// <summary>The caller must be a member of the route's organization holding <see cref="Permission"/> (None: any member).</summary>
public sealed record OrganizationPermissionRequirement(Permission Permission) : IAuthorizationRequirement;

/// <summary>
/// Declares that a page or endpoint lives under <c>/orgs/{orgId}</c> and needs <paramref name="permission"/> there.
/// <see cref="Permission.None"/> admits every member; <see cref="Permission.ManageOrganization"/> only power users.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class OrgPermissionAttribute(Permission permission) : AuthorizeAttribute(OrgPolicies.For(permission))
{
    public Permission Permission { get; } = permission;
}

public static class OrgPolicies
{
    private const string Prefix = "Org:";

    public static string For(Permission permission) => Prefix + permission;

    public static bool TryParse(string? policy, out Permission permission)
    {
        permission = Permission.None;
        return policy is not null && policy.StartsWith(Prefix, StringComparison.Ordinal) && Enum.TryParse(policy[Prefix.Length..], out permission);
    }

    /// <summary>One policy per permission, plus "any member" and "power user".</summary>
    public static AuthorizationBuilder AddOrganizationPolicies(this AuthorizationBuilder builder)
    {
        IEnumerable<Permission> all = [Permission.None, Permission.ManageOrganization, .. PermissionRules.Grantable];
        foreach (var permission in all)
        {
            builder.AddPolicy(For(permission), p => p.RequireAuthenticatedUser().AddRequirements(new OrganizationPermissionRequirement(permission)));
        }
        return builder;
    }

    /// <summary>Builds an organization-scoped API route group requiring <paramref name="permission"/>.</summary>
    public static TBuilder RequireOrgPermission<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(For(permission));
}
