using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Core.Organizations;
using Portal.Core.Projects;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// One organization built for a test: a power user, a general member and a pending invitation, with unique names so
/// that tests (and the isolation checks) can tell organizations apart in response bodies.
/// </summary>
public sealed record TenantWorld(
    Guid OrgId, string Name, string Code, PortalUser PowerUser, Guid GeneralMembershipId, PortalUser GeneralUser, Guid InvitationId, string Password,
    Guid ProjectId, string ProjectName, Guid AccountId, string AccountNumber, Guid InvoiceId)
{
    /// <summary>An inquiry of this organization with one message carrying <see cref="AttachmentId"/>.</summary>
    public Guid InquiryId { get; init; }

    public Guid AttachmentId { get; init; }

    /// <summary>A published notice addressed to this organization only.</summary>
    public Guid NoticeId { get; init; }

    /// <summary>Strings that belong to this organization only and must never appear in another tenant's responses.</summary>
    public IEnumerable<string> PrivateStrings => [Name, Code, PowerUser.Email!, GeneralUser.Email!, PowerUser.DisplayName, GeneralUser.DisplayName, OrgId.ToString(), ProjectName, AccountNumber];
}

public static class Tenants
{
    public static async Task<TenantWorld> CreateWorldAsync(this PortalApp app, string label = "org")
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (power, password) = await app.CreateUserAsync($"Power{suffix}");
        var (general, _) = await app.CreateUserAsync($"General{suffix}");
        var organization = await app.CreateOrganizationAsync($"{label} {suffix} 株式会社", $"{label}-{suffix}");
        await app.AddMemberAsync(organization.Id, power.Id, MemberType.Power);
        var generalMembership = await app.AddMemberAsync(organization.Id, general.Id, MemberType.General, Permission.None);
        var invitationId = await app.WithDbAsync(async db =>
        {
            var invitation = new Invitation
            {
                OrganizationId = organization.Id, Email = $"pending-{suffix}@test.example", NormalizedEmail = $"PENDING-{suffix}@TEST.EXAMPLE",
                Type = MemberType.General, CreatedAt = app.Clock.GetUtcNow(), InvitedById = power.Id,
            };
            invitation.IssueToken(app.Clock.GetUtcNow());
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
            return invitation.Id;
        });
        var projectName = $"{label} プロジェクト {suffix}";
        var project = await app.CreateProjectAsync(organization.Id, projectName);
        var account = await app.CreateAccountAsync(project.Id, $"{label}-account-{suffix}");
        var invoiceId = await app.CreateIssuedInvoiceRowAsync(organization.Id, project.Id, projectName, account.AccountNumber, suffix);
        var world = new TenantWorld(organization.Id, organization.Name, organization.Code, power, generalMembership, general, invitationId, password,
            project.Id, projectName, account.Id, account.AccountNumber, invoiceId);
        return await app.AddHelpdeskAsync(world);
    }

    /// <summary>
    /// An issued invoice row written directly (no month close), so that every tenant world has an invoice for the route
    /// tables; its number is outside the issuer's sequence. The world's invoice is for August 2026, a month the charge
    /// and invoice tests leave alone, so that their October stays estimated and open to a month close.
    /// </summary>
    public static Task<Guid> CreateIssuedInvoiceRowAsync(this PortalApp app, Guid organizationId, Guid projectId, string projectName, string accountNumber, string suffix,
        DateOnly? month = null) =>
        app.WithDbAsync(async db =>
        {
            var invoice = new Portal.Core.Invoices.Invoice
            {
                OrganizationId = organizationId, ProjectId = projectId, Month = month ?? new DateOnly(2026, 8, 1), Status = Portal.Core.Invoices.InvoiceStatus.Issued,
                Number = $"WORLD-{suffix}", IssuerName = "発行者株式会社", RegistrationNumber = "T6011001106696", CustomerName = projectName, ProjectName = projectName,
                IssueDate = (month ?? new DateOnly(2026, 8, 1)).AddMonths(1).AddDays(4), DueDate = (month ?? new DateOnly(2026, 8, 1)).AddMonths(2).AddDays(4), TaxRatePercent = 10m, Subtotal = 1000m, Tax = 100m, Total = 1100m,
                UsdToJpy = 150m, RateSource = "TTM", RateDate = (month ?? new DateOnly(2026, 8, 1)).AddMonths(1).AddDays(-1), CreatedAt = app.Clock.GetUtcNow(), UpdatedAt = app.Clock.GetUtcNow(),
                IssuedAt = app.Clock.GetUtcNow(),
                Lines = [new Portal.Core.Invoices.InvoiceLine { Position = 1, AccountNumber = accountNumber, AccountName = "world", Amount = 1000m, TaxRatePercent = 10m }],
            };
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync();
            return invoice.Id;
        });

    /// <summary>A project of <paramref name="organizationId"/> (JPY unless told), without invoice recipients.</summary>
    public static Task<Project> CreateProjectAsync(this PortalApp app, Guid organizationId, string name, Currency currency = Currency.Jpy) =>
        app.WithDbAsync(async db =>
        {
            var project = new Project
            {
                OrganizationId = organizationId, Name = name, Plan = "Standard", PaymentMethod = "請求書払い", ServiceLevel = "Business",
                Currency = currency, CreatedAt = app.Clock.GetUtcNow(),
            };
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            return project;
        });

    /// <summary>An AWS account with a random unique 12-digit id in <paramref name="projectId"/>, with its first assignment.</summary>
    public static Task<AwsAccount> CreateAccountAsync(this PortalApp app, Guid projectId, string name, AccountStatus status = AccountStatus.Active, DateOnly? joinedOn = null) =>
        app.WithDbAsync(async db =>
        {
            var project = await db.Projects.SingleAsync(p => p.Id == projectId);
            var joined = joinedOn ?? new DateOnly(2026, 4, 1);
            var account = new AwsAccount
            {
                AccountNumber = NewAccountNumber(), OrganizationId = project.OrganizationId, ProjectId = projectId, Name = name,
                Status = status, JoinedOn = joined, CreatedAt = app.Clock.GetUtcNow(),
            };
            db.AwsAccounts.Add(account);
            db.ProjectAssignments.Add(new ProjectAssignment
            {
                OrganizationId = project.OrganizationId, AwsAccountId = account.Id, ProjectId = projectId,
                EffectiveFrom = ProjectAssignment.MonthOf(joined), CreatedAt = app.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
            return account;
        });

    /// <summary>A random 12-digit AWS account id; collisions between parallel tests are practically impossible.</summary>
    public static string NewAccountNumber() =>
        Random.Shared.NextInt64(100_000_000_000, 1_000_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static Task<Organization> CreateOrganizationAsync(this PortalApp app, string name, string code) =>
        app.WithDbAsync(async db =>
        {
            var organization = new Organization
            {
                Name = name, Code = code, LegalName = name, Address = "東京都", CreatedAt = app.Clock.GetUtcNow(), UpdatedAt = app.Clock.GetUtcNow(),
            };
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
            return organization;
        });

    public static Task<Guid> AddMemberAsync(this PortalApp app, Guid organizationId, Guid userId, MemberType type, Permission permissions = Permission.None) =>
        app.WithDbAsync(async db =>
        {
            var membership = new Membership { OrganizationId = organizationId, UserId = userId, Type = type, Permissions = permissions, JoinedAt = app.Clock.GetUtcNow() };
            db.Memberships.Add(membership);
            await db.SaveChangesAsync();
            return membership.Id;
        });

    /// <summary>A new general member of <paramref name="organizationId"/> holding exactly <paramref name="permissions"/>.</summary>
    public static async Task<(PortalUser User, string Password, Guid MembershipId)> CreateMemberAsync(this PortalApp app, Guid organizationId, MemberType type, Permission permissions = Permission.None)
    {
        var (user, password) = await app.CreateUserAsync();
        var membershipId = await app.AddMemberAsync(organizationId, user.Id, type, permissions);
        return (user, password, membershipId);
    }

    public static Task SetPermissionsAsync(this PortalApp app, Guid membershipId, Permission permissions) =>
        app.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<PortalDbContext>();
            var membership = await db.Memberships.FindAsync(membershipId);
            membership!.Permissions = permissions;
            await db.SaveChangesAsync();
        });
}
