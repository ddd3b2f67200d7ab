using Portal.Core.Identity;

namespace Portal.Core.Organizations;

/// <summary>A user's place in one organization: his type and, for a general user, the permissions granted one by one.</summary>
public sealed class Membership
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Organization Organization { get; set; } = null!;

    public Guid UserId { get; set; }

    public PortalUser User { get; set; } = null!;

    public MemberType Type { get; set; }

    /// <summary>Granted permissions of a general user; ignored for power users, who hold them all.</summary>
    public Permission Permissions { get; set; }

    public DateTimeOffset JoinedAt { get; set; }

    public DateTimeOffset? LastAccessAt { get; set; }

    /// <summary>What this membership may do, with the AWS-account-viewer rule of SPEC F3 applied.</summary>
    public Permission EffectivePermissions => PermissionRules.Effective(Type, Permissions);
}

public enum MemberType
{
    General = 0,
    Power = 1,
}
