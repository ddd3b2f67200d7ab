using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Organizations;

namespace Portal.Core.Helpdesk;

internal sealed class InquiryConfiguration : IEntityTypeConfiguration<Inquiry>
{
    public void Configure(EntityTypeBuilder<Inquiry> builder)
    {
        builder.Property(i => i.Subject).HasMaxLength(200);
        builder.HasIndex(i => new { i.OrganizationId, i.UpdatedAt });
        builder.HasIndex(i => new { i.Status, i.UpdatedAt });
        builder.HasIndex(i => i.ServiceApplicationId).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.ServiceApplication).WithMany().HasForeignKey(i => i.ServiceApplicationId).OnDelete(DeleteBehavior.Restrict);
        // A short list read and written with its inquiry; JSON text works the same on both databases.
        builder.Property(i => i.RelatedAccountIds).HasMaxLength(2000).HasConversion(
            ids => JsonSerializer.Serialize(ids, JsonSerializerOptions.Default),
            text => JsonSerializer.Deserialize<List<Guid>>(text, JsonSerializerOptions.Default) ?? new List<Guid>(),
            new ValueComparer<List<Guid>>((a, b) => a!.SequenceEqual(b!), ids => ids.Aggregate(0, (h, id) => HashCode.Combine(h, id)), ids => ids.ToList()));
    }
}

internal sealed class InquiryMessageConfiguration : IEntityTypeConfiguration<InquiryMessage>
{
    public void Configure(EntityTypeBuilder<InquiryMessage> builder)
    {
        builder.Property(m => m.Body).HasMaxLength(20000);
        builder.HasIndex(m => new { m.InquiryId, m.CreatedAt });
        builder.HasIndex(m => m.OrganizationId);
        builder.HasOne(m => m.Inquiry).WithMany(i => i.Messages).HasForeignKey(m => m.InquiryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InquiryAttachmentConfiguration : IEntityTypeConfiguration<InquiryAttachment>
{
    public void Configure(EntityTypeBuilder<InquiryAttachment> builder)
    {
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.HasIndex(a => a.InquiryId);
        builder.HasIndex(a => a.OrganizationId);
        builder.HasOne(a => a.Message).WithMany(m => m.Attachments).HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> builder)
    {
        builder.Property(n => n.TitleJa).HasMaxLength(200);
        builder.Property(n => n.TitleEn).HasMaxLength(200);
        builder.Property(n => n.BodyJa).HasMaxLength(20000);
        builder.Property(n => n.BodyEn).HasMaxLength(20000);
        builder.HasIndex(n => n.PublishAt);
        builder.HasMany(n => n.Audience).WithOne().HasForeignKey(a => a.NoticeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NoticeAudienceConfiguration : IEntityTypeConfiguration<NoticeAudience>
{
    public void Configure(EntityTypeBuilder<NoticeAudience> builder)
    {
        builder.HasKey(a => new { a.NoticeId, a.OrganizationId });
        builder.HasIndex(a => a.OrganizationId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
