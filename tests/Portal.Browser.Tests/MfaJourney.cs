using Microsoft.Playwright;
using OtpNet;

namespace Portal.Browser.Tests;

/// <summary>A person turns on MFA with an authenticator app (here: Otp.NET reading the manual key) and signs in with it.</summary>
public sealed class MfaJourney(BrowserPortal portal)
{
    // A demo user no other journey signs in as: after this journey his ID asks for a code.
    private const string Email = "taro.suzuki@sakura-trading.example";

    [Fact]
    public async Task SignIn_EnrolMfa_SignOut_SignInWithCode()
    {
        var page = await portal.NewPageAsync();
        await SignInWithPasswordAsync(page);
        // Each navigation waits for its commit and then for what the next step uses: on a busy machine the load event
        // once came a full minute after the page was there (network idle long before), at sign-out and at /id/mfa.
        await page.WaitForURLAsync(HomeOfHisOrganization, new() { WaitUntil = WaitUntilState.Commit });

        // The banner recommends MFA and leads to the set-up page.
        await page.Locator("[data-testid=mfa-banner] a").ClickAsync();
        await page.WaitForURLAsync("**/id/mfa", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("[data-testid=mfa-qr]")).ToBeVisibleAsync();
        var key = (await page.Locator("[data-testid=mfa-key]").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var authenticator = new Totp(Base32Encoding.ToBytes(key));
        await page.Locator("#enable-form #Code").FillAsync(authenticator.ComputeTotp(DateTime.UtcNow));
        await page.Locator("#enable-form button[type=submit]").ClickAsync();
        await page.Locator("[data-testid=recovery-codes]").WaitForAsync();
        Assert.Equal(10, await page.Locator("[data-testid=recovery-codes] li").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=mfa-banner]").CountAsync());

        await page.Locator("[data-testid=user-menu]").ClickAsync();
        await page.Locator("header form[action='/signout'] button").ClickAsync();
        await page.WaitForURLAsync("**/signin?signedout=true", new() { WaitUntil = WaitUntilState.Commit });

        await SignInWithPasswordAsync(page);
        await page.WaitForURLAsync("**/signin/mfa**", new() { WaitUntil = WaitUntilState.Commit });
        // The code of the set-up cannot be used again; the next time step's code is within the ±1 step window.
        await page.Locator("#totp-form #Code").FillAsync(authenticator.ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await page.Locator("#totp-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(HomeOfHisOrganization, new() { WaitUntil = WaitUntilState.Commit });

        await Assertions.Expect(page.Locator("header")).ToContainTextAsync("鈴木 太郎");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        Assert.Equal(0, await page.Locator("[data-testid=mfa-banner]").CountAsync());
    }

    /// <summary>A member lands on his remembered organization's home.</summary>
    private static readonly System.Text.RegularExpressions.Regex HomeOfHisOrganization = new("/orgs/[0-9a-f-]{36}$");

    private async Task SignInWithPasswordAsync(IPage page)
    {
        await page.GotoAsync("/signin");
        await page.Locator("#Email").FillAsync(Email);
        await page.Locator("#Password").FillAsync(portal.DemoPassword);
        await page.Locator("main form button[type=submit]").ClickAsync();
    }
}
