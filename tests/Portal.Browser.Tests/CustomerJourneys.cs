using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OtpNet;
using Portal.Core.Organizations;

namespace Portal.Browser.Tests;

/// <summary>The customer's main flows not covered by the older journeys (SPEC: issue 12).</summary>
public sealed partial class CustomerJourneys(BrowserPortal portal)
{
    /// <summary>
    /// An invited colleague's first sign-in: he follows the mailed link, creates his ID, is offered MFA on arrival,
    /// sets it up with an authenticator app, and from then on signs in with password and code.
    /// </summary>
    [Fact]
    public async Task InvitedColleague_FirstSignIn_SetsUpMfa_NextSignInAsksForTheCode()
    {
        var inviter = await portal.SignInAsync("hanako.sato@sakura-trading.example", portal.DemoPassword);
        var organizationUrl = inviter.Url;
        await inviter.GotoAsync(organizationUrl + "/invitations/new");
        var colleague = $"newcomer-{Guid.NewGuid():N}@sakura-trading.example";
        await inviter.GetByLabel("メールアドレス").FillAsync(colleague);
        await inviter.GetByLabel("プロジェクト閲覧").CheckAsync();
        await inviter.GetByRole(AriaRole.Button, new() { Name = "招待を送信" }).ClickAsync();
        await inviter.WaitForURLAsync(new Regex("/invitations\\?done=sent"));

        var link = InvitationLink().Match((await portal.WaitForMailAsync(colleague)).TextBody ?? "").Value;
        Assert.NotEmpty(link);
        var page = await portal.NewPageAsync();
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await page.GetByLabel("お名前").FillAsync("高橋 三郎");
        await page.GetByLabel("新しいパスワード", new() { Exact = true }).FillAsync("Newcomer#Pass-2026");
        await page.GetByLabel("新しいパスワード (確認)", new() { Exact = true }).FillAsync("Newcomer#Pass-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "IDを作成して参加する" }).ClickAsync();
        await page.WaitForURLAsync(organizationUrl);

        await page.Locator("[data-testid=mfa-banner] a").ClickAsync();
        await page.WaitForURLAsync("**/id/mfa");
        var key = (await page.Locator("[data-testid=mfa-key]").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var authenticator = new Totp(Base32Encoding.ToBytes(key));
        await page.Locator("#enable-form #Code").FillAsync(authenticator.ComputeTotp(DateTime.UtcNow));
        await page.Locator("#enable-form button[type=submit]").ClickAsync();
        await page.Locator("[data-testid=recovery-codes]").WaitForAsync();
        Assert.Equal(10, await page.Locator("[data-testid=recovery-codes] li").CountAsync());

        var again = await portal.NewPageAsync();
        await again.GotoAsync("/signin");
        await again.Locator("#Email").FillAsync(colleague);
        await again.Locator("#Password").FillAsync("Newcomer#Pass-2026");
        await again.Locator("main form button[type=submit]").ClickAsync();
        await again.WaitForURLAsync("**/signin/mfa**");
        await again.Locator("#totp-form #Code").FillAsync(authenticator.ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await again.Locator("#totp-form button[type=submit]").ClickAsync();
        await again.WaitForURLAsync(organizationUrl);
        Assert.Contains("高橋 三郎", await again.Locator("header").InnerTextAsync(), StringComparison.Ordinal);
    }

    /// <summary>A member of two organizations switches from the header; the portal remembers the choice at the next sign-in.</summary>
    [Fact]
    public async Task MemberOfTwoOrganizations_SwitchesInTheHeader_AndLandsThereNextTime()
    {
        var (email, password) = await portal.CreateMemberAsync("sakura", Permission.ProjectViewer | Permission.AccountViewer);
        await portal.QueryAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var blue = await db.Organizations.SingleAsync(o => o.Code == "blueocean");
            db.Memberships.Add(new Membership { OrganizationId = blue.Id, UserId = user.Id, Type = MemberType.General, Permissions = Permission.ProjectViewer, JoinedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        var page = await portal.SignInAsync(email, password);
        var first = (await page.Locator("[data-testid=current-organization]").TextContentAsync())!.Trim();
        var before = page.Url;

        await page.Locator("[data-testid=org-switcher] button.dropdown-toggle").ClickAsync();
        var other = page.Locator("[data-testid=org-switcher] .dropdown-menu button[aria-current=false]");
        Assert.Equal(1, await other.CountAsync());
        var otherName = (await other.TextContentAsync())!.Trim();
        await other.ClickAsync();
        await page.WaitForURLAsync(url => url != before && OrganizationHome().IsMatch(url));

        Assert.NotEqual(first, otherName);
        Assert.Equal(otherName, (await page.Locator("[data-testid=current-organization]").TextContentAsync())!.Trim());
        var switchedTo = page.Url;
        var next = await portal.SignInAsync(email, password);
        Assert.Equal(switchedTo, next.Url);
    }

    /// <summary>
    /// The FAQ's case: a general user without Inquiry permission opens the inquiries URL and meets the access-denied
    /// page, which names the missing permission's holders (the power users) to ask; the menu never offered the link.
    /// </summary>
    [Fact]
    public async Task GeneralUserWithoutInquiryPermission_OpensInquiries_MeetsAccessDenied()
    {
        var (email, password) = await portal.CreateMemberAsync("sakura", Permission.ProjectViewer | Permission.AccountViewer);
        var page = await portal.SignInAsync(email, password);
        Assert.Equal(0, await page.Locator("#sideNav a[href$='/inquiries']").CountAsync());

        var response = await page.GotoAsync(page.Url + "/inquiries");

        Assert.Equal(403, response!.Status);
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("アクセスに必要な権限が許可されていません", main, StringComparison.Ordinal);
        Assert.Contains("佐藤 花子", await page.Locator("[data-testid=power-users]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(await PageChecks.AxeViolationsAsync(page));
    }

    /// <summary>A power user downloads an account's usage CSV for the month on screen: a UTF-8 CSV with a header and rows.</summary>
    [Fact]
    public async Task PowerUser_DownloadsAnAccountsUsageCsv()
    {
        var page = await portal.SignInAsync("hanako.sato@sakura-trading.example", portal.DemoPassword);
        await page.Locator("#sideNav a[href$='/accounts']").First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "ec-production", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "ご利用料金", Exact = true }).ClickAsync();
        await page.Locator("[data-testid=charges-total]").WaitForAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("usage-csv").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"journey-{Guid.NewGuid():N}.csv");
        await download.SaveAsAsync(path);
        try
        {
            Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
            var lines = (await File.ReadAllLinesAsync(path)).Where(l => l.Length > 0).ToList();
            Assert.True(lines.Count >= 2, $"the CSV has {lines.Count} lines");
            Assert.Contains(',', lines[0]);
            var month = new Uri(download.Url).Query;
            Assert.Matches(@"month=\d{4}-\d{2}", month);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex(@"http://[^\s]+/invitations/[A-Za-z0-9_\-]+")]
    private static partial Regex InvitationLink();

    [GeneratedRegex("/orgs/[0-9a-f-]{36}$")]
    private static partial Regex OrganizationHome();
}

/// <summary>The staff's main flows in a browser: loading AWS billing files and closing a month.</summary>
public sealed class StaffJourneys(BrowserPortal portal)
{
    /// <summary>
    /// Staff add the real WorkshopCUR Parquet files (../shared/data) as a billing source, start the ingestion and watch
    /// the runs page refresh itself until the run has succeeded with every row read.
    /// </summary>
    [Fact]
    public async Task Staff_IngestsADelivery_WatchesTheRunSucceed()
    {
        var folder = SharedDataFolder("cur-legacy-parquet");
        var payer = "9" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(CultureInfo.InvariantCulture);
        var page = await portal.SignInStaffAsync();
        await page.GotoAsync("/staff/billing/sources");
        await page.GetByLabel("支払アカウント").FillAsync(payer);
        await page.Locator("#Location").FillAsync(folder);
        await page.Locator("#TagKey").FillAsync("cost_center");
        await page.GetByRole(AriaRole.Button, new() { Name = "データソースを追加" }).ClickAsync();
        var row = page.Locator("[data-testid=sources-table] tbody tr", new() { HasText = payer });
        await row.WaitForAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "今すぐ取り込む" }).ClickAsync();
        await page.WaitForURLAsync("**/staff/billing/runs");
        // The table refreshes itself every 2 s (htmx): the run of this source appears and ends without a reload.
        var sourceId = await portal.QueryAsync(db => db.BillingSources.Where(s => s.PayerAccountId == payer).Select(s => s.Id).SingleAsync());
        var runs = $"[data-testid=runs-table] tbody tr[data-source-id='{sourceId}']";
        await page.Locator(runs).First.WaitForAsync(new() { Timeout = 180_000 });
        await page.Locator(runs + "[data-run-state=Succeeded]").First.WaitForAsync(new() { Timeout = 300_000 });
        await Assertions.Expect(page.Locator(runs + "[data-run-state=Running]")).ToHaveCountAsync(0, new() { Timeout = 300_000 });

        Assert.Equal(0, await page.Locator(runs + "[data-run-state=Failed]").CountAsync());
        Assert.Equal("100", await page.Locator(runs + "[data-run-state=Succeeded]").First.Locator("[role=progressbar]").GetAttributeAsync("aria-valuenow"));
        // Both WorkshopCUR months: 243,647 rows for their two accounts (NOTES.md), all read.
        var rowsRead = await portal.QueryAsync(db => db.IngestionRuns.Where(r => db.BillingSources.Any(s => s.Id == r.SourceId && s.PayerAccountId == payer)).SumAsync(r => r.RowsRead));
        Assert.True(rowsRead >= 243_647, $"{rowsRead} rows read");
    }

    /// <summary>
    /// Staff close the oldest demo month that is still open (three months back), see its drafts, and issue each: every
    /// invoice gets its number and the month's list shows them issued.
    /// </summary>
    [Fact]
    public async Task Staff_ClosesAMonth_IssuesItsInvoices()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-3).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var page = await portal.SignInStaffAsync();
        await page.GotoAsync($"/staff/invoices?month={month}");
        Assert.Equal(0, await page.Locator("[data-testid=month-closed]").CountAsync());

        await page.Locator("[data-testid=close-month] #month").FillAsync(month);
        await page.Locator("[data-testid=close-month] #Force").CheckAsync();
        await page.Locator("[data-testid=close-month] #Reason").FillAsync("ブラウザテスト: AWS の確定前に締める");
        await page.Locator("[data-testid=close-month] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync($"**/staff/invoices?month={month}");
        Assert.Contains("締めました", await page.Locator("[data-testid=invoices-message]").InnerTextAsync(), StringComparison.Ordinal);
        var drafts = page.Locator("[data-testid=staff-invoices-table] tbody tr", new() { HasText = "下書き" });
        var count = await drafts.CountAsync();
        Assert.True(count > 0, "closing the month made no draft");

        for (var i = 0; i < count; i++)
        {
            await page.Locator("[data-testid=staff-invoices-table] tbody tr", new() { HasText = "下書き" }).First.Locator("td a").First.ClickAsync();
            await page.WaitForURLAsync(new Regex("/staff/invoices/[0-9a-f-]{36}$"));
            await page.Locator("[data-testid=issue-form] button[type=submit]").ClickAsync();
            await page.Locator("[data-testid=invoice-message]").WaitForAsync();
            Assert.Contains("として発行しました", await page.Locator("[data-testid=invoice-message]").InnerTextAsync(), StringComparison.Ordinal);
            await page.GotoAsync($"/staff/invoices?month={month}");
        }

        Assert.Equal(0, await page.Locator("[data-testid=staff-invoices-table] tbody tr", new() { HasText = "下書き" }).CountAsync());
        var numbers = await page.Locator("[data-testid=staff-invoices-table] tbody tr td:first-child a").AllInnerTextsAsync();
        Assert.Equal(count, numbers.Count);
        Assert.All(numbers, n => Assert.Matches(@"\d", n));
    }

    private static string SharedDataFolder(string name)
    {
        var path = Path.GetFullPath(Path.Combine(PageChecks.RepositoryRoot(), "..", "shared", "data", name));
        return Directory.Exists(path) ? path : throw new DirectoryNotFoundException($"The shared billing files were not found at {path}.");
    }
}
