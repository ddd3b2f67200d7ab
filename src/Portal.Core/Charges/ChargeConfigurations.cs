using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Charges;

internal sealed class ChargeLineConfiguration : IEntityTypeConfiguration<ChargeLine>
{
    public void Configure(EntityTypeBuilder<ChargeLine> builder)
    {
        builder.Property(c => c.PayerAccountId).HasMaxLength(12);
        builder.Property(c => c.AccountNumber).HasMaxLength(12);
        builder.Property(c => c.ProductCode).HasMaxLength(200);
        builder.Property(c => c.LineItemType).HasMaxLength(64);
        builder.Property(c => c.TagValue).HasMaxLength(256);
        builder.Property(c => c.NameJa).HasMaxLength(200);
        builder.Property(c => c.NameEn).HasMaxLength(200);
        // Replacement deletes by (payer, month); the account page reads by (account, month), and its index lists an
        // account's months without touching the table. Summaries across accounts read ChargeMonthSum instead.
        builder.HasIndex(c => new { c.PayerAccountId, c.Month });
        builder.HasIndex(c => new { c.AccountNumber, c.OrganizationId, c.Month });
        builder.HasIndex(c => new { c.OrganizationId, c.Month });
    }
}

internal sealed class ChargeMonthSumConfiguration : IEntityTypeConfiguration<ChargeMonthSum>
{
    public void Configure(EntityTypeBuilder<ChargeMonthSum> builder)
    {
        builder.Property(c => c.PayerAccountId).HasMaxLength(12);
        builder.Property(c => c.AccountNumber).HasMaxLength(12);
        builder.Property(c => c.TagValue).HasMaxLength(256);
        builder.HasIndex(c => new { c.PayerAccountId, c.Month });
        builder.HasIndex(c => new { c.ProjectId, c.Month });
        builder.HasIndex(c => new { c.OrganizationId, c.Month });
    }
}

internal sealed class ChargeComputationConfiguration : IEntityTypeConfiguration<ChargeComputation>
{
    public void Configure(EntityTypeBuilder<ChargeComputation> builder)
    {
        builder.Property(c => c.PayerAccountId).HasMaxLength(12);
        builder.Property(c => c.UsdToJpy).HasPrecision(18, 6);
        builder.Property(c => c.Problem).HasMaxLength(1000);
        builder.HasIndex(c => new { c.PayerAccountId, c.Month }).IsUnique();
    }
}

internal sealed class ExchangeRateEntryConfiguration : IEntityTypeConfiguration<ExchangeRateEntry>
{
    public void Configure(EntityTypeBuilder<ExchangeRateEntry> builder)
    {
        builder.Property(r => r.UsdToJpy).HasPrecision(18, 6);
        builder.Property(r => r.Source).HasMaxLength(200);
        builder.HasIndex(r => r.Month).IsUnique();
    }
}

internal sealed class RatingRuleEntryConfiguration : IEntityTypeConfiguration<RatingRuleEntry>
{
    public void Configure(EntityTypeBuilder<RatingRuleEntry> builder)
    {
        builder.Property(r => r.ScopeValue).HasMaxLength(200);
        builder.Property(r => r.Percent).HasPrecision(9, 4);
        builder.Property(r => r.Amount).HasPrecision(18, 4);
        builder.Property(r => r.LineItemType).HasMaxLength(64);
        builder.Property(r => r.NameJa).HasMaxLength(200);
        builder.Property(r => r.NameEn).HasMaxLength(200);
        builder.HasIndex(r => new { r.EffectiveFrom, r.Order });
    }
}

internal sealed class ChargeAlarmConfiguration : IEntityTypeConfiguration<ChargeAlarm>
{
    public void Configure(EntityTypeBuilder<ChargeAlarm> builder)
    {
        builder.Property(a => a.TagValue).HasMaxLength(256);
        builder.Property(a => a.Threshold).HasPrecision(18, 2);
        builder.HasOne(a => a.AwsAccount).WithMany().OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.OrganizationId, a.AwsAccountId });
    }
}

internal sealed class ChargeAlarmFiringConfiguration : IEntityTypeConfiguration<ChargeAlarmFiring>
{
    public void Configure(EntityTypeBuilder<ChargeAlarmFiring> builder)
    {
        builder.Property(f => f.Amount).HasPrecision(20, 4);
        builder.HasOne<ChargeAlarm>().WithMany().HasForeignKey(f => f.ChargeAlarmId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.ChargeAlarmId, f.Month }).IsUnique();
    }
}
