using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Auditing;
using Portal.Core.Identity;
using Portal.Core.Mail;
using Portal.Core.Organizations;
using Portal.Core.Projects;

namespace Portal.Core.Data;

/// <summary>
/// The portal's database. Provider-specific subclasses (<see cref="SqlitePortalDbContext"/>,
/// <see cref="PostgresPortalDbContext"/>) exist only to carry their own migrations; application code depends on this type.
/// </summary>
public abstract class PortalDbContext(DbContextOptions options)
    : IdentityDbContext<PortalUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<AwsAccount> AwsAccounts => Set<AwsAccount>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<OutboxMail> OutboxMails => Set<OutboxMail>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<PasswordToken> PasswordTokens => Set<PasswordToken>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
