using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Identity;
using Portal.Core.Organizations;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Api;

public sealed class ApiKeyTests(PortalApps apps)
{
    private const string Page = "/id/api-keys";
    private const string Form = "[data-testid=api-key-form]";

    [Theory, BothDatabases]
    public async Task IssuedKey_IsShownOnce_WorksAndStopsAfterDeletion(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("apikey");
        using var browser = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);

        using var issued = await browser.SubmitFormAsync(Page, new Dictionary<string, string> { ["Name"] = "billing export" }, Form);
        var issuedPage = await HtmlForms.ParseAsync(issued);
        var key = issuedPage.QuerySelector("[data-testid=api-key-secret]")?.GetAttribute("value") ?? "";
        var again = await browser.GetStringAsync(Page);
        using var api = app.ApiClient(key);
        using var works = await api.GetAsync("/api/v1/orgs");
        var listed = await browser.GetDocumentAsync(Page);

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Contains("no-store", issued.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.StartsWith("mpk_", key, StringComparison.Ordinal);
        Assert.DoesNotContain(key, again, StringComparison.Ordinal);
        Assert.Contains(key.Split('_')[1], again, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, works.StatusCode);
        Assert.DoesNotContain("未使用", listed.Text("[data-testid=api-key-row]"), StringComparison.Ordinal);

        using var deleted = await browser.SubmitFormAsync(listed, Page, new Dictionary<string, string>(), "[data-testid=api-key-row] form");
        using var afterDelete = await api.GetAsync("/api/v1/orgs");
        var empty = await browser.GetDocumentAsync(Page);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterDelete.StatusCode);
        Assert.NotNull(empty.QuerySelector("[data-testid=api-keys-empty]"));
        Assert.Equal(2, await app.WithDbAsync(d => d.AuditEvents.CountAsync(e => e.ActorId == world.PowerUser.Id && e.Event.StartsWith("apikey."))));
    }

    /// <summary>Every column of every table is read back: the key appears nowhere, only its SHA-256.</summary>
    [Theory, BothDatabases]
    public async Task Database_NeverContainsTheKey_OnlyItsHash(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("apihash");
        using var browser = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        using var issued = await browser.SubmitFormAsync(Page, new Dictionary<string, string> { ["Name"] = "hash check" }, Form);
        var key = (await HtmlForms.ParseAsync(issued)).QuerySelector("[data-testid=api-key-secret]")!.GetAttribute("value")!;
        using var api = app.ApiClient(key);
        using var used = await api.GetAsync("/api/v1/orgs");
        var secret = key.Split('_', 3)[2];
        var keyBytes = Encoding.UTF8.GetBytes(key);

        var hits = new List<string>();
        var hashFound = false;
        await app.WithDbAsync(async context =>
        {
            var connection = context.Database.GetDbConnection();
            await connection.OpenAsync();
            foreach (var table in context.Model.GetEntityTypes().Select(e => e.GetTableName()).Where(t => t is not null).Distinct())
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                        var text = value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" };
                        if (text.Contains(secret, StringComparison.Ordinal) || (value is byte[] b && b.AsSpan().IndexOf(keyBytes) >= 0))
                        {
                            hits.Add($"{table}.{reader.GetName(i)}");
                        }
                        hashFound |= value is byte[] hash && hash.SequenceEqual(SHA256.HashData(keyBytes));
                    }
                }
            }
            return 0;
        });

        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        Assert.Empty(hits);
        Assert.True(hashFound, "The key's SHA-256 is stored.");
    }

    [Theory, BothDatabases]
    public async Task Key_StopsAtOnce_WhenUserLeavesEveryOrganizationIsDeletedOrKeyExpires(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("apirevoke");
        var (user, _, membership) = await app.CreateMemberAsync(world.OrgId, MemberType.General, Permission.ProjectViewer);
        var key = await app.IssueKeyAsync(user.Id);
        using var api = app.ApiClient(key);

        var before = await StatusAsync();
        await app.WithDbAsync(d => d.Memberships.Where(m => m.Id == membership).ExecuteDeleteAsync());
        var removed = await StatusAsync();
        await app.AddMemberAsync(world.OrgId, user.Id, MemberType.General, Permission.ProjectViewer);
        var readded = await StatusAsync();
        await app.WithDbAsync(d => d.ApiKeys.Where(k => k.UserId == user.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, app.Clock.GetUtcNow().AddSeconds(-1))));
        var expired = await StatusAsync();
        await app.WithDbAsync(d => d.ApiKeys.Where(k => k.UserId == user.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, (DateTimeOffset?)null)));
        await app.WithDbAsync(d => d.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DeletedAt, app.Clock.GetUtcNow())));
        var deletedUser = await StatusAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized),
            (before, removed, readded, expired, deletedUser));

        async Task<HttpStatusCode> StatusAsync()
        {
            using var response = await api.GetAsync($"/api/v1/orgs/{world.OrgId}/projects");
            return response.StatusCode;
        }
    }

    [Theory, BothDatabases]
    public async Task Key_InQueryString_OrOtherScheme_IsNotAccepted(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("apiquery");
        var key = await app.IssueKeyAsync(world.PowerUser.Id);
        using var anonymous = app.ApiClient(null);
        using var basic = app.ApiClient(null);
        basic.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")));
        using var tampered = app.ApiClient(key[..^1] + (key[^1] == 'A' ? 'B' : 'A'));

        foreach (var url in new[] { $"/api/v1/orgs?access_token={key}", $"/api/v1/orgs?api_key={key}", $"/api/v1/orgs?key={key}" })
        {
            using var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        using var viaBasic = await basic.GetAsync("/api/v1/orgs");
        using var viaTampered = await tampered.GetAsync("/api/v1/orgs");
        Assert.Equal(HttpStatusCode.Unauthorized, viaBasic.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, viaTampered.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Issue_ValidatesNameExpiryAndLimit_WithoutSavingAnything(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (user, password) = await app.CreateUserAsync("KeyLimit");
        using var browser = await app.SignedInClientAsync(user.Email!, password);

        using var blank = await browser.SubmitFormAsync(Page, new Dictionary<string, string> { ["Name"] = " ", ["ExpiresOn"] = "2020-01-01" }, Form);
        using var badDate = await browser.SubmitFormAsync(Page, new Dictionary<string, string> { ["Name"] = "dated", ["ExpiresOn"] = "next week" }, Form);
        using var first = await browser.SubmitFormAsync(Page, new Dictionary<string, string> { ["Name"] = "twice", ["ExpiresOn"] = "2027-03-31" }, Form);
        using var twice = await browser.SubmitFormAsync(Page, new Dictionary<string, string> { ["Name"] = "twice" }, Form);
        for (var i = 0; i < ApiKey.MaxPerUser - 1; i++)
        {
            await app.IssueKeyAsync(user.Id);
        }
        using var eleventh = await browser.SubmitFormAsync(Page, new Dictionary<string, string> { ["Name"] = "one too many" }, Form);

        var blankErrors = (await HtmlForms.ParseAsync(blank)).QuerySelectorAll("[data-testid=field-error]").Select(e => e.TextContent).ToList();
        Assert.Equal(["キーの名前を入力してください。", "有効最終日に過去の日付は指定できません。"], blankErrors);
        Assert.Contains("YYYY-MM-DD", (await HtmlForms.ParseAsync(badDate)).Text("[data-testid=field-error]"), StringComparison.Ordinal);
        Assert.NotNull((await HtmlForms.ParseAsync(first)).QuerySelector("[data-testid=api-key-secret]"));
        Assert.Contains("同じ名前", (await HtmlForms.ParseAsync(twice)).Text("[data-testid=field-error]"), StringComparison.Ordinal);
        Assert.Contains("10", (await HtmlForms.ParseAsync(eleventh)).Text("[data-testid=field-error]"), StringComparison.Ordinal);
        var keys = await app.WithDbAsync(d => d.ApiKeys.Where(k => k.UserId == user.Id).ToListAsync());
        Assert.Equal(ApiKey.MaxPerUser, keys.Count);
        // Valid through 31 March in Japan: until 1 April 00:00 JST.
        Assert.Equal(new DateTimeOffset(2027, 3, 31, 15, 0, 0, TimeSpan.Zero), keys.Single(k => k.Name == "twice").ExpiresAt);
    }

    [Theory, BothDatabases]
    public async Task Use_RecordsLastUseOncePerInterval(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("apilastuse");
        var key = await app.IssueKeyAsync(world.PowerUser.Id);
        using var api = app.ApiClient(key);
        var prefix = key.Split('_')[1];

        using (await api.GetAsync("/api/v1/orgs"))
        {
        }
        var first = await app.WithDbAsync(d => d.ApiKeys.Where(k => k.Prefix == prefix).Select(k => k.LastUsedAt).SingleAsync());
        await app.WithDbAsync(d => d.ApiKeys.Where(k => k.Prefix == prefix).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, first!.Value.AddSeconds(-30))));
        using (await api.GetAsync("/api/v1/orgs"))
        {
        }
        var throttled = await app.WithDbAsync(d => d.ApiKeys.Where(k => k.Prefix == prefix).Select(k => k.LastUsedAt).SingleAsync());

        Assert.NotNull(first);
        Assert.Equal(first!.Value.AddSeconds(-30), throttled);
    }

    [Fact]
    public async Task ApiKeysPage_InEnglishAndJapanese_HasNoRawResourceKeys()
    {
        var app = await apps.For(DatabaseKind.Sqlite);
        foreach (var (language, title) in new[] { (Languages.English, "API keys"), (Languages.Japanese, "APIキー") })
        {
            var (user, password) = await app.CreateUserAsync("KeyPage", language: language);
            await app.IssueKeyAsync(user.Id, "listed");
            using var browser = await app.SignedInClientAsync(user.Email!, password);

            var page = await browser.GetDocumentAsync(Page);

            Assert.Equal(title, page.Text("main h1"));
            Assert.DoesNotContain("ApiKeys.", page.Body!.TextContent, StringComparison.Ordinal);
            Assert.Single(page.QuerySelectorAll("[data-testid=api-key-row]"));
        }
    }
}
