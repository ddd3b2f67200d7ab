using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Identity;

/// <summary>
/// A single-use link that lets a person set a new password: a reset requested by mail, or the first password of a
/// staff account created with <c>portal staff add</c>. Only the SHA-256 of the token is stored, so a copy of the
/// database cannot be turned into working links.
/// </summary>
public sealed class PasswordToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public PasswordTokenPurpose Purpose { get; set; }

    /// <summary>SHA-256 of the token that was mailed or printed.</summary>
    public byte[] TokenHash { get; set; } = [];

    /// <summary>
    /// The user's security stamp when the token was issued. Any later password change (or MFA change) changes the
    /// stamp, which makes the token unusable.
    /// </summary>
    public string SecurityStamp { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}

public enum PasswordTokenPurpose
{
    Reset = 0,
    StaffInitialPassword = 1,
}

internal sealed class PasswordTokenConfiguration : IEntityTypeConfiguration<PasswordToken>
{
    public void Configure(EntityTypeBuilder<PasswordToken> builder)
    {
        builder.Property(t => t.TokenHash).HasMaxLength(32);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Property(t => t.SecurityStamp).HasMaxLength(100);
        builder.HasIndex(t => t.UserId);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
