using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Projects;

internal sealed class AccountNotificationSettingsConfiguration : IEntityTypeConfiguration<AccountNotificationSettings>
{
    public void Configure(EntityTypeBuilder<AccountNotificationSettings> builder)
    {
        builder.HasKey(s => s.AwsAccountId);
        builder.HasOne(s => s.AwsAccount).WithOne().HasForeignKey<AccountNotificationSettings>(s => s.AwsAccountId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Language).HasMaxLength(2);
        builder.Property(s => s.EmergencyPhone).HasMaxLength(30);
        builder.HasIndex(s => s.OrganizationId);
    }
}

internal sealed class ProjectAssignmentConfiguration : IEntityTypeConfiguration<ProjectAssignment>
{
    public void Configure(EntityTypeBuilder<ProjectAssignment> builder)
    {
        builder.HasIndex(p => new { p.AwsAccountId, p.EffectiveFrom });
        builder.HasIndex(p => new { p.OrganizationId, p.ProjectId });
        builder.HasOne(p => p.AwsAccount).WithMany().OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.Project).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AccountBookmarkConfiguration : IEntityTypeConfiguration<AccountBookmark>
{
    public void Configure(EntityTypeBuilder<AccountBookmark> builder)
    {
        builder.HasIndex(b => new { b.OrganizationId, b.UserId, b.AwsAccountId }).IsUnique();
        builder.HasOne(b => b.AwsAccount).WithMany().OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ServiceApplicationConfiguration : IEntityTypeConfiguration<ServiceApplication>
{
    public void Configure(EntityTypeBuilder<ServiceApplication> builder)
    {
        builder.Property(a => a.AccountNumber).HasMaxLength(12);
        builder.Property(a => a.AccountName).HasMaxLength(200);
        builder.Property(a => a.Note).HasMaxLength(2000);
        builder.Property(a => a.StaffComment).HasMaxLength(2000);
        builder.HasIndex(a => new { a.OrganizationId, a.SubmittedAt });
        builder.HasIndex(a => new { a.Status, a.SubmittedAt });
        builder.HasOne(a => a.Project).WithMany().OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.AwsAccount).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BaselineServiceConfiguration : IEntityTypeConfiguration<BaselineService>
{
    public void Configure(EntityTypeBuilder<BaselineService> builder)
    {
        builder.Property(s => s.ServiceName).HasMaxLength(200);
        builder.HasIndex(s => s.ServiceName).IsUnique();
        builder.Property(s => s.DescriptionJa).HasMaxLength(1000);
        builder.Property(s => s.DescriptionEn).HasMaxLength(1000);
    }
}
