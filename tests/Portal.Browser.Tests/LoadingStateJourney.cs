using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Portal.Browser.Tests;

/// <summary>
/// Loading states (wwwroot/js/busy.js): a page that is slow to come shows a progress bar and a spoken "loading" status
/// until it arrives; a posted form's buttons turn busy, so a double click posts once; downloads and a declined
/// confirmation leave the page as it was. The slow answer is made by holding the request back for a few seconds.
/// While a navigation is pending Playwright cannot look into the old page, so the page records what it showed in
/// sessionStorage (a MutationObserver installed before the click) and the test reads it from the page that follows.
/// </summary>
public sealed class LoadingStateJourney(BrowserPortal portal)
{
    private const string Customer = "hanako.sato@sakura-trading.example";

    /// <summary>Far above the bar's 250 ms grace period, so that a busy machine still sees it.</summary>
    private static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(3);

    private const string RecordBusyState =
        """
        () => {
            sessionStorage.removeItem('seen');
            const record = () => {
                const bar = document.getElementById('page-busy');
                const button = document.querySelector('main form button[aria-busy=true]');
                const seen = JSON.parse(sessionStorage.getItem('seen') || '{}');
                if (!bar.hidden) { seen.bar = true; seen.status = document.getElementById('page-busy-status').textContent; }
                if (button) { seen.button = button.textContent.trim(); seen.disabled = button.disabled; }
                sessionStorage.setItem('seen', JSON.stringify(seen));
            };
            new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        }
        """;

    [Fact]
    public async Task SlowPage_ShowsLoadingBarUntilItArrives_DownloadDoesNot()
    {
        var (organization, account) = await portal.QueryAsync(async db =>
        {
            var org = await db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Code == "sakura");
            var accountId = await db.AwsAccounts.IgnoreQueryFilters().Where(a => a.OrganizationId == org.Id).OrderBy(a => a.Name).Select(a => a.Id).FirstAsync();
            return (org.Id, accountId);
        });
        var page = await portal.SignInAsync(Customer, portal.DemoPassword);
        await page.GotoAsync($"/orgs/{organization}/accounts/{account}");
        var bar = page.Locator("#page-busy");
        Assert.True(await bar.IsHiddenAsync());

        await page.RouteAsync(new Regex($"/accounts/{account}/charges$"), async route =>
        {
            await Task.Delay(SlowAnswer);
            await route.ContinueAsync();
        });
        await page.EvaluateAsync(RecordBusyState);
        await page.Locator($"a[href$='/accounts/{account}/charges']").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/charges$"));
        await page.Locator("[data-testid=usage-csv]").WaitForAsync();

        var seen = await page.EvaluateAsync<Dictionary<string, object>>("() => JSON.parse(sessionStorage.getItem('seen') || '{}')");
        Assert.True(seen.ContainsKey("bar"), "no loading bar while the slow page was on its way");
        Assert.Equal("読み込み中…", seen["status"].ToString());
        Assert.True(await bar.IsHiddenAsync(), "the page that arrived still shows the loading bar");

        // A download never leaves the page, so it must not start a bar that nothing would end.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=usage-csv]").ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        await page.WaitForTimeoutAsync(1000);
        Assert.True(await bar.IsHiddenAsync(), "the loading bar appeared for a download");
    }

    [Fact]
    public async Task DoubleClickedForm_PostsOnce_WhileItsButtonSaysWorking()
    {
        var subject = $"二重送信の確認 {Guid.NewGuid():N}"[..20];
        var page = await portal.SignInAsync(Customer, portal.DemoPassword);
        var organizationUrl = page.Url;
        await page.GotoAsync(organizationUrl + "/inquiries/new");
        await page.GetByLabel("種別").SelectOptionAsync("Other");
        await page.GetByLabel("件名").FillAsync(subject);
        await page.GetByLabel("本文").FillAsync("送信ボタンを二度押しても一件だけ届くことの確認です。");

        var posts = 0;
        await page.RouteAsync(new Regex("/inquiries/new$"), async route =>
        {
            if (route.Request.Method == "POST")
            {
                Interlocked.Increment(ref posts);
                await Task.Delay(SlowAnswer);
            }
            await route.ContinueAsync();
        });
        await page.EvaluateAsync(RecordBusyState);
        await page.GetByRole(AriaRole.Button, new() { Name = "お問い合わせを送信" }).DblClickAsync();
        await page.WaitForURLAsync(new Regex("/inquiries/[0-9a-f-]{36}\\?done=opened$"));

        var seen = await page.EvaluateAsync<Dictionary<string, object>>("() => JSON.parse(sessionStorage.getItem('seen') || '{}')");
        Assert.Equal(1, posts);
        Assert.Equal(1, await portal.QueryAsync(db => db.Inquiries.IgnoreQueryFilters().CountAsync(i => i.Subject == subject)));
        Assert.True(seen.ContainsKey("button"), "the send button never turned busy");
        Assert.Equal("処理中…", seen["button"].ToString());
        Assert.Equal("True", seen["disabled"].ToString());
    }

    [Fact]
    public async Task DeclinedConfirmation_LeavesTheFormUsableAndNoBar()
    {
        var (email, _) = await portal.CreateMemberAsync("sakura", Portal.Core.Organizations.Permission.ProjectViewer);
        var (organization, membership) = await portal.QueryAsync(async db =>
        {
            var m = await db.Memberships.IgnoreQueryFilters().SingleAsync(x => x.User.Email == email);
            return (m.OrganizationId, m.Id);
        });
        var page = await portal.SignInAsync(Customer, portal.DemoPassword);
        await page.GotoAsync($"/orgs/{organization}/members/{membership}");
        page.Dialog += async (_, dialog) => await dialog.DismissAsync();
        var remove = page.Locator("form[data-confirm] button[type=submit]");
        await remove.ClickAsync();
        await page.WaitForTimeoutAsync(1000);

        Assert.True(await page.Locator("#page-busy").IsHiddenAsync(), "the loading bar appeared although the user declined");
        Assert.True(await remove.IsEnabledAsync());
        Assert.EndsWith($"/members/{membership}", page.Url, StringComparison.Ordinal);
        Assert.Equal(1, await portal.QueryAsync(db => db.Memberships.IgnoreQueryFilters().CountAsync(m => m.Id == membership)));
    }
}
