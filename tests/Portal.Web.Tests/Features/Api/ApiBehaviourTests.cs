using System.Globalization;
using System.Net;
using System.Text.Json;
using Portal.Core.Billing;
using Portal.Core.Charges;
using Portal.Core.Projects;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Api;

public sealed class ApiBehaviourTests(PortalApps apps)
{
    [Theory, BothDatabases]
    public async Task BadParameters_Answer400WithAnErrorPerField(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("api400");
        using var api = await app.ApiClientForAsync(world.PowerUser);

        using var response = await api.GetAsync($"/api/v1/orgs/{world.OrgId}/charges?month=2026-13&by=week&limit=0&cursor=not-ours&projectId={world.ProjectId}&accountId={world.AccountId}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        using var missingMonth = await api.GetAsync($"/api/v1/orgs/{world.OrgId}/charges");
        using var bigLimit = await api.GetAsync($"/api/v1/orgs/{world.OrgId}/projects?limit=201");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var fields = json.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(["accountId", "by", "cursor", "limit", "month"], fields);
        Assert.Equal(HttpStatusCode.BadRequest, missingMonth.StatusCode);
        Assert.Contains("month is required", await missingMonth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bigLimit.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Lists_AreCursorPaged_WithoutGapsOrRepeats(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("apipages");
        for (var i = 0; i < 4; i++)
        {
            var project = await app.CreateProjectAsync(world.OrgId, $"paged project {i}");
            await app.CreateAccountAsync(project.Id, $"paged account {i}");
        }
        using var api = await app.ApiClientForAsync(world.PowerUser);

        var projects = await CollectAsync(api, $"/api/v1/orgs/{world.OrgId}/projects?limit=2", "id");
        var accounts = await CollectAsync(api, $"/api/v1/orgs/{world.OrgId}/accounts?limit=2", "accountNumber");

        Assert.Equal(5, projects.Count);
        Assert.Equal(5, projects.Distinct().Count());
        Assert.Equal(5, accounts.Count);
        Assert.Equal(accounts.Order(StringComparer.Ordinal), accounts);
    }

    private static async Task<List<string>> CollectAsync(HttpClient api, string url, string property)
    {
        var seen = new List<string>();
        var next = url;
        for (var pages = 0; next is not null && pages < 10; pages++)
        {
            using var response = await api.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var items = json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).ToString()).ToList();
            Assert.True(items.Count <= 2);
            seen.AddRange(items);
            var cursor = json.RootElement.GetProperty("nextCursor").GetString();
            next = cursor is null ? null : $"{url}&cursor={Uri.EscapeDataString(cursor)}";
        }
        return seen;
    }

    /// <summary>
    /// The default bucket holds 50 requests and refills 10 a second: requests sent faster than that get 429 with
    /// Retry-After and a problem document after at least 50 successes; another key is not affected.
    /// </summary>
    [Fact]
    public async Task RateLimit_AfterTheBurst_Answers429WithRetryAfter()
    {
        var app = await apps.For(DatabaseKind.Sqlite);
        var world = await app.CreateWorldAsync("apilimit");
        using var api = await app.ApiClientForAsync(world.PowerUser);
        using var other = await app.ApiClientForAsync(world.GeneralUser);

        var successes = 0;
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 500 && rejected is null; i++)
        {
            var response = await api.GetAsync("/api/v1/orgs");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rejected = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                successes++;
                response.Dispose();
            }
        }
        using var otherKey = await other.GetAsync("/api/v1/orgs");

        Assert.NotNull(rejected);
        Assert.True(successes >= 50, $"{successes} requests passed before the first 429.");
        Assert.True(rejected.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After is set.");
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
        rejected.Dispose();
    }

