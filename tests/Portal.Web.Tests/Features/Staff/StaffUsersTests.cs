using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Tests.Features.Account;
using Portal.Web.Tests.Infrastructure;
using static Portal.Web.Tests.Features.Account.AccountSteps;

namespace Portal.Web.Tests.Features.Staff;

/// <summary>Staff accounts: created by the CLI, MFA before anything else, unlock and MFA reset for users.</summary>
[Collection(ClockSensitive.Name)]
public sealed class StaffUsersTests(PortalApps apps)
{
    [Theory, BothDatabases]
    public async Task Staff_WithoutMfa_ReachesOnlyTheMfaSetUp(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (staff, password) = await app.CreateUserAsync("Staff", isStaff: true, language: "en");
        using var client = await app.SignedInClientAsync(staff.Email!, password);

        using var console = await client.GetAsync("/staff/users");
        using var home = await client.GetAsync("/");
        var setup = await client.GetDocumentAsync("/id/mfa");
        await app.EnrolMfaAsync(client);
        using var afterwards = await client.GetAsync("/staff/users");

        Assert.Equal("/id/mfa", console.Headers.Location!.OriginalString);
        Assert.Equal("/id/mfa", home.Headers.Location!.OriginalString);
        Assert.Equal("Staff accounts must use MFA. Set it up now to continue.", setup.Text("[data-testid=staff-mfa-required]"));
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Staff_WithMfa_CannotTurnItOff(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (staff, password) = await app.CreateUserAsync("Staff", isStaff: true);
        using var client = await app.SignedInClientAsync(staff.Email!, password);
        var (key, _) = await app.EnrolMfaAsync(client);
        app.NextTotpStep();

        using var page = await client.GetAsync("/id/mfa/disable");
        var mfaPage = await client.GetDocumentAsync("/id/mfa");
        // The page offers no form; post what it would have posted, with a valid antiforgery token.
        var antiforgery = mfaPage.QuerySelector("#regenerate-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent([new("Password", password), new("Code", app.Code(key)), new("__RequestVerificationToken", antiforgery)]);
        using var forced = await client.PostAsync("/id/mfa/disable", content);

        Assert.Equal("/id/mfa", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, forced.StatusCode);
        Assert.True(await app.WithDbAsync(c => c.Users.Where(u => u.Id == staff.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task StaffConsole_ForACustomer_IsForbidden(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync();
        using var client = await app.SignedInClientAsync(user.Email!, password);

        using var response = await client.GetAsync("/staff/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Unlock_LockedUser_CanSignInAgainAndIsMailed(DatabaseKind db)
    {
        var app = await apps.For(db);
        using var staff = await SignedInStaffAsync(app);
        var (user, password) = await app.CreateUserAsync(language: "en");
        using var customer = app.NewClient();
        for (var i = 0; i < 10; i++)
        {
            using var wrong = await customer.SubmitFormAsync("/signin", Form(("Email", user.Email!), ("Password", $"Wrong#Passw0rd-{i}")));
        }

        var found = await staff.GetDocumentAsync("/staff/users?q=" + Uri.EscapeDataString(user.Email!));
        var detailUrl = found.QuerySelector("[data-testid=staff-users] a")!.GetAttribute("href")!;
        var detail = await staff.GetDocumentAsync(detailUrl);
        using var unlocked = await staff.SubmitFormAsync(detail, detailUrl, Form(), "#unlock-form");

        Assert.Equal("Locked", detail.Text("[data-testid=staff-user-status]"));
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        Assert.Equal("Active", (await staff.FollowAsync(unlocked)).Text("[data-testid=staff-user-status]"));
        using var signedIn = await app.SignedInClientAsync(user.Email!, password);
        var audit = Assert.Single(await app.AuditOfAsync(user.Id), e => e.Event == "user.unlocked");
        Assert.Equal(await StaffIdAsync(app, staff), audit.ActorId);
        await app.DeliverMailAsync();
        Assert.NotNull(await app.Mail.WaitForAsync(user.Email!, m => m.Subject == "Your Members ID has been unlocked"));
    }

    [Theory, BothDatabases]
    public async Task ResetMfa_EndsTheUsersSessionsMailsHimAndLetsHimEnrolAgain(DatabaseKind db)
    {
        var app = await apps.For(db);
        using var staff = await SignedInStaffAsync(app);
        var (user, password) = await app.CreateUserAsync(language: "en");
        using var userClient = await app.SignedInClientAsync(user.Email!, password);
        await app.EnrolMfaAsync(userClient);

        var detailUrl = $"/staff/users/{user.Id}";
        using var reset = await staff.SubmitFormAsync(detailUrl, Form(), "#reset-mfa-form");
        app.Clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.False(await userClient.IsSignedInAsync());
        using var again = await app.SignedInClientAsync(user.Email!, password);
        Assert.NotNull((await again.GetDocumentAsync("/")).QuerySelector("[data-testid=mfa-banner]"));
        var audit = Assert.Single(await app.AuditOfAsync(user.Id), e => e.Event == "mfa.reset");
        Assert.Equal(await StaffIdAsync(app, staff), audit.ActorId);
        await app.DeliverMailAsync();
        var mail = await app.Mail.WaitForAsync(user.Email!, m => m.Subject == "Two-step verification of your Members ID has been reset");
        Assert.Contains("http://localhost/id/mfa", mail.TextBody, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task StaffAdd_Cli_PrintsASingleUseLinkThatSetsThePasswordThenAsksForMfa(DatabaseKind db)
    {
        var app = await apps.For(db);
        var email = $"new-staff-{Guid.NewGuid():N}@test.example";
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = db == DatabaseKind.Postgres ? "Postgres" : "Sqlite",
            ["ConnectionStrings__Portal"] = configuration.GetConnectionString("Portal")!,
            ["PublicUrls__Id"] = "http://localhost/id",
        };
        var folder = Directory.CreateTempSubdirectory("portal-staff-").FullName;

        var result = await PortalCli.RunAsync(folder, environment, "staff", "add", "--email", email, "--name", "New Staff", "--language", "en");

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        var link = PathOf(LinkIn(result.Output));
        using var client = app.NewClient();
        var page = await client.GetDocumentAsync(link);
        using var set = await client.SubmitFormAsync(page, link, Form(("NewPassword", "Staff-Passw0rt#2026"), ("ConfirmPassword", "Staff-Passw0rt#2026")));
        var reused = await client.GetDocumentAsync(link);
        using var signedIn = await app.SignedInClientAsync(email, "Staff-Passw0rt#2026");
        using var home = await signedIn.GetAsync("/");

        Assert.Equal("/signin?done=password", set.Headers.Location!.OriginalString);
        Assert.NotNull(reused.QuerySelector("[data-testid=reset-invalid]"));
        Assert.Equal("/id/mfa", home.Headers.Location!.OriginalString);
        Assert.True(await app.WithDbAsync(c => c.Users.Where(u => u.Email == email).Select(u => u.IsStaff).SingleAsync()));
    }

    private static async Task<HttpClient> SignedInStaffAsync(PortalApp app)
    {
        var (staff, password) = await app.CreateUserAsync("Support", isStaff: true, language: "en");
        using (var setup = await app.SignedInClientAsync(staff.Email!, password))
        {
            var (key, _) = await app.EnrolMfaAsync(setup);
            app.NextTotpStep();
            return await app.SignedInWithMfaAsync(staff.Email!, password, key);
        }
    }

    private static async Task<Guid> StaffIdAsync(PortalApp app, HttpClient staff)
    {
        var profile = await staff.GetDocumentAsync("/id/profile");
        return Guid.Parse(profile.Text("[data-testid=profile-id]"));
    }
}
