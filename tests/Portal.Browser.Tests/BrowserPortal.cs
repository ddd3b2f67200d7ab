using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Web.Features.Demo;

[assembly: AssemblyFixture(typeof(Portal.Browser.Tests.BrowserPortal))]

namespace Portal.Browser.Tests;

/// <summary>
/// The real portal on Kestrel (a free loopback port, SQLite, demo data) and a headless Debian Chromium driven by
/// Playwright. Playwright's own browser download is never used.
/// </summary>
public sealed class BrowserPortal : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"portal-browser-{Guid.NewGuid():N}.db");
    private readonly string _mail = Path.Combine(Path.GetTempPath(), $"portal-browser-mail-{Guid.NewGuid():N}");
    private Factory? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public string DemoPassword => new DemoOptions().Password;

    /// <summary>The running portal's services, for set-up a journey cannot do through the browser (a staff ID with MFA).</summary>
    public IServiceProvider Services => _factory!.Services;

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("PORTAL_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new FileNotFoundException($"Chromium was not found at {ChromiumPath}. Run ./test.sh, which installs it.");
        }
        _factory = new Factory($"Data Source={_database}", _mail);
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (own cookies) with one page.</summary>
    public async Task<IPage> NewPageAsync(string? locale = null, (int Width, int Height)? viewport = null)
    {
        var options = new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = locale ?? "ja-JP", AcceptDownloads = true };
        if (viewport is { } size)
        {
            options.ViewportSize = new ViewportSize { Width = size.Width, Height = size.Height };
        }
        var context = await Browser.NewContextAsync(options);
        // Generous limits: CI machines are small and busy; a real failure still fails, only later.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A new general member of the demo organization <paramref name="organizationCode"/> with exactly
    /// <paramref name="permissions"/>, so that a journey does not depend on what other journeys did to the demo users.
    /// </summary>
    public async Task<(string Email, string Password)> CreateMemberAsync(string organizationCode, Portal.Core.Organizations.Permission permissions,
        Portal.Core.Organizations.MemberType type = Portal.Core.Organizations.MemberType.General, string language = "ja")
    {
        const string password = "Journey#Passw0rd-2026";
        var email = $"member-{Guid.NewGuid():N}@sakura-trading.example";
        await using var scope = _factory!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Portal.Core.Data.PortalDbContext>();
        var user = new Portal.Core.Identity.PortalUser
        {
            Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Journey Member", Language = language, CreatedAt = DateTimeOffset.UtcNow,
        };
        var created = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Portal.Core.Identity.PortalUser>>().CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        var organizationId = db.Organizations.Single(o => o.Code == organizationCode).Id;
        db.Memberships.Add(new Portal.Core.Organizations.Membership
        {
            OrganizationId = organizationId, UserId = user.Id, Type = type, Permissions = permissions, JoinedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return (email, password);
    }

    /// <summary>Signs in with a password (no MFA) and waits to leave the sign-in page.</summary>
    public async Task<IPage> SignInAsync(string email, string password, string? locale = null, (int Width, int Height)? viewport = null)
    {
        var page = await NewPageAsync(locale, viewport);
        await page.GotoAsync("/signin");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        return page;
    }

    /// <summary>A staff ID of its own, enrolled in MFA, signed in through the MFA step.</summary>
    public async Task<IPage> SignInStaffAsync(string language = "ja", (int Width, int Height)? viewport = null)
    {
        var (email, password, key) = await CreateStaffWithMfaAsync(language);
        var page = await NewPageAsync(null, viewport);
        await page.GotoAsync("/signin");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/signin/mfa**");
        await page.Locator("#totp-form #Code").FillAsync(new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow));
        await page.Locator("#totp-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        return page;
    }

    /// <summary>A staff ID of its own (not the demo staff), already enrolled in MFA, so no other journey's state matters.</summary>
    public async Task<(string Email, string Password, string Key)> CreateStaffWithMfaAsync(string language = "ja")
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Portal.Core.Identity.PortalUser>>();
        var email = $"agent-{Guid.NewGuid():N}@reseller.example";
        const string password = "Agent#Passw0rd-2026";
        var user = new Portal.Core.Identity.PortalUser
        {
            Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Reseller Staff", Language = language,
            IsStaff = true, CreatedAt = DateTimeOffset.UtcNow,
        };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        await users.SetTwoFactorEnabledAsync(user, true);
        return (email, password, key);
    }

    /// <summary>Runs <paramref name="query"/> against the portal's database.</summary>
    public async Task<T> QueryAsync<T>(Func<Portal.Core.Data.PortalDbContext, Task<T>> query)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<Portal.Core.Data.PortalDbContext>());
    }

    /// <summary>Waits for the portal's outbox to drop a mail to <paramref name="address"/> into the pickup folder.</summary>
    public async Task<MimeKit.MimeMessage> WaitForMailAsync(string address, TimeSpan? timeout = null, Func<MimeKit.MimeMessage, bool>? predicate = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(_mail))
            {
                foreach (var file in Directory.GetFiles(_mail, "*.eml"))
                {
                    var message = await MimeKit.MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase)) && (predicate?.Invoke(message) ?? true))
                    {
                        return message;
                    }
                }
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"No mail to {address} arrived.");
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
        foreach (var folder in new[] { _mail, _mail + "-billing" }.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class Factory(string connection, string mailFolder) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Portal", connection);
            // Exactly what the README's run command does: migrate and create the demo before serving.
            builder.UseSetting("Database:MigrateAtStartup", "true");
            builder.UseSetting("Demo:SeedOnFirstStart", "true");
            builder.UseSetting("Mail:PickupFolder", mailFolder);
            builder.UseSetting("Demo:BillingFolder", mailFolder + "-billing");
            builder.UseSetting("Mail:DispatchIntervalSeconds", "1");
        }
    }
}
