using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Invoices;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.Property(i => i.Number).HasMaxLength(40);
        builder.Property(i => i.IssuerName).HasMaxLength(200);
        builder.Property(i => i.IssuerAddress).HasMaxLength(500);
        builder.Property(i => i.RegistrationNumber).HasMaxLength(14);
        builder.Property(i => i.CustomerName).HasMaxLength(200);
        builder.Property(i => i.CustomerAddress).HasMaxLength(500);
        builder.Property(i => i.ProjectName).HasMaxLength(200);
        builder.Property(i => i.Language).HasMaxLength(2);
        builder.Property(i => i.TaxRatePercent).HasPrecision(5, 2);
        builder.Property(i => i.Subtotal).HasPrecision(18, 2);
        builder.Property(i => i.Tax).HasPrecision(18, 2);
        builder.Property(i => i.Total).HasPrecision(18, 2);
        builder.Property(i => i.TaxYen).HasPrecision(18, 0);
        builder.Property(i => i.UsdToJpy).HasPrecision(18, 6);
        builder.Property(i => i.RateSource).HasMaxLength(200);
        builder.Property(i => i.Note).HasMaxLength(1000);
        builder.Property(i => i.VoidReason).HasMaxLength(1000);
        builder.HasIndex(i => i.Number).IsUnique();
        builder.HasIndex(i => new { i.OrganizationId, i.Month });
        // One live invoice per project and month: concurrent closes cannot create two drafts, and a void one must go
        // before its replacement exists.
        builder.HasIndex(i => new { i.ProjectId, i.Month }).IsUnique().HasFilter("kind = 0 AND status <> 2").HasDatabaseName("ix_invoices_one_live_per_project_month");
        builder.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> builder)
    {
        builder.Property(l => l.AccountNumber).HasMaxLength(12);
        builder.Property(l => l.AccountName).HasMaxLength(200);
        builder.Property(l => l.NameJa).HasMaxLength(200);
        builder.Property(l => l.NameEn).HasMaxLength(200);
        builder.Property(l => l.Amount).HasPrecision(18, 2);
        builder.Property(l => l.TaxRatePercent).HasPrecision(5, 2);
    }
}

internal sealed class InvoiceIssuerConfiguration : IEntityTypeConfiguration<InvoiceIssuer>
{
    public void Configure(EntityTypeBuilder<InvoiceIssuer> builder)
    {
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.Address).HasMaxLength(500);
        builder.Property(i => i.RegistrationNumber).HasMaxLength(14);
        builder.Property(i => i.NumberPrefix).HasMaxLength(10);
    }
}

internal sealed class MonthCloseConfiguration : IEntityTypeConfiguration<MonthClose>
{
    public void Configure(EntityTypeBuilder<MonthClose> builder)
    {
        builder.Property(m => m.Reason).HasMaxLength(1000);
        builder.HasIndex(m => m.Month).IsUnique();
    }
}

internal sealed class FrozenChargeMonthConfiguration : IEntityTypeConfiguration<FrozenChargeMonth>
{
    public void Configure(EntityTypeBuilder<FrozenChargeMonth> builder)
    {
        builder.Property(f => f.PayerAccountId).HasMaxLength(12);
        builder.HasIndex(f => new { f.PayerAccountId, f.Month }).IsUnique();
    }
}

internal sealed class InvoiceAdjustmentConfiguration : IEntityTypeConfiguration<InvoiceAdjustment>
{
    public void Configure(EntityTypeBuilder<InvoiceAdjustment> builder)
    {
        builder.Property(a => a.Amount).HasPrecision(18, 2);
        builder.Property(a => a.Description).HasMaxLength(200);
        builder.HasIndex(a => new { a.ProjectId, a.TargetMonth });
    }
}
