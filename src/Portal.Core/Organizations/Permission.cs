namespace Portal.Core.Organizations;

/// <summary>The permission catalogue of SPEC F3. Stored as flags on a membership.</summary>
[Flags]
#pragma warning disable CA1711 // "Permission" is the domain's word, not a suffix.
public enum Permission
#pragma warning restore CA1711
{
    None = 0,
    ProjectViewer = 1 << 0,
    ProjectEditor = 1 << 1,
    AccountViewer = 1 << 2,
    AccountEditor = 1 << 3,
    InvoiceViewer = 1 << 4,
    UserViewer = 1 << 5,
    InvitationViewer = 1 << 6,
    OrganizationOptionEditor = 1 << 7,
    InquiryUser = 1 << 8,

    /// <summary>Not grantable: only power users manage members, invitations and settings.</summary>
    ManageOrganization = 1 << 16,
}

public static class PermissionRules
{
    /// <summary>Every permission a general user can be granted, in the order the UI lists them.</summary>
    public static readonly IReadOnlyList<Permission> Grantable =
    [
        Permission.ProjectViewer, Permission.ProjectEditor, Permission.AccountViewer, Permission.AccountEditor,
        Permission.InvoiceViewer, Permission.UserViewer, Permission.InvitationViewer,
        Permission.OrganizationOptionEditor, Permission.InquiryUser,
    ];

    public static readonly Permission AllGrantable = Grantable.Aggregate(Permission.None, (a, p) => a | p);

    /// <summary>
    /// Power users hold everything. For a general user, AWS account viewing and editing work only together with
    /// Project viewer (the FAQ: with account viewer alone the list and details stay closed).
    /// </summary>
    public static Permission Effective(MemberType type, Permission granted)
    {
        if (type == MemberType.Power)
        {
            return AllGrantable | Permission.ManageOrganization;
        }
        var effective = granted & AllGrantable;
        if (!effective.HasFlag(Permission.ProjectViewer))
        {
            effective &= ~(Permission.AccountViewer | Permission.AccountEditor);
        }
        return effective;
    }

    /// <summary>True when the grant contains account permissions that stay inert without Project viewer.</summary>
    public static bool NeedsProjectViewer(Permission granted) =>
        (granted & (Permission.AccountViewer | Permission.AccountEditor)) != 0 && !granted.HasFlag(Permission.ProjectViewer);
}