    /// <summary>The API's account charges equal the account charges page's total, services, days and tags for the month.</summary>
    [Theory, BothDatabases]
    public async Task AccountCharges_EqualTheChargesPage(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("apicharges");
        var usdProject = await app.CreateProjectAsync(world.OrgId, "dollar project", Currency.Usd);
        var usdAccount = await app.CreateAccountAsync(usdProject.Id, "dollar account");
        var month = new DateOnly(2026, 10, 1);
        await app.WithDbAsync(async context =>
        {
            ChargeLine Line(Guid project, string account, DateOnly m, int day, string service, string tag, decimal amount, Currency currency) => new()
            {
                PayerAccountId = "999999999999", Month = m, OrganizationId = world.OrgId, ProjectId = project, AccountNumber = account,
                Day = m.AddDays(day - 1), ProductCode = service, Category = 0, LineItemType = "Usage", TagValue = tag,
                Usd = FixedPoint.FromDecimal(Math.Round(amount / 150m, 10)), Amount = FixedPoint.FromDecimal(amount), Currency = currency,
            };
            ChargeLine[] lines =
            [
                Line(world.ProjectId, world.AccountNumber, month, 1, "AmazonEC2", "production", 600.123456789m, Currency.Jpy),
                Line(world.ProjectId, world.AccountNumber, month, 2, "AmazonEC2", "", 200.5m, Currency.Jpy),
                Line(world.ProjectId, world.AccountNumber, month, 2, "AmazonS3", "staging", 199.376543211m, Currency.Jpy),
                Line(world.ProjectId, world.AccountNumber, month, 31, "AWSLambda", "production", 0.0000000001m, Currency.Jpy),
                Line(world.ProjectId, world.AccountNumber, month.AddMonths(-1), 5, "AmazonEC2", "", 999m, Currency.Jpy),
                Line(usdProject.Id, usdAccount.AccountNumber, month, 3, "AmazonEC2", "", 12.34m, Currency.Usd),
            ];
            context.ChargeLines.AddRange(lines);
            // The monthly sums RecomputeCharges stores with the lines: the project and organization breakdowns by account and tag read them.
            context.ChargeMonthSums.AddRange(ChargeMonthSum.Of(lines));
            await context.SaveChangesAsync();
            return 0;
        });
        using var browser = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        using var api = await app.ApiClientForAsync(world.PowerUser);
        var page = await browser.GetDocumentAsync($"/orgs/{world.OrgId}/accounts/{world.AccountId}/charges?month=2026-10");

        foreach (var (by, table) in new[] { ("service", "services-table"), ("tag", "tags-table"), ("day", "days-table") })
        {
            using var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/orgs/{world.OrgId}/charges?month=2026-10&by={by}&accountId={world.AccountId}"));
            var total = Assert.Single(json.RootElement.GetProperty("totals").EnumerateArray());
            Assert.Equal("JPY", total.GetProperty("currency").GetString());
            Assert.Equal(page.Text("[data-testid=charges-total]"), Yen(total));
            var pageRows = page.QuerySelectorAll($"[data-testid={table}] tbody tr")
                .Select(r => r.QuerySelectorAll("td, th").Select(c => c.TextContent.Trim()).ToList())
                .Select(cells => $"{cells[0]} {cells[1]}")
                .Order(StringComparer.Ordinal).ToList();
            var apiRows = json.RootElement.GetProperty("items").EnumerateArray()
                .Select(i => $"{PageKey(by, i.GetProperty("key").GetString()!)} {Yen(i.GetProperty("amount"))}")
                .Order(StringComparer.Ordinal).ToList();
            Assert.Equal(pageRows, apiRows);
            Assert.Equal(3, apiRows.Count);
        }

        using var exact = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/orgs/{world.OrgId}/charges?month=2026-10&by=account"));
        var totals = exact.RootElement.GetProperty("totals").EnumerateArray().Select(t => $"{t.GetProperty("amount").GetString()} {t.GetProperty("currency").GetString()}").ToList();
        Assert.Equal(["1000.0000000001 JPY", "12.34 USD"], totals);
        Assert.Equal("organization", exact.RootElement.GetProperty("scope").GetString());
        // A project's month by account or tag (from the monthly sums) equals the same month by service (from the lines).
        foreach (var by in new[] { "account", "tag" })
        {
            using var sums = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/orgs/{world.OrgId}/charges?month=2026-10&by={by}&projectId={world.ProjectId}"));
            using var lines = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/orgs/{world.OrgId}/charges?month=2026-10&by=service&projectId={world.ProjectId}"));
            Assert.Equal("1000.0000000001", Assert.Single(sums.RootElement.GetProperty("totals").EnumerateArray()).GetProperty("amount").GetString());
            Assert.Equal(lines.RootElement.GetProperty("totals").GetRawText(), sums.RootElement.GetProperty("totals").GetRawText());
        }
        using var tags = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/orgs/{world.OrgId}/charges?month=2026-10&by=tag&projectId={world.ProjectId}"));
        Assert.Equal([" 200.5", "production 600.1234567891", "staging 199.376543211"],
            tags.RootElement.GetProperty("items").EnumerateArray().Select(i => $"{i.GetProperty("key").GetString()} {i.GetProperty("amount").GetProperty("amount").GetString()}").Order(StringComparer.Ordinal));
        using var project = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/orgs/{world.OrgId}/charges?month=2026-10&by=day&projectId={usdProject.Id}"));
        var item = Assert.Single(project.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("2026-10-03", item.GetProperty("key").GetString());
        Assert.Equal("12.34", item.GetProperty("amount").GetProperty("amount").GetString());
    }

    /// <summary>The page shows days as MM-dd and the untagged bucket by name.</summary>
    private static string PageKey(string by, string key) => (by, key) switch
    {
        ("day", _) => key[5..],
        ("tag", "") => "（タグなし）",
        _ => key,
    };

    private static string Yen(JsonElement money) =>
        "¥" + decimal.Parse(money.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture);
}
