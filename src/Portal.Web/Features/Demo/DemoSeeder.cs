using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Billing.Rating;
using Portal.Billing.Synthetic;
using Portal.Core.Invoices;
using Portal.Web.Features.Invoices;
using Portal.Core.Charges;
using Portal.Core.Data;
using Portal.Core.Helpdesk;
using Portal.Core.Identity;
using Portal.Core.Organizations;
using Portal.Core.Projects;

namespace Portal.Web.Features.Demo;

/// <summary>The <c>Demo</c> configuration section.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>The password of every demo user. Demo databases are for trying the portal on one machine only.</summary>
    public string Password { get; set; } = "Demo#Portal2026";

    public bool SeedOnFirstStart { get; set; }

    /// <summary>Where the demo's synthetic AWS cost reports are written (the demo billing source's folder).</summary>
    public string BillingFolder { get; set; } = "data/demo-billing";

    /// <summary>Generate and ingest synthetic billing data for the demo accounts.</summary>
    public bool Billing { get; set; } = true;
}

/// <summary>Who can sign in to the demo, for the console.</summary>
public sealed record DemoSeedResult(bool Created, IReadOnlyList<(string Role, string Email)> Users, string Password)
{
    public string Describe(string portalUrl)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine(Created ? "Demo data created." : "Demo data already present.");
        text.AppendLine($"Open {portalUrl} and sign in with one of these (password: {Password}):");
        foreach (var (role, email) in Users)
        {
            text.AppendLine($"  {role,-28} {email}");
        }
        return text.ToString();
    }
}

