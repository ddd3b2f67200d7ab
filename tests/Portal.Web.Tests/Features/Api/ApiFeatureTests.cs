using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Helpdesk;
using Portal.Core.Invoices;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Api;

/// <summary>
/// The API's usage CSV, invoices, notices and inquiries over HTTP with real keys, each compared with what the portal's
/// own pages show or download for the same data.
/// </summary>
public sealed class ApiFeatureTests(PortalApps apps)
{
    [Theory, BothDatabases]
    public async Task UsageCsv_IsByteForByteThePagesDownload(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("apicsv");
        var project = await app.CreateProjectAsync(world.OrgId, "csv dollar project", Currency.Usd);
        var account = await app.CreateAccountAsync(project.Id, "csv account");
        await app.AddFactsAsync(BillingFacts.NewPayer(), new DateOnly(2026, 10, 1),
            new FactRow(account.AccountNumber, 1, "Usage", 12.5m, "AmazonEC2", "production"),
            new FactRow(account.AccountNumber, 2, "Usage", 0.0123456789m, "AmazonS3"),
            new FactRow(account.AccountNumber, 3, "Credit", -2m));
        using var browser = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        using var api = await app.ApiClientForAsync(world.PowerUser);

        var page = await browser.GetByteArrayAsync($"/orgs/{world.OrgId}/accounts/{account.Id}/usage.csv?month=2026-10");
        using var response = await api.GetAsync($"/api/v1/orgs/{world.OrgId}/accounts/{account.Id}/usage.csv?month=2026-10");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var badMonth = await api.GetAsync($"/api/v1/orgs/{world.OrgId}/accounts/{account.Id}/usage.csv?month=2026-13");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"usage-{account.AccountNumber}-2026-10.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = System.Text.Encoding.UTF8.GetString(bytes).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.Contains(",12.5,", StringComparison.Ordinal) && l.EndsWith(",production", StringComparison.Ordinal));
        Assert.Equal(page, bytes);
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
        Assert.Contains("\"month\"", await badMonth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The list (paged two at a time) is the invoices page's list in its order; detail and PDF are the page's figures and bytes.</summary>
    [Theory, BothDatabases]
    public async Task Invoices_ListIsThePagesList_PdfIsThePagesBytes(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("apiinv");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var june = await app.CreateIssuedInvoiceRowAsync(world.OrgId, world.ProjectId, world.ProjectName, world.AccountNumber, suffix + "a", new DateOnly(2026, 6, 1));
        await app.WithDbAsync(d => d.Invoices.Where(i => i.Id == june).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvoiceStatus.Void)));
        await app.CreateIssuedInvoiceRowAsync(world.OrgId, world.ProjectId, world.ProjectName, world.AccountNumber, suffix + "b", new DateOnly(2026, 9, 1));
        await app.CreateIssuedInvoiceRowAsync(world.OrgId, world.ProjectId, world.ProjectName, world.AccountNumber, suffix + "c", new DateOnly(2026, 6, 1));
        var draft = await app.CreateIssuedInvoiceRowAsync(world.OrgId, world.ProjectId, world.ProjectName, world.AccountNumber, suffix + "d", new DateOnly(2026, 7, 1));
        await app.WithDbAsync(d => d.Invoices.Where(i => i.Id == draft).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvoiceStatus.Draft)));
        using var browser = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        using var api = await app.ApiClientForAsync(world.PowerUser);

        var page = await browser.GetDocumentAsync($"/orgs/{world.OrgId}/invoices");
        var pageNumbers = page.QuerySelectorAll("[data-testid=invoices-table] tbody tr td:first-child a").Select(a => a.TextContent.Trim()).ToList();
        var apiNumbers = new List<string>();
        var statuses = new Dictionary<string, string>();
        for (var (url, pages) = ($"/api/v1/orgs/{world.OrgId}/invoices?limit=2", 0); url is not null && pages < 5; pages++)
        {
            using var json = JsonDocument.Parse(await api.GetStringAsync(url));
            foreach (var item in json.RootElement.GetProperty("items").EnumerateArray())
            {
                apiNumbers.Add(item.GetProperty("number").GetString()!);
                statuses[item.GetProperty("number").GetString()!] = item.GetProperty("status").GetString()!;
                Assert.Equal("1100", item.GetProperty("total").GetProperty("amount").GetString());
                Assert.Equal("JPY", item.GetProperty("total").GetProperty("currency").GetString());
            }
            var cursor = json.RootElement.GetProperty("nextCursor").GetString();
            url = cursor is null ? null : $"/api/v1/orgs/{world.OrgId}/invoices?limit=2&cursor={Uri.EscapeDataString(cursor)}";
        }

        Assert.Equal(4, pageNumbers.Count);
        Assert.Equal(pageNumbers, apiNumbers);
        Assert.Equal("void", statuses[$"WORLD-{suffix}a"]);
        Assert.DoesNotContain($"WORLD-{suffix}d", apiNumbers);

        using var detail = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/orgs/{world.OrgId}/invoices/{world.InvoiceId}"));
        Assert.Equal("2026-08", detail.RootElement.GetProperty("month").GetString());
        Assert.Equal("2026-09-05", detail.RootElement.GetProperty("issueDate").GetString());
        var line = Assert.Single(detail.RootElement.GetProperty("lines").EnumerateArray());
        Assert.Equal(world.AccountNumber, line.GetProperty("accountNumber").GetString());
        Assert.Equal("usage", line.GetProperty("category").GetString());
        Assert.Equal("1000", line.GetProperty("amount").GetProperty("amount").GetString());
        using var draftDetail = await api.GetAsync($"/api/v1/orgs/{world.OrgId}/invoices/{draft}");
        Assert.Equal(HttpStatusCode.NotFound, draftDetail.StatusCode);

        using var pagePdf = await browser.GetAsync($"/orgs/{world.OrgId}/invoices/{world.InvoiceId}/pdf");
        using var apiPdf = await api.GetAsync($"/api/v1/orgs/{world.OrgId}/invoices/{world.InvoiceId}.pdf");
        var pageBytes = await pagePdf.Content.ReadAsByteArrayAsync();
        var apiBytes = await apiPdf.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, apiPdf.StatusCode);
        Assert.Equal("application/pdf", apiPdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pagePdf.Content.Headers.ContentType?.MediaType, apiPdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(apiBytes, 0, 5), StringComparison.Ordinal);
        Assert.Equal(pageBytes, apiBytes);
    }

    /// <summary>A notice restricted to Inquiry users: the API, like the notices page, shows it only to a member holding InquiryUser.</summary>
    [Theory, BothDatabases]
    public async Task Notices_FollowThePagesVisibility_RestrictedNoticeOnlyWithInquiryUser(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("apinotice");
        var restricted = await app.WithDbAsync(async d =>
        {
            var now = app.Clock.GetUtcNow();
            var notice = new Notice
            {
                Category = NoticeCategory.Support, Important = true, TitleJa = $"{world.Name} 問い合わせ担当者へ", TitleEn = $"{world.Name} for inquiry users",
                BodyJa = "本文", BodyEn = "Body", PublishAt = now.AddMinutes(-5), AllOrganizations = false, RequiresInquiryUser = true, CreatedAt = now, UpdatedAt = now,
            };
            notice.Audience.Add(new NoticeAudience { NoticeId = notice.Id, OrganizationId = world.OrgId });
            d.Notices.Add(notice);
            await d.SaveChangesAsync();
            return notice.Id;
        });
        var (member, password, membership) = await app.CreateMemberAsync(world.OrgId, MemberType.General);
        using var browser = await app.SignedInClientAsync(member.Email!, password);
        using var api = await app.ApiClientForAsync(member);

        foreach (var (permissions, expected) in new[] { (Permission.None, new[] { world.NoticeId }), (Permission.InquiryUser, new[] { restricted, world.NoticeId }) })
        {
            await app.SetPermissionsAsync(membership, permissions);
            var page = await browser.GetDocumentAsync($"/orgs/{world.OrgId}/notices");
            // Only this organization's own notices: notices for every organization come and go with other tests.
            var pageIds = page.QuerySelectorAll("[data-testid=notices] a").Select(a => a.GetAttribute("href")!.Split('/')[^1])
                .Where(id => id == world.NoticeId.ToString() || id == restricted.ToString()).ToList();
            using var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/orgs/{world.OrgId}/notices"));
            var items = json.RootElement.GetProperty("items").EnumerateArray()
                .Where(n => n.GetProperty("id").GetGuid() == world.NoticeId || n.GetProperty("id").GetGuid() == restricted).ToList();

            Assert.Equal(expected.Select(id => id.ToString()), pageIds);
            Assert.Equal(expected, items.Select(n => n.GetProperty("id").GetGuid()));
        }
        using var important = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/orgs/{world.OrgId}/notices?important=true&category=support"));
        var only = important.RootElement.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("id").GetGuid() == restricted).ToList();
        Assert.Equal("support", Assert.Single(only).GetProperty("category").GetString());
        Assert.Equal($"{world.Name} for inquiry users", only[0].GetProperty("titleEn").GetString());
        Assert.DoesNotContain(important.RootElement.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetGuid() == world.NoticeId);
    }

    /// <summary>
    /// An Inquiry user opens an inquiry and replies over the API: the portal's thread shows both, the support address gets
    /// the same mails as for the form, a resend with the same id opens nothing, bad fields answer 400 per field, a
    /// closed inquiry takes no reply, and a member without InquiryUser gets 403 naming it.
    /// </summary>
    [Theory, BothDatabases]
    public async Task Inquiry_OpenedAndRepliedOverTheApi_IsThePortalsThread_WithTheSameMails(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("apiinq");
        var (member, _, membership) = await app.CreateMemberAsync(world.OrgId, MemberType.General, Permission.InquiryUser);
        using var api = await app.ApiClientForAsync(member);
        using var browser = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var subject = $"API inquiry {Guid.NewGuid():N}";
        var id = Guid.CreateVersion7();
        var url = $"/api/v1/orgs/{world.OrgId}/inquiries";

        using var created = await api.PostAsJsonAsync(url, new { id, category = "billing", subject, body = "請求書の**宛名**を変えたい" });
        using var createdJson = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        using var again = await api.PostAsJsonAsync(url, new { id, category = "billing", subject, body = "請求書の**宛名**を変えたい" });
        using var replied = await api.PostAsJsonAsync($"{url}/{id}/messages", new { body = "API からの返信です" });
        using var thread = JsonDocument.Parse(await api.GetStringAsync($"{url}/{id}"));
        using var list = JsonDocument.Parse(await api.GetStringAsync(url));
        var page = await browser.GetDocumentAsync($"/orgs/{world.OrgId}/inquiries/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/orgs/{world.OrgId}/inquiries/{id}", created.Headers.Location?.ToString());
        Assert.Equal("billing", createdJson.RootElement.GetProperty("category").GetString());
        Assert.Equal("new", createdJson.RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(d => d.Inquiries.CountAsync(i => i.Subject == subject)));
        Assert.Equal(HttpStatusCode.Created, replied.StatusCode);
        Assert.Equal(["請求書の**宛名**を変えたい", "API からの返信です"], thread.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()));
        Assert.Equal(id, list.RootElement.GetProperty("items").EnumerateArray().First().GetProperty("id").GetGuid());
        Assert.Contains(subject, page.Text("h1"), StringComparison.Ordinal);
        var messages = page.QuerySelectorAll("[data-testid=thread] [data-testid=message]").Select(m => m.TextContent).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Contains("宛名", messages[0], StringComparison.Ordinal);
        Assert.Contains("API からの返信です", messages[1], StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(d => d.OutboxMails.CountAsync(m => m.Subject.Contains(subject) && m.To == "support@example.com")));

        var before = await app.WithDbAsync(d => d.Inquiries.CountAsync(i => i.OrganizationId == world.OrgId));
        using var invalid = await api.PostAsJsonAsync(url, new { category = "7", subject = new string('x', 201), body = "  " });
        using var invalidJson = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["body", "category", "subject"], invalidJson.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        // Without AccountViewer he may not name accounts, as on the form (which offers none).
        using var hiddenAccount = await api.PostAsJsonAsync(url, new { category = "technical", subject = "s", body = "b", accountIds = new[] { world.AccountId } });
        Assert.Equal(HttpStatusCode.BadRequest, hiddenAccount.StatusCode);
        Assert.Contains("\"accountIds\"", await hiddenAccount.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(d => d.Inquiries.CountAsync(i => i.OrganizationId == world.OrgId)));

        await app.WithDbAsync(d => d.Inquiries.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InquiryStatus.Closed)));
        using var closed = await api.PostAsJsonAsync($"{url}/{id}/messages", new { body = "まだありますか" });
        Assert.Equal(HttpStatusCode.BadRequest, closed.StatusCode);
        Assert.Contains("\"body\"", await closed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await app.SetPermissionsAsync(membership, Permission.ProjectViewer | Permission.AccountViewer | Permission.InvoiceViewer);
        using var forbidden = await api.PostAsJsonAsync(url, new { category = "billing", subject = "no permission", body = "b" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("\"missingPermission\":\"InquiryUser\"", await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(d => d.Inquiries.CountAsync(i => i.OrganizationId == world.OrgId)));
        Assert.Equal(2, await app.WithDbAsync(d => d.InquiryMessages.CountAsync(m => m.InquiryId == id)));
    }

    /// <summary>Inquiries and notices page one item at a time without gaps or repeats, newest first; a foreign cursor is a 400.</summary>
    [Theory, BothDatabases]
    public async Task InquiriesAndNotices_AreCursorPaged(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("apipaged");
        using var api = await app.ApiClientForAsync(world.PowerUser);
        var opened = new List<Guid> { world.InquiryId };
        for (var i = 0; i < 3; i++)
        {
            using var created = await api.PostAsJsonAsync($"/api/v1/orgs/{world.OrgId}/inquiries", new { category = "other", subject = $"paged {i}", body = "b" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            opened.Add(JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid());
        }

        var inquiries = await CollectAsync(api, $"/api/v1/orgs/{world.OrgId}/inquiries?limit=1", "id");
        var notices = await CollectAsync(api, $"/api/v1/orgs/{world.OrgId}/notices?limit=1", "publishAt");
        using var badCursor = await api.GetAsync($"/api/v1/orgs/{world.OrgId}/notices?cursor=MTpub3Rhbm90aWNl");
        using var badInvoiceCursor = await api.GetAsync($"/api/v1/orgs/{world.OrgId}/invoices?cursor=MTpub3Rhbm90aWNl");

        Assert.Equal(opened.AsEnumerable().Reverse().Select(id => id.ToString()), inquiries);
        Assert.Equal(notices.Select(DateTimeOffset.Parse).OrderDescending(), notices.Select(DateTimeOffset.Parse));
        Assert.NotEmpty(notices);
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badInvoiceCursor.StatusCode);
    }

    private static async Task<List<string>> CollectAsync(HttpClient api, string url, string property)
    {
        var seen = new List<string>();
        var next = url;
        for (var pages = 0; next is not null && pages < 50; pages++)
        {
            using var json = JsonDocument.Parse(await api.GetStringAsync(next));
            var items = json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).ToString()).ToList();
            Assert.True(items.Count <= 1);
            seen.AddRange(items);
            var cursor = json.RootElement.GetProperty("nextCursor").GetString();
            next = cursor is null ? null : $"{url}&cursor={Uri.EscapeDataString(cursor)}";
        }
        return seen;
    }

    [Fact]
    public async Task OpenApiDocument_SaysAttachmentsAreNotAccepted()
    {
        var app = await apps.For(DatabaseKind.Sqlite);
        using var client = app.NewClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = json.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/orgs/{orgId}/inquiries", "/api/v1/orgs/{orgId}/inquiries/{inquiryId}/messages" })
        {
            Assert.Contains("Attachments cannot be sent over the API", paths.GetProperty(path).GetProperty("post").GetProperty("description").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal("application/pdf",
            paths.GetProperty("/api/v1/orgs/{orgId}/invoices/{invoiceId}.pdf").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").EnumerateObject().Single().Name);
    }
}
