using Portal.Core.Charges;
using Portal.Core.Organizations;
using Portal.Web.Features.Accounts;
using Portal.Web.Features.Organizations;

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

    /// <summary>All of the user's organizations, for the header's switcher (read with the membership, in the same query).</summary>
    public IReadOnlyList<OrganizationChoice> Choices { get; private set; } = [];

    /// <summary>The accounts the user pinned in this organization (the side navigation), read with the membership.</summary>
    public IReadOnlyList<PinnedAccount> Pins { get; private set; } = [];

    /// <summary>The charge stamp at the start of the request, read with the membership (see <c>ChargeReadCache</c>).</summary>
    public ChargeStamp? ChargeStamp { get; private set; }

    public bool Has(Permission permission) => permission == Permission.None || (Permissions & permission) == permission;

    internal void Load(
        Guid organizationId, string organizationName, Guid membershipId, Guid userId, MemberType type, Permission effective, IReadOnlyList<OrganizationChoice> choices,
        IReadOnlyList<PinnedAccount> pins, ChargeStamp chargeStamp)
    {
        Choices = choices;
        Pins = pins;
        ChargeStamp = chargeStamp;
        IsLoaded = true;
        OrganizationId = organizationId;
        OrganizationName = organizationName;
        MembershipId = membershipId;
        UserId = userId;
        Type = type;
        Permissions = effective;
    }
}
