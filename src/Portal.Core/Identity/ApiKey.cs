using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Identity;

/// <summary>
/// A personal API key (SPEC F14). The key the user holds is <c>mpk_{prefix}_{secret}</c>: the prefix is public (shown in
/// the list, used to find the row and to partition the rate limit); only the SHA-256 of the whole key is stored, so a
/// copy of the database cannot be turned into working keys. The key acts with its user's permissions, checked per request.
/// </summary>
public sealed class ApiKey
{
    public const string Scheme = "mpk";
    public const int MaxPerUser = 10;
    public const int NameMaxLength = 100;
    public const int PrefixLength = 12;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Random, public, unique: identifies the key without revealing it.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>SHA-256 of the whole key string.</summary>
    public byte[] KeyHash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The key stops working at this instant; null: never.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public string? LastUsedIp { get; set; }

    /// <summary>Creates a key row and returns it with the key, which exists nowhere else afterwards.</summary>
    public static (ApiKey Row, string Key) Create(Guid userId, string name, DateTimeOffset now, DateTimeOffset? expiresAt)
    {
        // 72 bits of prefix keep collisions out of reach; 256 bits of secret per SECURITY.md.
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixLength / 2));
        var secret = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var key = $"{Scheme}_{prefix}_{secret}";
        var row = new ApiKey { UserId = userId, Name = name, Prefix = prefix, KeyHash = Hash(key), CreatedAt = now, ExpiresAt = expiresAt };
        return (row, key);
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The public prefix of a presented key, or null when it does not have the key's shape.</summary>
    public static string? PrefixOf(string key)
    {
        var parts = key.Split('_', 3);
        return parts.Length == 3 && parts[0] == Scheme && parts[1].Length == PrefixLength && parts[2].Length >= 43 && parts[2].Length <= 64
            ? parts[1]
            : null;
    }

    /// <summary>Compares the presented key with the stored hash in constant time.</summary>
    public bool Matches(string key) => CryptographicOperations.FixedTimeEquals(Hash(key), KeyHash);
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength);
        builder.Property(k => k.Prefix).HasMaxLength(ApiKey.PrefixLength);
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.Property(k => k.KeyHash).HasMaxLength(32);
        builder.Property(k => k.LastUsedIp).HasMaxLength(64);
        // Names are unique per user, so a form posted twice cannot issue two keys.
        builder.HasIndex(k => new { k.UserId, k.Name }).IsUnique();
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
