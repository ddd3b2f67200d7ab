namespace Portal.Web.Features.Accounts;

public sealed record PinnedAccount(Guid Id, string AccountNumber, string Name);

/// <summary>
/// The accounts the signed-in user pinned in the current organization, as the side navigation lists them. The pins
/// themselves are read with the membership on every organization route (<c>OrganizationPermissionHandler</c>), so the
/// layout takes them from <c>CurrentMembership.Pins</c> without a query of its own.
/// </summary>
public static class BookmarkNavigation
{
    /// <summary>The side navigation lists at most this many.</summary>
    public const int Shown = 20;

    /// <summary>The pins the side navigation shows, by name then account number.</summary>
    public static IReadOnlyList<PinnedAccount> ForSideNavigation(IEnumerable<PinnedAccount> pins) =>
        [.. pins.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.AccountNumber, StringComparer.Ordinal).Take(Shown)];
}
