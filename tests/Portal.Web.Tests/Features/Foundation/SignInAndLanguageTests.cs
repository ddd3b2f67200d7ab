using System.Net;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Foundation;

public sealed class SignInAndLanguageTests(PortalApps apps)
{
    [Theory, BothDatabases]
    public async Task SignInPage_Default_IsJapanese(DatabaseKind db)
    {
        var app = await apps.For(db);
        using var client = app.NewClient();

        var page = await client.GetDocumentAsync("/signin");

        Assert.Equal("ja", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("サインイン", page.Text("main h1"));
        Assert.Contains("support@example.com", page.Text("[data-testid=support-contact]"), StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task LanguageSwitch_ToEnglish_ShowsEnglishPages(DatabaseKind db)
    {
        var app = await apps.For(db);
        using var client = app.NewClient();

        using var switched = await client.SubmitFormAsync("/signin", new Dictionary<string, string>(), "form[action='/language']", "language", "en");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var page = await client.GetDocumentAsync(switched.Headers.Location!.OriginalString);

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Sign in", page.Text("main h1"));
    }

    [Theory, BothDatabases]
    public async Task LanguageSwitch_WithoutAntiforgeryToken_IsRejected(DatabaseKind db)
    {
        var app = await apps.For(db);
        using var client = app.NewClient();
        using var content = new FormUrlEncodedContent([new("language", "en")]);

        using var response = await client.PostAsync("/language", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task SignIn_RightPassword_ReachesHomeInTheUsersLanguage(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync("Alice", language: "en");

        using var client = await app.SignedInClientAsync(user.Email!, password);
        var home = await client.GetDocumentAsync("/");

        Assert.Equal("en", home.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Welcome, Alice.", home.Text("main"), StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task SignIn_WrongPasswordOrUnknownEmail_ShowsTheSameError(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, _) = await app.CreateUserAsync();
        using var client = app.NewClient();

        using var wrong = await client.SubmitFormAsync("/signin", new Dictionary<string, string> { ["Email"] = user.Email!, ["Password"] = "Wrong#Passw0rd-1" });
        using var unknown = await client.SubmitFormAsync("/signin", new Dictionary<string, string> { ["Email"] = "nobody-" + user.Email, ["Password"] = "Wrong#Passw0rd-1" });

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        var wrongText = (await HtmlForms.ParseAsync(wrong)).Text("[data-testid=signin-error]");
        var unknownText = (await HtmlForms.ParseAsync(unknown)).Text("[data-testid=signin-error]");
        Assert.Equal("メールアドレスまたはパスワードが正しくありません。", wrongText);
        Assert.Equal(wrongText, unknownText);
    }

    [Theory, BothDatabases]
    public async Task SignOut_Post_EndsTheSession(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync();
        using var client = await app.SignedInClientAsync(user.Email!, password);

        using var signOut = await client.SubmitFormAsync("/", new Dictionary<string, string>(), "form[action='/signout']");
        using var home = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/signin", home.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