/// <summary>
/// Fills an empty database with a believable demo: a reseller staff user, two customer organizations with projects,
/// AWS accounts and users. Later issues add billing data. Running it again changes nothing.
/// </summary>
public sealed class DemoSeeder(
    PortalDbContext db, UserManager<PortalUser> users, IOptions<DemoOptions> options, BillingDemoData billing, RecomputeCharges recompute,
    CloseMonth closeMonth, IssueInvoice issueInvoice, TimeProvider clock)
{
    public static readonly IReadOnlyList<(string Role, string Email)> DemoUsers =
    [
        ("Staff (reseller)", "staff@demo.example"),
        ("Power user, Sakura Trading", "hanako.sato@sakura-trading.example"),
        ("General user, Sakura Trading", "taro.suzuki@sakura-trading.example"),
        ("Power user, Blue Ocean Labs", "emma.clark@blueocean.example"),
    ];

    public async Task<DemoSeedResult> SeedIfEmptyAsync(CancellationToken ct)
    {
        var password = options.Value.Password;
        if (await db.Organizations.AnyAsync(ct) || await db.Users.AnyAsync(ct))
        {
            return new DemoSeedResult(false, DemoUsers, password);
        }
        var now = clock.GetUtcNow();
        var staff = await CreateUserAsync(DemoUsers[0].Email, "Reseller Staff", Languages.Japanese, isStaff: true, password, now);

        var sakura = new Organization { Name = "株式会社さくら商事", Code = "sakura", Alias = "さくら商事", LegalName = "株式会社さくら商事", Address = "東京都千代田区丸の内1-1-1", CreatedAt = now, UpdatedAt = now };
        var blue = new Organization { Name = "Blue Ocean Labs K.K.", Code = "blueocean", LegalName = "Blue Ocean Labs K.K.", Address = "1-2-3 Shibuya, Shibuya-ku, Tokyo", CreatedAt = now, UpdatedAt = now };
        db.Organizations.AddRange(sakura, blue);

        var ecommerce = NewProject(sakura, "ECサイト", Currency.Jpy, now);
        var analytics = NewProject(sakura, "データ分析基盤", Currency.Jpy, now);
        var platform = NewProject(blue, "Research Platform", Currency.Usd, now);
        platform.InvoiceLanguage = Languages.English;
        db.Projects.AddRange(ecommerce, analytics, platform);

        ecommerce.InvoiceTo = ["keiri@sakura-trading.example"];
        ecommerce.InvoiceCc = ["hanako.sato@sakura-trading.example"];
        analytics.InvoiceTo = ["keiri@sakura-trading.example"];
        platform.InvoiceTo = ["accounts-payable@blueocean.example"];
        platform.InvoiceCc = ["emma.clark@blueocean.example"];

        AwsAccount[] accounts =
        [
            NewAccount(ecommerce, "111111111111", "ec-production", new DateOnly(2024, 4, 1), now),
            NewAccount(ecommerce, "111111111112", "ec-staging", new DateOnly(2024, 4, 1), now),
            NewAccount(analytics, "111111111113", "analytics", new DateOnly(2025, 1, 15), now),
            NewAccount(platform, "222222222221", "research-prod", new DateOnly(2023, 10, 1), now),
            NewAccount(platform, "222222222222", "research-sandbox", new DateOnly(2026, 6, 1), now),
        ];
        db.AwsAccounts.AddRange(accounts);
        foreach (var account in accounts)
        {
            var english = account.Organization == blue;
            var domain = english ? "blueocean.example" : "sakura-trading.example";
            db.ProjectAssignments.Add(new ProjectAssignment
            {
                OrganizationId = account.Organization.Id, AwsAccount = account, Project = account.Project,
                EffectiveFrom = ProjectAssignment.MonthOf(account.JoinedOn), CreatedAt = now,
            });
            db.AccountNotificationSettings.Add(new AccountNotificationSettings
            {
                AwsAccount = account, OrganizationId = account.Organization.Id, Language = english ? Languages.English : Languages.Japanese,
                BillingTo = [english ? "accounts-payable@blueocean.example" : "keiri@sakura-trading.example"],
                TechnicalTo = [$"aws-ops@{domain}"], SecurityTo = [$"security@{domain}"], SecurityCc = [$"aws-ops@{domain}"],
                EmergencyPhone = english ? "+81 3-5555-0101" : "03-5555-0100", UpdatedAt = now,
            });
        }
        db.BaselineServices.AddRange(
            new BaselineService { ServiceName = "AWS CloudTrail", Position = 1, UpdatedAt = now, DescriptionJa = "すべてのリージョンのAPI操作を記録します。", DescriptionEn = "Records API activity in every region." },
            new BaselineService { ServiceName = "AWS Config", Position = 2, UpdatedAt = now, DescriptionJa = "リソースの設定変更を記録します。", DescriptionEn = "Records configuration changes of resources." },
            new BaselineService { ServiceName = "Amazon GuardDuty", Position = 3, UpdatedAt = now, DescriptionJa = "不審な操作や通信を検知します。", DescriptionEn = "Detects suspicious activity and traffic." },
            new BaselineService { ServiceName = "AWS Security Hub", Position = 4, UpdatedAt = now, DescriptionJa = "セキュリティのベストプラクティスへの準拠を確認します。", DescriptionEn = "Checks compliance with security best practices." });

        var hanako = await CreateUserAsync(DemoUsers[1].Email, "佐藤 花子", Languages.Japanese, isStaff: false, password, now);
        var taro = await CreateUserAsync(DemoUsers[2].Email, "鈴木 太郎", Languages.Japanese, isStaff: false, password, now);
        var emma = await CreateUserAsync(DemoUsers[3].Email, "Emma Clark", Languages.English, isStaff: false, password, now);
        db.Memberships.AddRange(
            new Membership { Organization = sakura, UserId = hanako.Id, Type = MemberType.Power, JoinedAt = now },
            new Membership { Organization = sakura, UserId = taro.Id, Type = MemberType.General, Permissions = Permission.ProjectViewer | Permission.AccountViewer | Permission.InquiryUser, JoinedAt = now },
            new Membership { Organization = blue, UserId = emma.Id, Type = MemberType.Power, JoinedAt = now });
        AddHelpdeskDemo(sakura, taro, staff, now);
        await db.SaveChangesAsync(ct);
        if (options.Value.Billing)
        {
            // Three closed months in every report format (one restated) and this month so far, for the demo accounts.
            await billing.GenerateAndIngestAsync(Path.GetFullPath(options.Value.BillingFolder), ct);
            // Rates for the demo months and a reseller discount, then the charges customers see.
            var thisMonth = new DateOnly(now.Year, now.Month, 1);
            for (var back = 0; back <= 3; back++)
            {
                var month = thisMonth.AddMonths(-back);
                db.ExchangeRates.Add(new ExchangeRateEntry { Month = month, UsdToJpy = 148.50m + back, Source = "Demo: TTM of the last business day", RateDate = month.AddDays(-1), UpdatedAt = now });
            }
            db.RatingRules.Add(new RatingRuleEntry
            {
                Kind = (int)RuleKind.Adjustment, Scope = (int)RuleScopeKind.All, Percent = -3m, EffectiveFrom = thisMonth.AddMonths(-12), UpdatedAt = now,
                NameJa = "リセール割引", NameEn = "Reseller discount",
            });
            await db.SaveChangesAsync(ct);
            await recompute.RecomputeStaleAsync(ct);
            await IssueDemoInvoicesAsync(thisMonth, staff.Id, now, ct);
        }
        return new DemoSeedResult(true, DemoUsers, password);
    }

    /// <summary>Notices for everyone (one important, one for Inquiry users only) and an answered inquiry of Sakura Trading.</summary>
    private void AddHelpdeskDemo(Organization sakura, PortalUser taro, PortalUser staff, DateTimeOffset now)
    {
        db.Notices.AddRange(
            new Notice
            {
                Category = NoticeCategory.Members, Important = true, PublishAt = now.AddDays(-2), ExpireAt = now.AddDays(30), CreatedAt = now, UpdatedAt = now,
                TitleJa = "メンテナンスのお知らせ", TitleEn = "Scheduled maintenance",
                BodyJa = "メンバーズポータルのメンテナンスを予定しています。\n\n- 期間中はサインインできません\n- 料金の集計は終了後に再開します",
                BodyEn = "The Members Portal will be under maintenance.\n\n- You cannot sign in during the window\n- Charge aggregation resumes afterwards",
            },
            new Notice
            {
                Category = NoticeCategory.Invoice, PublishAt = now.AddDays(-5), CreatedAt = now, UpdatedAt = now,
                TitleJa = "請求書の発行日について", TitleEn = "About the invoice issue date",
                BodyJa = "請求書は毎月**第5営業日**までに発行します。", BodyEn = "Invoices are issued by the **fifth business day** of each month.",
            },
            new Notice
            {
                Category = NoticeCategory.Support, RequiresInquiryUser = true, PublishAt = now.AddDays(-1), CreatedAt = now, UpdatedAt = now,
                TitleJa = "年末年始のヘルプデスク受付", TitleEn = "Helpdesk over the New Year holidays",
                BodyJa = "12月29日〜1月3日のお問い合わせは1月4日以降に回答します。", BodyEn = "Inquiries from 29 December to 3 January are answered from 4 January.",
            });
        var inquiry = new Inquiry
        {
            OrganizationId = sakura.Id, Category = InquiryCategory.Technical, Status = InquiryStatus.WaitingForCustomer, Subject = "CloudFront のキャッシュが更新されない",
            CreatedById = taro.Id, CreatedAt = now.AddDays(-1), UpdatedAt = now.AddHours(-3), AssigneeId = staff.Id,
        };
        inquiry.Messages.Add(new InquiryMessage
        {
            OrganizationId = sakura.Id, AuthorId = taro.Id, CreatedAt = now.AddDays(-1),
            Body = "ECサイトの画像を差し替えましたが、CloudFront 経由では古い画像が表示されます。",
        });
        inquiry.Messages.Add(new InquiryMessage
        {
            OrganizationId = sakura.Id, AuthorId = staff.Id, FromStaff = true, CreatedAt = now.AddHours(-3),
            Body = "キャッシュの無効化（Invalidation）で `/images/*` を指定してお試しください。",
        });
        db.Inquiries.Add(inquiry);
    }

    /// <summary>
    /// Invoices of the two previous months, issued: two months back is final; last month is not final yet in the
    /// demo data (AWS invoices around the 3rd), so it is closed with a reason, as staff would after checking.
    /// </summary>
    private async Task IssueDemoInvoicesAsync(DateOnly thisMonth, Guid staffId, DateTimeOffset now, CancellationToken ct)
    {
        db.InvoiceIssuers.Add(new InvoiceIssuer
        {
            Name = "デモ・クラウドリセラー株式会社", Address = "東京都港区芝浦1-2-3\nシーバンスN館", RegistrationNumber = "T6011001106696", UpdatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        foreach (var (month, force) in new[] { (thisMonth.AddMonths(-2), false), (thisMonth.AddMonths(-1), true) })
        {
            await closeMonth.HandleAsync(month, force, force ? "Demo: closed before AWS's final invoice" : null, staffId, ct);
            var drafts = await db.Invoices.AsNoTracking().Where(i => i.Month == month && i.Status == InvoiceStatus.Draft).OrderBy(i => i.ProjectName)
                .Select(i => i.Id).ToListAsync(ct);
            foreach (var draft in drafts)
            {
                await issueInvoice.HandleAsync(draft, staffId, ct);
            }
        }
    }

    private static Project NewProject(Organization organization, string name, Currency currency, DateTimeOffset now) => new()
    {
        Organization = organization, Name = name, Currency = currency, Plan = "Standard", PaymentMethod = "Bank transfer",
        ServiceLevel = "Business", CreatedAt = now,
    };

    private static AwsAccount NewAccount(Project project, string number, string name, DateOnly joined, DateTimeOffset now) => new()
    {
        AccountNumber = number, Organization = project.Organization, Project = project, Name = name, JoinedOn = joined, CreatedAt = now,
    };

    private async Task<PortalUser> CreateUserAsync(string email, string name, string language, bool isStaff, string password, DateTimeOffset now)
    {
        var user = new PortalUser
        {
            Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = name,
            Language = language, IsStaff = isStaff, CreatedAt = now,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo user not created: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
        return user;
    }
}
