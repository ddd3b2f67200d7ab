using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace Portal.Browser.Tests;

/// <summary>
/// What every main page must pass in a browser: axe-core (from the npm registry, tests/Portal.Browser.Tests/axe) finds no
/// serious or critical violation, and at 360 px the page itself never scrolls sideways. Also writes the README's
/// screenshots when <c>PORTAL_SCREENSHOTS=1</c>.
/// </summary>
public static class PageChecks
{
    private static readonly SemaphoreSlim Install = new(1, 1);
    private static string? _axeSource;

    /// <summary>The serious and critical axe violations of the page as it is now, one line per rule and element.</summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page)
    {
        var source = await AxeSourceAsync();
        // Playwright evaluates through the DevTools protocol, which the portal's CSP (no inline script) does not block.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.EvaluateAsync(source);
        }
        var result = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
                const r = await axe.run(document, { resultTypes: ['violations'] });
                return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .flatMap(v => v.nodes.slice(0, 5).map(n => `${v.impact} ${v.id}: ${n.target.join(' ')} — ${v.help}`));
            }
            """);
        var path = new Uri(page.Url).PathAndQuery;
        return [.. result.EnumerateArray().Select(v => $"{path}: {v.GetString()}")];
    }

    /// <summary>
    /// Collects the page's console errors from now on, with the path they happened on: a style or script the CSP refused
    /// (an inline <c>style</c> attribute, an inline handler) shows only there, while the page merely looks wrong.
    /// </summary>
    public static List<string> ConsoleErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add($"{new Uri(page.Url).PathAndQuery}: {message.Text}");
                }
            }
        };
        return errors;
    }

    /// <summary>How many pixels the page is wider than the viewport (0 when nothing scrolls sideways).</summary>
    public static Task<int> HorizontalOverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => Math.max(0, Math.ceil(document.documentElement.scrollWidth - document.documentElement.clientWidth))");

    public static bool TakeScreenshots => Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") == "1";

    /// <summary>Writes docs/screenshots/NAME.png in the repository, only when PORTAL_SCREENSHOTS=1 (CI keeps the tree clean).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (!TakeScreenshots)
        {
            return;
        }
        // Without a Japanese font Chromium draws boxes; customers' systems all have one (./test.sh installs Noto CJK).
        Assert.True(await HasJapaneseFontAsync(), "No Japanese font is installed: run PORTAL_SCREENSHOTS=1 ./test.sh, which installs fonts-noto-cjk.");
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        // Charts animate in; wait until they have settled so that the picture does not depend on timing.
        await page.WaitForTimeoutAsync(1200);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = false, Animations = ScreenshotAnimations.Disabled });
    }

    private static async Task<bool> HasJapaneseFontAsync()
    {
        using var fcList = Process.Start(new ProcessStartInfo("fc-list", [":lang=ja"]) { RedirectStandardOutput = true })!;
        var fonts = await fcList.StandardOutput.ReadToEndAsync();
        await fcList.WaitForExitAsync();
        return fonts.Trim().Length > 0;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Portal.slnx was not found above " + AppContext.BaseDirectory);
    }

    private static async Task<string> AxeSourceAsync()
    {
        if (_axeSource is not null)
        {
            return _axeSource;
        }
        await Install.WaitAsync();
        try
        {
            var folder = Path.Combine(RepositoryRoot(), "tests", "Portal.Browser.Tests", "axe");
            var script = Path.Combine(folder, "node_modules", "axe-core", "axe.min.js");
            if (!File.Exists(script))
            {
                // ./test.sh runs npm ci for every package-lock.json; this covers a direct `dotnet test` too.
                using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]) { WorkingDirectory = folder, RedirectStandardError = true })!;
                var error = await npm.StandardError.ReadToEndAsync();
                await npm.WaitForExitAsync();
                Assert.True(npm.ExitCode == 0, "npm ci for axe-core failed: " + error);
            }
            return _axeSource = await File.ReadAllTextAsync(script);
        }
        finally
        {
            Install.Release();
        }
    }
}
