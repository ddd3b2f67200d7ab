using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Billing;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Core.Projects;

namespace Portal.Reliability.Tests;

/// <summary>A customer's project with AWS accounts, and billing data of its own payer, written with the portal's model.</summary>
public sealed record BilledProject(Guid OrganizationId, Guid ProjectId, IReadOnlyList<string> Accounts, string Payer);

public static class BillingSetup
{
    public static string NewAccountNumber() => Random.Shared.NextInt64(100_000_000_000, 1_000_000_000_000).ToString(CultureInfo.InvariantCulture);

    /// <summary>An organization, a project in <paramref name="currency"/> whose invoices go to <paramref name="invoiceTo"/>, and its accounts.</summary>
    public static Task<BilledProject> CreateProjectAsync(this Deployment portal, Currency currency, int accounts, string? invoiceTo = null) =>
        portal.WithDbAsync(async db =>
        {
            var suffix = Guid.NewGuid().ToString("N")[..10];
            var now = DateTimeOffset.UtcNow;
            var organization = new Organization { Name = $"信頼性 {suffix} 株式会社", Code = $"rel-{suffix}", LegalName = $"信頼性 {suffix} 株式会社", Address = "東京都", CreatedAt = now, UpdatedAt = now };
            var project = new Project
            {
                OrganizationId = organization.Id, Name = $"信頼性プロジェクト {suffix}", Plan = "Standard", PaymentMethod = "請求書払い", ServiceLevel = "Business",
                Currency = currency, CreatedAt = now, InvoiceTo = invoiceTo is null ? [] : [invoiceTo],
            };
            db.Organizations.Add(organization);
            db.Projects.Add(project);
            var numbers = Enumerable.Range(0, accounts).Select(_ => NewAccountNumber()).ToList();
            foreach (var number in numbers)
            {
                var account = new AwsAccount
                {
                    AccountNumber = number, OrganizationId = organization.Id, ProjectId = project.Id, Name = $"account {number}",
                    JoinedOn = new DateOnly(2000, 1, 1), CreatedAt = now,
                };
                db.AwsAccounts.Add(account);
                db.ProjectAssignments.Add(new ProjectAssignment
                {
                    OrganizationId = organization.Id, AwsAccountId = account.Id, ProjectId = project.Id, EffectiveFrom = ProjectAssignment.MonthOf(account.JoinedOn), CreatedAt = now,
                });
            }
            await db.SaveChangesAsync();
            return new BilledProject(organization.Id, project.Id, numbers, NewAccountNumber());
        });

    /// <summary>
    /// Daily usage facts of the payer's month the way ingestion leaves them (period, dimension, fixed-point facts):
    /// <paramref name="days"/> days of every account, each day's cost differing so that every line is distinct.
    /// </summary>
    public static Task AddUsageFactsAsync(this Deployment portal, BilledProject project, DateOnly month, int days) =>
        portal.WithDbAsync(async db =>
        {
            var period = new BillingPeriod
            {
                PayerAccountId = project.Payer, Month = month, SourceId = Guid.NewGuid(), DeliveryId = Guid.NewGuid(),
                LastAggregatedAt = DateTimeOffset.UtcNow, DataCompleteThrough = DateTimeOffset.UtcNow,
            };
            db.BillingPeriods.Add(period);
            var dimension = await db.BillingDimensions.FirstOrDefaultAsync(d => d.ProductCode == "AmazonEC2" && d.UsageType == "Reliability:Usage" && d.LineItemType == "Usage");
            if (dimension is null)
            {
                dimension = new BillingDimension { ProductCode = "AmazonEC2", ProductName = "Amazon Elastic Compute Cloud", UsageType = "Reliability:Usage", LineItemType = "Usage", Currency = "USD" };
                db.BillingDimensions.Add(dimension);
            }
            await db.SaveChangesAsync();
            for (var a = 0; a < project.Accounts.Count; a++)
            {
                for (var day = 1; day <= days; day++)
                {
                    var cost = FixedPoint.FromDecimal(10m * (a + 1) + day + 0.123m);
                    await db.Database.ExecuteSqlAsync($"""
                        INSERT INTO billing_daily_facts (period_id, usage_account_id, usage_date, dimension_id, tag_id, unblended_cost, net_unblended_cost, amortized_cost, public_on_demand_cost, usage_amount, line_count)
                        VALUES ({period.Id}, {project.Accounts[a]}, {month.AddDays(day - 1)}, {dimension.Id}, {null as int?}, {cost}, {cost}, {cost}, {cost}, {1.0}, {1L})
                        """);
                }
            }
            return 0;
        });

    /// <summary>The month's charge lines and monthly sums of a payer, as comparable text (ids left out).</summary>
    public static Task<(List<string> Lines, List<string> Sums)> ChargesAsync(this Deployment portal, string payer, DateOnly month) =>
        portal.WithDbAsync(async db =>
        {
            var lines = await db.ChargeLines.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AsNoTracking()
                .Where(c => c.PayerAccountId == payer && c.Month == month).ToListAsync();
            var sums = await db.ChargeMonthSums.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AsNoTracking()
                .Where(c => c.PayerAccountId == payer && c.Month == month).ToListAsync();
            return (
                lines.Select(l => $"{l.ProjectId} {l.AccountNumber} {l.Day} {l.ProductCode} {l.Category} {l.LineItemType} {l.TagValue} {l.Usd} {l.Amount} {l.Currency} {l.NameEn}").Order(StringComparer.Ordinal).ToList(),
                sums.Select(s => $"{s.ProjectId} {s.AccountNumber} {s.TagValue} {s.Usd} {s.Amount} {s.Currency}").Order(StringComparer.Ordinal).ToList());
        });
}
