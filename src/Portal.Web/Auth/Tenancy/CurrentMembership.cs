using Portal.Core.Organizations;

namespace Portal.Web.Auth.Tenancy;

/// <summary>
/// The caller's membership in the route's organization, loaded once per request by
/// <see cref="OrganizationPermissionHandler"/>. Pages read it to show only what the user may open.
/// </summary>
public sealed class CurrentMembership
{
    public bool IsLoaded { get; private set; }

    public Guid OrganizationId { get; private set; }

    public string OrganizationName { get; private set; } = "";

    public Guid MembershipId { get; private set; }

    public Guid UserId { get; private set; }

    public MemberType Type { get; private set; }

    public Permission Permissions { get; private set; }

    public bool IsPowerUser => Type == MemberType.Power;

    public bool Has(Permission permission) => permission == Permission.None || (Permissions & permission) == permission;

    internal void Load(Guid organizationId, string organizationName, Guid membershipId, Guid userId, MemberType type, Permission effective)
    {
        IsLoaded = true;
        OrganizationId = organizationId;
        OrganizationName = organizationName;
        MembershipId = membershipId;
        UserId = userId;
        Type = type;
        Permissions = effective;
    }
}
