using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Web.Auth;
using Portal.Web.Features.Account;
using Portal.Web.Resources;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Account;

/// <summary>The sign-up step the invitation page calls, and the password policy behind every password field.</summary>
public sealed class SignUpTests(PortalApps apps)
{
    private static string NewEmail(string name = "signup") => $"{name}-{Guid.NewGuid():N}@test.example";

    private static async Task<CreateMembersIdOutcome> SignUpAsync(PortalApp app, string email, string name, string password, string language = "en")
    {
        CreateMembersIdOutcome? outcome = null;
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        try
        {
            await app.WithServicesAsync(async services =>
                outcome = await services.GetRequiredService<CreateMembersId>().HandleAsync(email, name, password, language, CancellationToken.None));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
        return outcome!;
    }

    [Theory, BothDatabases]
    public async Task SignUp_GoodInput_CreatesAnIdThatCanSignIn(DatabaseKind db)
    {
        var app = await apps.For(db);
        var email = NewEmail();

        var outcome = await SignUpAsync(app, email, "Mika Tanaka", "Kumo-Sora#2026x", "en");

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.SelectMany(e => e.Value)));
        Assert.Equal("en", outcome.User!.Language);
        using var client = await app.SignedInClientAsync(email, "Kumo-Sora#2026x");
        var home = await client.GetDocumentAsync("/");
        Assert.Contains("Welcome, Mika Tanaka.", home.Text("main"), StringComparison.Ordinal);
        Assert.Contains(await app.AuditOfAsync(outcome.User.Id), e => e.Event == "account.created");
    }

    [Theory, BothDatabases]
    public async Task SignUp_WeakPassword_GetsOneMessagePerBrokenRule(DatabaseKind db)
    {
        var app = await apps.For(db);

        var outcome = await SignUpAsync(app, NewEmail(), "Weak", "abc");

        Assert.False(outcome.Succeeded);
        var messages = outcome.Errors["Password"];
        Assert.Equal(
            ["The password must have at least 10 characters.", "Add at least one uppercase letter (A-Z).", "Add at least one digit (0-9).", "Add at least one of these symbols: ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '", "This password is too common: it appears in lists of leaked passwords. Choose another."],
            messages);
    }

    [Theory, BothDatabases]
    public async Task SignUp_CommonPasswordThatMeetsEveryOtherRule_IsRefused(DatabaseKind db)
    {
        var app = await apps.For(db);

        // In the bundled list although it has every character class.
        var outcome = await SignUpAsync(app, NewEmail(), "Common", "g00dPa$$w0rD");

        Assert.Equal(["This password is too common: it appears in lists of leaked passwords. Choose another."], outcome.Errors["Password"]);
    }

    [Theory, BothDatabases]
    public async Task SignUp_PasswordWithTheEmailsLocalPart_IsRefused(DatabaseKind db)
    {
        var app = await apps.For(db);
        var local = $"kenji{Guid.NewGuid():N}"[..12];

        var outcome = await SignUpAsync(app, local + "@test.example", "Kenji", "X1#" + local.ToUpperInvariant() + "y");

        Assert.Equal(["The password must not contain your email address."], outcome.Errors["Password"]);
    }

    [Theory, BothDatabases]
    public async Task SignUp_FullWidthOrUnlistedCharacters_AreNamed(DatabaseKind db)
    {
        var app = await apps.For(db);

        var outcome = await SignUpAsync(app, NewEmail(), "Wide", "Abcdefgh1!Ａ~");

        Assert.Equal(["The password contains characters that cannot be used: Ａ ~"], outcome.Errors["Password"]);
    }

    [Theory, BothDatabases]
    public async Task SignUp_ExistingAddressAndMissingName_AreReportedPerField(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (existing, _) = await app.CreateUserAsync();

        var outcome = await SignUpAsync(app, existing.Email!, " ", "Kumo-Sora#2026x");

        Assert.Equal(["Enter your name."], outcome.Errors["DisplayName"]);
        Assert.Equal(["This address already has a Members ID. Sign in with it instead."], outcome.Errors["Email"]);
        Assert.False(outcome.Errors.ContainsKey("Password"));
    }

    [Theory, BothDatabases]
    public async Task NistPreset_LongPassphraseWithoutClasses_Passes(DatabaseKind db)
    {
        var app = await apps.For(db);
        IReadOnlyList<Microsoft.AspNetCore.Identity.IdentityError> passphrase = [], shortOne = [];
        await app.WithServicesAsync(services =>
        {
            var policy = new PasswordPolicy(
                Options.Create(new PasswordPolicyOptions { Preset = "Nist" }), services.GetRequiredService<CommonPasswords>(),
                services.GetRequiredService<IStringLocalizer<SharedResource>>());
            passphrase = policy.Check("someone@test.example", "すずしい 夏の朝 correct horse");
            shortOne = policy.Check("someone@test.example", "Ab1!efghijk");
            return Task.CompletedTask;
        });

        Assert.Empty(passphrase);
        Assert.Equal(["Password.TooShort"], shortOne.Select(e => e.Code));
    }

    [Fact]
    public async Task CommonList_Bundled_HasAtLeastTenThousandEntries()
    {
        var app = await apps.For(DatabaseKind.Sqlite);

        var common = app.Services.GetRequiredService<CommonPasswords>();

        Assert.True(common.Count >= 10_000, $"{common.Count} entries");
        Assert.True(common.Contains("PASSWORD"));
    }

    [Theory, BothDatabases]
    public async Task PasswordFields_EveryForm_ShowTheRulesBesideTheField(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync(language: "en");
        using var client = await app.SignedInClientAsync(user.Email!, password);

        var change = await client.GetDocumentAsync("/id/password");

        var rules = change.QuerySelectorAll("#NewPassword ~ [data-testid=password-rules] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(5, rules.Count);
        Assert.Contains("10 to 70 characters", rules);
        Assert.Contains("Only half-width letters, digits and these symbols: ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '", rules);
    }

    [Theory, BothDatabases]
    public async Task SignUpFields_Partial_AdvisesAPersonalAddressAndMfa(DatabaseKind db)
    {
        var app = await apps.For(db);

        // The partial is rendered inside the invitation page's form (organizations issue); here it is rendered alone.
        var html = await RenderSignUpFieldsAsync(app);

        Assert.Contains("共用アドレスではなく", html, StringComparison.Ordinal);
        Assert.Contains("2段階認証 (MFA)", html, StringComparison.Ordinal);
        Assert.Contains("name=\"SignUp.Password\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"password-rules\"", html, StringComparison.Ordinal);
    }

    private static async Task<string> RenderSignUpFieldsAsync(PortalApp app)
    {
        var text = "";
        await app.WithServicesAsync(async services =>
        {
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");
            try
            {
                text = await PartialRenderer.RenderAsync(services, "~/Features/Account/_SignUpFields.cshtml", new SignUpFieldsModel("new@test.example"));
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        });
        Assert.False(string.IsNullOrEmpty(text));
        return text;
    }
}
