using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.Organizations;

/// <summary>
/// An invitation to join an organization (SPEC F4). The link carries a random token; only its SHA-256 hash is stored,
/// so a database reader cannot accept an invitation. Single use, seven days, bound to the invited email.
/// </summary>
public sealed class Invitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Organization Organization { get; set; } = null!;

    public string Email { get; set; } = "";

    public string NormalizedEmail { get; set; } = "";

    public MemberType Type { get; set; }

    public Permission Permissions { get; set; }

    /// <summary>Language of the invitation mail and of the new ID's profile (<c>ja</c> by default).</summary>
    public string Language { get; set; } = "ja";

    /// <summary>Hex SHA-256 of the token in the link.</summary>
    public string TokenHash { get; set; } = "";

    public Guid? InvitedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset SentAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public Guid? AcceptedById { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public InvitationStatus StatusAt(DateTimeOffset now) =>
        RevokedAt is not null ? InvitationStatus.Revoked
        : AcceptedAt is not null ? InvitationStatus.Accepted
        : now >= ExpiresAt ? InvitationStatus.Expired
        : InvitationStatus.Pending;

    /// <summary>Issues a fresh token (also on re-send, which invalidates the previous link) and returns it once.</summary>
    public string IssueToken(DateTimeOffset now)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        TokenHash = HashToken(token);
        SentAt = now;
        ExpiresAt = now + Lifetime;
        return token;
    }

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

public enum InvitationStatus
{
    Pending,
    Accepted,
    Expired,
    Revoked,
}
