using Microsoft.AspNetCore.Identity;

namespace Portal.Core.Identity;

/// <summary>A person's Members ID. The login is the email address, which never changes (SPEC F1).</summary>
public sealed class PortalUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>UI and mail language: <c>ja</c> (default) or <c>en</c>.</summary>
    public string Language { get; set; } = Languages.Japanese;

    /// <summary>Reseller staff: sees every organization through the staff console, must use MFA.</summary>
    public bool IsStaff { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastAccessAt { get; set; }

    /// <summary>The organization the switcher last selected; remembered per user.</summary>
    public Guid? CurrentOrganizationId { get; set; }

    /// <summary>The last TOTP time step accepted, so that a code is never accepted twice.</summary>
    public long? LastTotpStep { get; set; }

    /// <summary>Set when the user deleted his ID: personal data is erased and sign-in is impossible.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}

public static class Languages
{
    public const string Japanese = "ja";
    public const string English = "en";

    public static readonly IReadOnlyList<string> All = [Japanese, English];

    public static string Normalize(string? value) => value == English ? English : Japanese;
}
