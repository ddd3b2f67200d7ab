using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Auditing;
using Portal.Core.Identity;
using Portal.Core.Mail;
using Portal.Core.Organizations;
using Portal.Core.Projects;

namespace Portal.Core.Data;

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.Property(u => u.Language).HasMaxLength(2);
    }
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.Code).HasMaxLength(40);
        builder.HasIndex(o => o.Code).IsUnique();
        builder.Property(o => o.Alias).HasMaxLength(200);
        builder.Property(o => o.LegalName).HasMaxLength(200);
        builder.Property(o => o.Address).HasMaxLength(500);
        builder.Ignore(o => o.DisplayName);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.HasIndex(m => new { m.OrganizationId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.HasOne(m => m.Organization).WithMany().OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.User).WithMany().OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(m => m.EffectivePermissions);
    }
}

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Plan).HasMaxLength(100);
        builder.Property(p => p.PaymentMethod).HasMaxLength(100);
        builder.Property(p => p.ServiceLevel).HasMaxLength(100);
        builder.Property(p => p.InvoiceLanguage).HasMaxLength(2);
        builder.HasIndex(p => p.OrganizationId);
        builder.HasOne(p => p.Organization).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AwsAccountConfiguration : IEntityTypeConfiguration<AwsAccount>
{
    public void Configure(EntityTypeBuilder<AwsAccount> builder)
    {
        builder.Property(a => a.AccountNumber).HasMaxLength(12).IsFixedLength();
        builder.HasIndex(a => a.AccountNumber).IsUnique();
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.HasIndex(a => new { a.OrganizationId, a.ProjectId });
        builder.HasOne(a => a.Organization).WithMany().OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Project).WithMany(p => p.Accounts).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.Property(e => e.Event).HasMaxLength(80);
        builder.Property(e => e.Subject).HasMaxLength(200);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.UserAgent).HasMaxLength(400);
        builder.Property(e => e.Detail).HasMaxLength(2000);
        builder.HasIndex(e => new { e.OrganizationId, e.OccurredAt });
        builder.HasIndex(e => e.OccurredAt);
    }
}

internal sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> builder)
    {
        builder.Property(m => m.To).HasMaxLength(2000);
        builder.Property(m => m.Cc).HasMaxLength(2000);
        builder.Property(m => m.Subject).HasMaxLength(400);
        builder.Property(m => m.AttachmentName).HasMaxLength(200);
        builder.Property(m => m.AttachmentContentType).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.Property(i => i.NormalizedEmail).HasMaxLength(256);
        builder.Property(i => i.Language).HasMaxLength(2);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => new { i.OrganizationId, i.CreatedAt });
        builder.HasOne(i => i.Organization).WithMany().OnDelete(DeleteBehavior.Cascade);
    }
}
