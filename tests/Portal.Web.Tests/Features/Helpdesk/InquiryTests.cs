using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Helpdesk;
using Portal.Core.Identity;
using Portal.Core.Organizations;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Helpdesk;

public sealed class InquiryTests(PortalApps apps)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    /// <summary>
    /// A power user opens an inquiry with an attachment and a related account; an English colleague replies; staff add
    /// an internal note and reply. Each customer is mailed in his language, nobody receives his own message, the
    /// note reaches no customer page or mail, and the attachment downloads as an attachment with its sniffed type.
    /// </summary>
    [Theory, BothDatabases]
    public async Task Thread_CustomerOpensColleagueRepliesStaffNotesAndReplies_MailsEachParticipantInHisLanguage(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("inq");
        var (emma, emmaPassword) = await app.CreateUserAsync("Emma", language: Languages.English);
        await app.AddMemberAsync(world.OrgId, emma.Id, MemberType.General, Permission.InquiryUser);
        using var power = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        using var colleague = await app.SignedInClientAsync(emma.Email!, emmaPassword);
        var subject = $"EC2 が起動しない {Guid.NewGuid():N}";
        var log = Encoding.UTF8.GetBytes("2026-11-20 error: instance i-0123 failed\n");

        var newUrl = $"/orgs/{world.OrgId}/inquiries/new";
        var form = await power.GetDocumentAsync(newUrl);
        var formId = form.QuerySelector("input[name=FormId]")!.GetAttribute("value")!;
        using var opened = await power.SubmitMultipartAsync(newUrl,
            new Dictionary<string, string>
            {
                ["FormId"] = formId, ["Category"] = "Technical", ["Subject"] = subject, ["Body"] = "**起動しません** <script>alert(1)</script>", ["AccountIds"] = world.AccountId.ToString(),
            },
            [new UploadFile("error.log", "application/octet-stream", log)]);
        using var again = await power.SubmitMultipartAsync(newUrl,
            new Dictionary<string, string> { ["FormId"] = formId, ["Category"] = "Technical", ["Subject"] = subject, ["Body"] = "二重送信" }, []);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var inquiryUrl = opened.Headers.Location!.OriginalString.Split('?')[0];
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(c => c.Inquiries.CountAsync(i => i.Subject == subject)));

        using var reply = await colleague.SubmitMultipartAsync(inquiryUrl, new Dictionary<string, string> { ["Body"] = "Same problem on my side." }, [], "form[data-testid=reply-form]");
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);

        var (staff, staffClient) = await app.SignedInStaffAsync();
        using (staffClient)
        {
            var queue = await staffClient.GetDocumentAsync($"/staff/inquiries?OrganizationId={world.OrgId}&Category=Technical");
            var link = queue.QuerySelectorAll("[data-testid=staff-inquiries] a").Single(a => a.TextContent == subject).GetAttribute("href")!;
            using var note = await staffClient.SubmitMultipartAsync(link, new Dictionary<string, string> { ["Body"] = "社内メモ: 再現待ち", ["Internal"] = "true" },
                [new UploadFile("internal.txt", "text/plain", "secret"u8.ToArray())], "form[data-testid=reply-form]");
            using var answer = await staffClient.SubmitMultipartAsync(link, new Dictionary<string, string> { ["Body"] = "Please check the security group.", ["NewStatus"] = "WaitingForCustomer" },
                [], "form[data-testid=reply-form]");
            Assert.Equal(HttpStatusCode.Redirect, note.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            var staffPage = await staffClient.GetDocumentAsync(link);
            Assert.Single(staffPage.QuerySelectorAll("[data-testid=internal-note]"));
        }
        await app.DeliverMailAsync();

        var page = await power.GetDocumentAsync(inquiryUrl);
        var thread = page.Text("[data-testid=thread]");
        Assert.Contains("Please check the security group.", thread, StringComparison.Ordinal);
        Assert.DoesNotContain("社内メモ", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("[data-testid=internal-note]"));
        Assert.Equal("<strong>起動しません</strong> &lt;script&gt;alert(1)&lt;/script&gt;", page.QuerySelector("[data-testid=message] .card-body p")!.InnerHtml);
        Assert.Contains(world.AccountNumber, page.Text("[data-testid=related-accounts]"), StringComparison.Ordinal);
        Assert.Equal("お客様の返信待ち", page.Text("[data-testid=inquiry-status]"));

        var attachments = page.QuerySelectorAll("[data-testid=attachments] a").Select(a => a.GetAttribute("href")!).ToList();
        using var download = await power.GetAsync(Assert.Single(attachments));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/plain", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(log, await download.Content.ReadAsByteArrayAsync());
        var internalAttachment = await app.WithDbAsync(c => c.InquiryAttachments.Where(a => a.FileName == "internal.txt" && a.Message.Inquiry.Subject == subject).Select(a => a.Id).SingleAsync());
        using var hidden = await power.GetAsync($"{inquiryUrl}/attachments/{internalAttachment}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.True(File.Exists(Path.Combine(app.AttachmentFolder, world.OrgId.ToString("N"), internalAttachment.ToString("N"))));

        var toPower = await app.Mail.WaitForCountAsync(world.PowerUser.Email!, m => (m.Subject ?? "").Contains(subject, StringComparison.Ordinal), 2);
        var toEmma = await app.Mail.WaitForCountAsync(emma.Email!, m => (m.Subject ?? "").Contains(subject, StringComparison.Ordinal), 1);
        Assert.Equal(2, toPower.Count);
        Assert.All(toPower, m => Assert.StartsWith("【メンバーズポータル】", m.Subject, StringComparison.Ordinal));
        Assert.Single(toEmma);
        Assert.StartsWith("[Members Portal]", toEmma[0].Subject, StringComparison.Ordinal);
        Assert.Contains("Please check the security group.", toEmma[0].TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(toPower.Concat(toEmma), m => (m.TextBody ?? "").Contains("社内メモ", StringComparison.Ordinal));
        Assert.Contains($"/orgs/{world.OrgId}/inquiries/", toEmma[0].TextBody, StringComparison.Ordinal);
        var supportMails = await app.WithDbAsync(c => c.OutboxMails.CountAsync(m => m.Subject.Contains(subject) && m.To == "support@example.com"));
        Assert.Equal(2, supportMails);
        var inquiry = await app.WithDbAsync(c => c.Inquiries.AsNoTracking().SingleAsync(i => i.Subject == subject));
        Assert.Equal((InquiryStatus.WaitingForCustomer, staff.Id), (inquiry.Status, inquiry.AssigneeId));
    }

    [Theory, BothDatabases]
    public async Task Attachments_OverLimitsOrWrongContent_RefusedWithFieldError_NothingSaved(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("attach");
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var url = $"/orgs/{world.OrgId}/inquiries/new";
        var subject = $"添付 {Guid.NewGuid():N}";
        var fields = new Dictionary<string, string> { ["Category"] = "Billing", ["Subject"] = subject, ["Body"] = "添付を確認してください" };
        var page = await client.GetDocumentAsync(url);

        UploadFile[] tooMany = [.. Enumerable.Range(1, 6).Select(i => new UploadFile($"f{i}.png", "image/png", Png))];
        using var many = await client.SubmitMultipartAsync(url, fields, tooMany);
        using var large = await client.SubmitMultipartAsync(url, fields, [new UploadFile("big.pdf", "application/pdf", [.. "%PDF-"u8, .. new byte[10 * 1024 * 1024]])]);
        using var spoofed = await client.SubmitMultipartAsync(url, fields, [new UploadFile("photo.png", "image/png", "<html><script>alert(1)</script></html>"u8.ToArray())]);
        using var executable = await client.SubmitMultipartAsync(url, fields, [new UploadFile("setup.exe", "application/octet-stream", [0x4D, 0x5A, 0x90, 0])]);
        using var binaryText = await client.SubmitMultipartAsync(url, fields, [new UploadFile("notes.txt", "text/plain", [0x41, 0x00, 0x42])]);
        using var empty = await client.SubmitMultipartAsync(url, fields, [new UploadFile("empty.txt", "text/plain", [])]);
        var saved = await app.WithDbAsync(c => c.Inquiries.CountAsync(i => i.Subject == subject));
        using var accepted = await client.SubmitMultipartAsync(url, fields, [.. Enumerable.Range(1, 5).Select(i => new UploadFile($"f{i}.png", "text/plain", Png))]);

        Assert.Contains("5", page.Text("[data-testid=attachment-limits]"), StringComparison.Ordinal);
        Assert.Contains("10 MB", page.Text("[data-testid=attachment-limits]"), StringComparison.Ordinal);
        foreach (var refused in new[] { many, large, spoofed, executable, binaryText, empty })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.NotEmpty((await HtmlForms.ParseAsync(refused)).Text("[data-testid=error-Files]"));
        }
        Assert.Contains("photo.png", (await HtmlForms.ParseAsync(spoofed)).Text("[data-testid=error-Files]"), StringComparison.Ordinal);
        Assert.Equal(0, saved);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var stored = await app.WithDbAsync(c => c.InquiryAttachments.Where(a => a.Message.Inquiry.Subject == subject).Select(a => a.ContentType).ToListAsync());
        Assert.Equal(5, stored.Count);
        Assert.All(stored, type => Assert.Equal("image/png", type));
    }

    [Theory, BothDatabases]
    public async Task NewInquiry_MissingFields_PerFieldErrors_NothingSaved(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("inqval");
        var other = await app.CreateWorldAsync("inqvalother");
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);

        using var response = await client.SubmitMultipartAsync($"/orgs/{world.OrgId}/inquiries/new",
            new Dictionary<string, string> { ["Category"] = "", ["Subject"] = " ", ["Body"] = "", ["AccountIds"] = other.AccountId.ToString() }, []);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        foreach (var field in new[] { "Category", "Subject", "Body", "AccountIds" })
        {
            Assert.NotNull(page.QuerySelector($"[data-testid=error-{field}]"));
        }
        Assert.Equal(1, await app.WithDbAsync(c => c.Inquiries.CountAsync(i => i.OrganizationId == world.OrgId)));
    }

    [Theory, BothDatabases]
    public async Task InquiryUrl_WithoutInquiryUser_ShowsAccessDeniedWithFaqLink(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("inqdenied");
        using var client = await app.SignedInClientAsync(world.GeneralUser.Email!, world.Password);

        using var response = await client.GetAsync($"/orgs/{world.OrgId}/inquiries/{world.InquiryId}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains("アクセスに必要な権限が許可されていません", page.Text("[data-testid=status-message]"), StringComparison.Ordinal);
        Assert.Equal("/help/faq/access-denied", page.QuerySelector("[data-testid=denied-faq]")!.GetAttribute("href"));
        Assert.DoesNotContain(world.Name + " の質問", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Customer_ClosesInquiry_NoFurtherReply_StaffQueueFiltersByStatus(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("inqclose");
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var url = $"/orgs/{world.OrgId}/inquiries/{world.InquiryId}";

        using var closed = await client.SubmitFormAsync(url, new Dictionary<string, string>(), "form[data-testid=close-form]");
        var page = await client.GetDocumentAsync(url);
        var open = await client.GetDocumentAsync($"/orgs/{world.OrgId}/inquiries");
        var all = await client.GetDocumentAsync($"/orgs/{world.OrgId}/inquiries?show=all");
        var (_, staff) = await app.SignedInStaffAsync();
        using (staff)
        {
            var closedQueue = await staff.GetDocumentAsync($"/staff/inquiries?Status=Closed&OrganizationId={world.OrgId}");
            var openQueue = await staff.GetDocumentAsync($"/staff/inquiries?OrganizationId={world.OrgId}");
            Assert.Single(closedQueue.QuerySelectorAll("[data-testid=staff-inquiries] tbody tr"));
            Assert.NotNull(openQueue.QuerySelector("[data-testid=queue-empty]"));
        }

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.NotNull(page.QuerySelector("[data-testid=inquiry-closed]"));
        Assert.Null(page.QuerySelector("[data-testid=reply-form]"));
        Assert.NotNull(open.QuerySelector("[data-testid=inquiries-empty]"));
        Assert.Single(all.QuerySelectorAll("[data-testid=inquiries-table] tbody tr"));
    }

    /// <summary>Applications stored before the helpdesk existed get their inquiry when the database is prepared, once.</summary>
    [Theory, BothDatabases]
    public async Task Backfill_OldApplicationWithoutInquiry_GetsOneInquiryOnce(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("inqbackfill");
        var application = await app.WithDbAsync(async c =>
        {
            var stored = new Portal.Core.Projects.ServiceApplication
            {
                OrganizationId = world.OrgId, ProjectId = world.ProjectId, AwsAccountId = world.AccountId, Kind = Portal.Core.Projects.ApplicationKind.Cancellation,
                Status = Portal.Core.Projects.ApplicationStatus.Approved, Note = "解約します", SubmittedById = world.PowerUser.Id,
                SubmittedAt = app.Clock.GetUtcNow().AddDays(-30), DecidedAt = app.Clock.GetUtcNow().AddDays(-29),
            };
            c.ServiceApplications.Add(stored);
            await c.SaveChangesAsync();
            return stored;
        });

        for (var run = 0; run < 2; run++)
        {
            await app.WithServicesAsync(services => services.GetRequiredService<Portal.Web.Infrastructure.DatabaseMigrator>().MigrateAsync(CancellationToken.None));
        }

        var inquiry = await app.WithDbAsync(c => c.Inquiries.AsNoTracking().Include(i => i.Messages).SingleAsync(i => i.ServiceApplicationId == application.Id));
        Assert.Equal((InquiryCategory.Cancellation, InquiryStatus.Resolved, world.OrgId), (inquiry.Category, inquiry.Status, inquiry.OrganizationId));
        Assert.Equal([world.AccountId], inquiry.RelatedAccountIds);
        Assert.Equal("解約します", Assert.Single(inquiry.Messages).Body);
        Assert.Contains(world.AccountNumber, inquiry.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_ScriptAndJavascriptLinks_AreRenderedHarmless()
    {
        var html = new Portal.Web.Features.Helpdesk.MarkdownRenderer()
            .Render("[click](javascript:alert(1)) <img src=x onerror=alert(1)> [ok](https://example.com)").ToString();

        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<a href=\"https://example.com\" rel=\"nofollow noopener noreferrer\">ok</a>", html, StringComparison.Ordinal);
    }

    /// <summary>An application (projects issue) appears as an inquiry of its category with its fields; deciding it resolves the inquiry.</summary>
    [Theory, BothDatabases]
    public async Task Application_AppearsAsInquiryWithFields_DecisionResolvesIt(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("inqapp");
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var number = Tenants.NewAccountNumber();

        using var applied = await client.SubmitFormAsync($"/orgs/{world.OrgId}/projects/{world.ProjectId}/applications/new",
            new Dictionary<string, string> { ["Kind"] = "TransferIn", ["AccountName"] = "移管するアカウント", ["AccountNumber"] = number, ["Note"] = "来月から" });
        var inquiry = await app.WithDbAsync(c => c.Inquiries.AsNoTracking().SingleAsync(i => i.OrganizationId == world.OrgId && i.ServiceApplicationId != null));
        var page = await client.GetDocumentAsync($"/orgs/{world.OrgId}/inquiries/{inquiry.Id}");
        var (_, staff) = await app.SignedInStaffAsync();
        using (staff)
        {
            var staffPage = await staff.GetDocumentAsync($"/staff/inquiries/{inquiry.Id}");
            var decideUrl = staffPage.QuerySelector("[data-testid=decide-application]")!.GetAttribute("href")!;
            var decidePage = await staff.GetDocumentAsync(decideUrl);
            using var approved = await staff.SubmitFormAsync(decidePage, decideUrl + "?handler=Approve", new Dictionary<string, string> { ["Comment"] = "手続きを開始しました" });
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }
        var after = await client.GetDocumentAsync($"/orgs/{world.OrgId}/inquiries/{inquiry.Id}");

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal(InquiryCategory.TransferIn, inquiry.Category);
        var fields = page.Text("[data-testid=application-fields]");
        Assert.Contains(number, fields, StringComparison.Ordinal);
        Assert.Contains("移管するアカウント", fields, StringComparison.Ordinal);
        Assert.Contains(world.ProjectName, fields, StringComparison.Ordinal);
        Assert.Contains("来月から", page.Text("[data-testid=thread]"), StringComparison.Ordinal);
        Assert.Equal("解決済み", after.Text("[data-testid=inquiry-status]"));
        Assert.Contains("手続きを開始しました", after.Text("[data-testid=thread]"), StringComparison.Ordinal);
    }
}
