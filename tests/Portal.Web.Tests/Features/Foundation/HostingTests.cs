using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Foundation;

public sealed class HostingTests(PortalApps apps)
{
    [Theory, BothDatabases]
    public async Task Healthz_DatabaseAnswers_ReportsHealthy(DatabaseKind db)
    {
        var app = await apps.For(db);
        using var client = app.NewClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetString());
    }

    [Theory, BothDatabases]
    public async Task Migrations_AppliedToFreshDatabase_MatchTheModel(DatabaseKind db)
    {
        var app = await apps.For(db);

        var (pending, modelChanged) = await app.WithDbAsync(async context =>
            ((await context.Database.GetPendingMigrationsAsync()).ToList(), context.Database.HasPendingModelChanges()));

        Assert.Empty(pending);
        Assert.False(modelChanged, "The model has changes that no migration captures: run scripts/add-migration.sh.");
    }

    [Theory, BothDatabases]
    public async Task Home_Anonymous_RedirectsToSignIn(DatabaseKind db)
    {
        var app = await apps.For(db);
        using var client = app.NewClient();

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task AnyPage_Always_SendsSecurityHeaders(DatabaseKind db)
    {
        var app = await apps.For(db);
        using var client = app.NewClient();

        using var response = await client.GetAsync("/signin");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory, BothDatabases]
    public async Task AnyPageOverHttps_Always_SendsHsts(DatabaseKind db)
    {
        var app = await apps.For(db);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        using var response = await client.GetAsync("/signin");

        Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Theory, BothDatabases]
    public async Task UnknownApiRoute_Always_AnswersProblemDetails(DatabaseKind db)
    {
        var app = await apps.For(db);
        using var client = app.NewClient();

        using var response = await client.GetAsync("/api/v1/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, json.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("requestId").GetString()));
    }

    [Theory, BothDatabases]
    public async Task UnknownPage_Always_AnswersFriendly404(DatabaseKind db)
    {
        var app = await apps.For(db);
        using var client = app.NewClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den-US%7Cuic%3Den-US");

        using var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var document = await HtmlForms.ParseAsync(response);
        Assert.Equal("Page not found", document.Text("main h1"));
    }

    [Theory, BothDatabases]
    public async Task StaticAssets_FromNpm_AreServedLocally(DatabaseKind db)
    {
        var app = await apps.For(db);
        using var client = app.NewClient();

        foreach (var asset in new[] { "/lib/bootstrap/css/bootstrap.min.css", "/lib/bootstrap/js/bootstrap.bundle.min.js", "/lib/chart.js/chart.umd.min.js", "/lib/htmx/htmx.min.js" })
        {
            using var response = await client.GetAsync(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, asset);
        }
    }

    [Theory, BothDatabases]
    public async Task DataProtectionKeys_AfterFirstCookie_AreStoredInTheDatabase(DatabaseKind db)
    {
        var app = await apps.For(db);
        using var client = app.NewClient();
        using var page = await client.GetAsync("/signin");

        var keys = await app.WithDbAsync(context => context.DataProtectionKeys.CountAsync());

        Assert.True(keys >= 1);
    }

    [Theory, BothDatabases]
    public async Task UnhandledError_OnAPage_ShowsFriendlyPageWithRequestId(DatabaseKind db)
    {
        var app = await apps.For(db);
        using var client = app.NewClient();

        using var response = await client.GetAsync("/__test/fail");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Equal("エラーが発生しました", page.Text("main h1"));
        Assert.False(string.IsNullOrWhiteSpace(page.Text("[data-testid=request-id]")));
        Assert.DoesNotContain("Failure requested by a test", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task UnhandledError_OnTheApi_AnswersProblemDetails(DatabaseKind db)
    {
        var app = await apps.For(db);
        using var client = app.NewClient();

        using var response = await client.GetAsync("/api/__test/fail");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Failure requested by a test", body, StringComparison.Ordinal);
    }
}
