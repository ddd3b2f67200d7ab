using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Auditing;
using Portal.Core.Billing;
using Portal.Core.Helpdesk;
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

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<AwsAccount> AwsAccounts => Set<AwsAccount>();

    public DbSet<AccountNotificationSettings> AccountNotificationSettings => Set<AccountNotificationSettings>();

    public DbSet<ProjectAssignment> ProjectAssignments => Set<ProjectAssignment>();

    public DbSet<AccountBookmark> AccountBookmarks => Set<AccountBookmark>();

    public DbSet<ServiceApplication> ServiceApplications => Set<ServiceApplication>();

    public DbSet<BaselineService> BaselineServices => Set<BaselineService>();

    public DbSet<Inquiry> Inquiries => Set<Inquiry>();

    public DbSet<InquiryMessage> InquiryMessages => Set<InquiryMessage>();

    public DbSet<InquiryAttachment> InquiryAttachments => Set<InquiryAttachment>();

    public DbSet<Notice> Notices => Set<Notice>();

    public DbSet<NoticeAudience> NoticeAudiences => Set<NoticeAudience>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<OutboxMail> OutboxMails => Set<OutboxMail>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Charges.ChargeLine> ChargeLines => Set<Charges.ChargeLine>();

    public DbSet<Charges.ChargeMonthSum> ChargeMonthSums => Set<Charges.ChargeMonthSum>();

    public DbSet<Charges.ChargeComputation> ChargeComputations => Set<Charges.ChargeComputation>();

    public DbSet<Charges.ExchangeRateEntry> ExchangeRates => Set<Charges.ExchangeRateEntry>();

    public DbSet<Charges.RatingRuleEntry> RatingRules => Set<Charges.RatingRuleEntry>();

    public DbSet<Charges.ChargeAlarm> ChargeAlarms => Set<Charges.ChargeAlarm>();

    public DbSet<Charges.ChargeAlarmFiring> ChargeAlarmFirings => Set<Charges.ChargeAlarmFiring>();

    public DbSet<BillingSource> BillingSources => Set<BillingSource>();

    public DbSet<BillingDelivery> BillingDeliveries => Set<BillingDelivery>();

    public DbSet<IngestionRun> IngestionRuns => Set<IngestionRun>();

    public DbSet<BillingPeriod> BillingPeriods => Set<BillingPeriod>();

    public DbSet<DailyFact> DailyFacts => Set<DailyFact>();

    public DbSet<BillingDimension> BillingDimensions => Set<BillingDimension>();

    public DbSet<BillingTag> BillingTags => Set<BillingTag>();

    public DbSet<Invoices.Invoice> Invoices => Set<Invoices.Invoice>();

    public DbSet<Invoices.InvoiceLine> InvoiceLines => Set<Invoices.InvoiceLine>();

    public DbSet<Invoices.InvoiceIssuer> InvoiceIssuers => Set<Invoices.InvoiceIssuer>();

    public DbSet<Invoices.MonthClose> MonthCloses => Set<Invoices.MonthClose>();

    public DbSet<Invoices.FrozenChargeMonth> FrozenChargeMonths => Set<Invoices.FrozenChargeMonth>();

    public DbSet<Invoices.InvoiceAdjustment> InvoiceAdjustments => Set<Invoices.InvoiceAdjustment>();

    /// <summary>
    /// The organization the current request was authorized for, set by the permission handler. Organization-owned
    /// entities carry the <see cref="TenantFilter"/> query filter as a safety net: while it is set, a query that forgot
    /// its organization predicate still cannot return another organization's rows. Null (staff console, CLI, jobs)
    /// means no filtering.
    /// </summary>
    public Guid? TenantId { get; set; }

    public const string TenantFilter = "Tenant";
    public DbSet<PasswordToken> PasswordTokens => Set<PasswordToken>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        builder.Entity<Project>().HasQueryFilter(TenantFilter, p => TenantId == null || p.OrganizationId == TenantId);
        builder.Entity<AwsAccount>().HasQueryFilter(TenantFilter, a => TenantId == null || a.OrganizationId == TenantId);
        builder.Entity<Invitation>().HasQueryFilter(TenantFilter, i => TenantId == null || i.OrganizationId == TenantId);
        builder.Entity<Charges.ChargeLine>().HasQueryFilter(TenantFilter, c => TenantId == null || c.OrganizationId == TenantId);
        builder.Entity<Charges.ChargeMonthSum>().HasQueryFilter(TenantFilter, c => TenantId == null || c.OrganizationId == TenantId);
        builder.Entity<AccountNotificationSettings>().HasQueryFilter(TenantFilter, s => TenantId == null || s.OrganizationId == TenantId);
        builder.Entity<ProjectAssignment>().HasQueryFilter(TenantFilter, p => TenantId == null || p.OrganizationId == TenantId);
        builder.Entity<AccountBookmark>().HasQueryFilter(TenantFilter, b => TenantId == null || b.OrganizationId == TenantId);
        builder.Entity<Charges.ChargeAlarm>().HasQueryFilter(TenantFilter, a => TenantId == null || a.OrganizationId == TenantId);
        builder.Entity<Charges.ChargeAlarmFiring>().HasQueryFilter(TenantFilter, f => TenantId == null || f.OrganizationId == TenantId);
        builder.Entity<ServiceApplication>().HasQueryFilter(TenantFilter, a => TenantId == null || a.OrganizationId == TenantId);
        builder.Entity<Inquiry>().HasQueryFilter(TenantFilter, i => TenantId == null || i.OrganizationId == TenantId);
        builder.Entity<InquiryMessage>().HasQueryFilter(TenantFilter, m => TenantId == null || m.OrganizationId == TenantId);
        builder.Entity<InquiryAttachment>().HasQueryFilter(TenantFilter, a => TenantId == null || a.OrganizationId == TenantId);
        builder.Entity<Invoices.Invoice>().HasQueryFilter(TenantFilter, i => TenantId == null || i.OrganizationId == TenantId);
        builder.Entity<Invoices.InvoiceAdjustment>().HasQueryFilter(TenantFilter, a => TenantId == null || a.OrganizationId == TenantId);
    }
}
