using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Billing;

internal sealed class BillingSourceConfiguration : IEntityTypeConfiguration<BillingSource>
{
    public void Configure(EntityTypeBuilder<BillingSource> builder)
    {
        builder.ToTable("billing_sources");
        builder.Property(s => s.PayerAccountId).HasMaxLength(12);
        builder.Property(s => s.Location).HasMaxLength(1000);
        builder.Property(s => s.S3ServiceUrl).HasMaxLength(500);
        builder.Property(s => s.TagKey).HasMaxLength(128);
        builder.HasIndex(s => s.PayerAccountId);
    }
}

internal sealed class BillingDeliveryConfiguration : IEntityTypeConfiguration<BillingDelivery>
{
    public void Configure(EntityTypeBuilder<BillingDelivery> builder)
    {
        builder.ToTable("billing_deliveries");
        builder.Property(d => d.PayerAccountId).HasMaxLength(12);
        builder.Property(d => d.PeriodKey).HasMaxLength(7);
        builder.Property(d => d.DeliveryKey).HasMaxLength(200);
        builder.Property(d => d.Description).HasMaxLength(1000);
        // Two workers that find the same delivery both try to insert this row; only one succeeds and processes it.
        builder.HasIndex(d => new { d.PayerAccountId, d.PeriodKey, d.DeliveryKey }).IsUnique();
        builder.HasIndex(d => d.SourceId);
        builder.HasOne(d => d.Source).WithMany().OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IngestionRunConfiguration : IEntityTypeConfiguration<IngestionRun>
{
    public void Configure(EntityTypeBuilder<IngestionRun> builder)
    {
        builder.ToTable("billing_ingestion_runs");
        builder.Property(r => r.Delivery).HasMaxLength(1000);
        builder.Property(r => r.Error).HasMaxLength(4000);
        builder.HasIndex(r => new { r.SourceId, r.StartedAt });
        builder.HasIndex(r => r.StartedAt);
    }
}

internal sealed class BillingPeriodConfiguration : IEntityTypeConfiguration<BillingPeriod>
{
    public void Configure(EntityTypeBuilder<BillingPeriod> builder)
    {
        builder.ToTable("billing_periods");
        builder.Property(p => p.PayerAccountId).HasMaxLength(12);
        builder.HasIndex(p => new { p.PayerAccountId, p.Month }).IsUnique();
    }
}

internal sealed class DailyFactConfiguration : IEntityTypeConfiguration<DailyFact>
{
    public void Configure(EntityTypeBuilder<DailyFact> builder)
    {
        // Facts are written in bulk by set-based SQL and only ever read through projections: no key, no tracking,
        // and one index that serves both the period replace and the per-account reads.
        builder.ToTable("billing_daily_facts");
        builder.HasNoKey();
        builder.Property(f => f.UsageAccountId).HasMaxLength(128);
        builder.HasIndex(f => new { f.PeriodId, f.UsageAccountId, f.UsageDate });
    }
}

internal sealed class BillingDimensionConfiguration : IEntityTypeConfiguration<BillingDimension>
{
    public void Configure(EntityTypeBuilder<BillingDimension> builder)
    {
        builder.ToTable("billing_dimensions");
        builder.Property(d => d.ProductCode).HasMaxLength(200);
        builder.Property(d => d.ProductName).HasMaxLength(200);
        builder.Property(d => d.UsageType).HasMaxLength(200);
        builder.Property(d => d.Operation).HasMaxLength(200);
        builder.Property(d => d.Region).HasMaxLength(64);
        builder.Property(d => d.AvailabilityZone).HasMaxLength(64);
        builder.Property(d => d.LineItemType).HasMaxLength(64);
        builder.Property(d => d.Currency).HasMaxLength(8);
        builder.HasIndex(d => new { d.ProductCode, d.ProductName, d.UsageType, d.Operation, d.Region, d.AvailabilityZone, d.LineItemType, d.Currency })
            .IsUnique();
    }
}

internal sealed class BillingTagConfiguration : IEntityTypeConfiguration<BillingTag>
{
    public void Configure(EntityTypeBuilder<BillingTag> builder)
    {
        builder.ToTable("billing_tags");
        builder.Property(t => t.Value).HasMaxLength(256);
        builder.HasIndex(t => t.Value).IsUnique();
    }
}
