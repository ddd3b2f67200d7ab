using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Identity;

namespace Portal.Web.Features.Account;

/// <summary>
/// Issues and redeems the single-use links that set a password (SECURITY.md "reset tokens"): 256 random bits, only
/// the SHA-256 stored, 30 minutes for a reset, unusable after use or after any later change of the security stamp
/// (every password change, reset or MFA change).
/// </summary>
public sealed class PasswordTokens(PortalDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromMinutes(30);

    /// <summary>A new staff member may not read the printed link at once; it is still single use.</summary>
    public static readonly TimeSpan StaffInitialLifetime = TimeSpan.FromHours(24);

    /// <summary>Adds a token for <paramref name="user"/> to the unit of work and returns the secret for the link.</summary>
    public string Issue(PortalUser user, PasswordTokenPurpose purpose)
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        db.PasswordTokens.Add(new PasswordToken
        {
            UserId = user.Id,
            Purpose = purpose,
            TokenHash = Hash(secret),
            SecurityStamp = user.SecurityStamp ?? "",
            CreatedAt = now,
            ExpiresAt = now + (purpose == PasswordTokenPurpose.Reset ? ResetLifetime : StaffInitialLifetime),
        });
        return secret;
    }

    /// <summary>The token and its user when <paramref name="secret"/> may still be used; otherwise null.</summary>
    public async Task<(PasswordToken Token, PortalUser User)?> FindUsableAsync(string? secret, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 100)
        {
            return null;
        }
        var hash = Hash(secret);
        var token = await db.PasswordTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null || !CryptographicOperations.FixedTimeEquals(token.TokenHash, hash)
            || token.UsedAt is not null || token.ExpiresAt <= clock.GetUtcNow())
        {
            return null;
        }
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == token.UserId, ct);
        if (user is null || user.DeletedAt is not null || user.SecurityStamp != token.SecurityStamp)
        {
            return null;
        }
        return (token, user);
    }

    /// <summary>Marks the token used; false when another request used it first.</summary>
    public async Task<bool> ConsumeAsync(PasswordToken token, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var updated = await db.PasswordTokens
            .Where(t => t.Id == token.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        return updated == 1;
    }

    private static byte[] Hash(string secret) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret));
}
