using Microsoft.Playwright;

namespace Portal.Browser.Tests;

public sealed class HomePageJourney(BrowserPortal portal)
{
    [Fact]
    public async Task HomePage_InJapaneseThenEnglish_RendersAndSignsIn()
    {
        var page = await portal.NewPageAsync();

        await page.GotoAsync("/");
        Assert.Equal("ja", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("サインイン", (await page.Locator("main h1").TextContentAsync())?.Trim());

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.WaitForURLAsync("**/signin**");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Sign in", (await page.Locator("main h1").TextContentAsync())?.Trim());

        await page.GetByLabel("Email address").FillAsync("emma.clark@blueocean.example");
        await page.GetByLabel("Password").FillAsync(portal.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).Last.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/orgs/[0-9a-f-]{36}$"));

        Assert.Equal("Blue Ocean Labs K.K.", (await page.Locator("main h1").TextContentAsync())?.Trim());
        Assert.Contains("Emma Clark", await page.Locator("header").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
    }
}
