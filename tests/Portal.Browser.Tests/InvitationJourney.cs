using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Portal.Browser.Tests;

public sealed partial class InvitationJourney(BrowserPortal portal)
{
    /// <summary>
    /// A power user invites a colleague with two permissions; the colleague follows the mailed link, creates his ID and
    /// lands in the organization seeing exactly what those permissions open.
    /// </summary>
    [Fact]
    public async Task PowerUser_InvitesColleague_ColleagueSignsUpWithExactlyTheGrantedPermissions()
    {
        var page = await portal.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("メールアドレス").FillAsync("hanako.sato@sakura-trading.example");
        await page.GetByLabel("パスワード").FillAsync(portal.DemoPassword);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/orgs/[0-9a-f-]{36}$"));
        var organizationUrl = page.Url;

        await page.GotoAsync(organizationUrl + "/invitations/new");
        var colleague = $"colleague-{Guid.NewGuid():N}@sakura-trading.example";
        await page.GetByLabel("メールアドレス").FillAsync(colleague);
        await page.GetByLabel("プロジェクト閲覧").CheckAsync();
        await page.GetByLabel("ユーザー閲覧").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "招待を送信" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/invitations\\?done=sent"));
        Assert.Contains(colleague, await page.Locator("[data-testid=invitations-table]").InnerTextAsync(), StringComparison.Ordinal);

        var mail = await portal.WaitForMailAsync(colleague);
        var link = LinkPattern().Match(mail.TextBody ?? "").Value;
        Assert.NotEmpty(link);
        var invitee = await portal.NewPageAsync();
        await invitee.GotoAsync(new Uri(link).PathAndQuery);
        await invitee.GetByLabel("お名前").FillAsync("山田 次郎");
        await invitee.GetByLabel("新しいパスワード", new() { Exact = true }).FillAsync("Colleague#Pass-2026");
        await invitee.GetByLabel("新しいパスワード (確認)", new() { Exact = true }).FillAsync("Colleague#Pass-2026");
        await invitee.GetByRole(AriaRole.Button, new() { Name = "IDを作成して参加する" }).ClickAsync();
        await invitee.WaitForURLAsync(organizationUrl);

        var navigation = await invitee.Locator("#sideNav").InnerTextAsync();
        Assert.Contains("プロジェクト", navigation, StringComparison.Ordinal);
        Assert.Contains("ユーザー", navigation, StringComparison.Ordinal);
        Assert.DoesNotContain("請求書", navigation, StringComparison.Ordinal);
        Assert.DoesNotContain("招待", navigation, StringComparison.Ordinal);
        await invitee.GotoAsync(organizationUrl + "/invitations");
        Assert.Contains("アクセスに必要な権限が許可されていません", await invitee.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"http://[^\s]+/invitations/[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();
}
