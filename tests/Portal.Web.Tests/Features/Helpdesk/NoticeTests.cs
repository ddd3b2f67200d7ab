using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Helpdesk;
using Portal.Core.Organizations;
using Portal.Web.Features.Staff.Notices;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Helpdesk;

public sealed class NoticeTests(PortalApps apps)
{
    /// <summary>
    /// Staff publish notices through the form; a member sees those addressed to everyone or to his organization that
    /// are live now, and those restricted to Inquiry user only while he holds it. The rest do not exist for him (404).
    /// </summary>
    [Theory, BothDatabases]
    public async Task Notices_AudienceTimesAndRestriction_DecideWhoSeesThem(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("notice");
        var other = await app.CreateWorldAsync("noticeother");
        var (_, staff) = await app.SignedInStaffAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var now = app.Clock.GetUtcNow();
        Guid everyone, mine, theirs, restricted, expired, future;
        using (staff)
        {
            everyone = await PublishAsync(staff, $"全体 {tag}", now.AddHours(-2), null, null, important: true, category: "Invoice");
            mine = await PublishAsync(staff, $"自組織 {tag}", now.AddHours(-1), null, world.OrgId);
            theirs = await PublishAsync(staff, $"他組織 {tag}", now.AddHours(-1), null, other.OrgId);
            restricted = await PublishAsync(staff, $"限定 {tag}", now.AddHours(-1), null, world.OrgId, inquiryOnly: true);
            expired = await PublishAsync(staff, $"終了 {tag}", now.AddDays(-3), now.AddDays(-1), world.OrgId);
            future = await PublishAsync(staff, $"予定 {tag}", now.AddDays(1), null, world.OrgId);
        }
        var (member, password, membershipId) = await app.CreateMemberAsync(world.OrgId, MemberType.General);
        using var client = await app.SignedInClientAsync(member.Email!, password);

        var archive = await client.GetDocumentAsync($"/orgs/{world.OrgId}/notices");
        var titles = archive.QuerySelectorAll("[data-testid=notices] a").Select(a => a.TextContent).Where(t => t.EndsWith(tag, StringComparison.Ordinal)).ToList();
        var statuses = new Dictionary<Guid, HttpStatusCode>();
        foreach (var id in new[] { everyone, mine, theirs, restricted, expired, future })
        {
            using var response = await client.GetAsync($"/orgs/{world.OrgId}/notices/{id}");
            statuses[id] = response.StatusCode;
        }
        await app.SetPermissionsAsync(membershipId, Permission.InquiryUser);
        var withInquiry = await client.GetDocumentAsync($"/orgs/{world.OrgId}/notices");
        using var restrictedNow = await client.GetAsync($"/orgs/{world.OrgId}/notices/{restricted}");

        Assert.Equal([$"自組織 {tag}", $"全体 {tag}"], titles);
        Assert.Equal(HttpStatusCode.OK, statuses[everyone]);
        Assert.Equal(HttpStatusCode.OK, statuses[mine]);
        Assert.All(new[] { theirs, restricted, expired, future }, id => Assert.Equal(HttpStatusCode.NotFound, statuses[id]));
        Assert.DoesNotContain($"限定 {tag}", archive.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"限定 {tag}", withInquiry.Text("[data-testid=notices]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, restrictedNow.StatusCode);
    }

    /// <summary>The home screen's category tabs and important-only toggle are links with a query string: they work without script.</summary>
    [Theory, BothDatabases]
    public async Task Home_CategoryTabsAndImportantToggle_FilterNoticesByQueryString(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("noticehome");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var now = app.Clock.GetUtcNow();
        var (_, staff) = await app.SignedInStaffAsync();
        using (staff)
        {
            await PublishAsync(staff, $"請求 {tag}", now.AddMinutes(-5), null, world.OrgId, important: true, category: "Invoice");
            await PublishAsync(staff, $"サポート {tag}", now.AddMinutes(-4), null, world.OrgId, category: "Support");
        }
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);

        var home = await client.GetDocumentAsync($"/orgs/{world.OrgId}");
        var supportTab = home.QuerySelectorAll("[data-testid=notice-tabs] a").Single(a => a.TextContent == "サポート").GetAttribute("href")!;
        var support = await client.GetDocumentAsync(supportTab);
        var importantHref = home.QuerySelector("[data-testid=important-toggle]")!.GetAttribute("href")!;
        var important = await client.GetDocumentAsync(importantHref);

        string Titles(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector("[data-testid=notices]")?.TextContent ?? "";
        Assert.Contains($"請求 {tag}", Titles(home), StringComparison.Ordinal);
        Assert.Contains($"サポート {tag}", Titles(home), StringComparison.Ordinal);
        Assert.Equal($"/orgs/{world.OrgId}?category=Support", supportTab);
        Assert.Contains($"サポート {tag}", Titles(support), StringComparison.Ordinal);
        Assert.DoesNotContain($"請求 {tag}", Titles(support), StringComparison.Ordinal);
        Assert.Equal($"/orgs/{world.OrgId}?important=true", importantHref);
        Assert.Contains($"請求 {tag}", Titles(important), StringComparison.Ordinal);
        Assert.DoesNotContain($"サポート {tag}", Titles(important), StringComparison.Ordinal);
        Assert.Equal($"/orgs/{world.OrgId}/notices", home.QuerySelector("[data-testid=notice-archive]")!.GetAttribute("href"));
    }

    /// <summary>An important notice is mailed once to the power users of its audience, each in his language; a second click mails nobody.</summary>
    [Theory, BothDatabases]
    public async Task ImportantNotice_MailedOnceToAudiencePowerUsers(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("noticemail");
        var other = await app.CreateWorldAsync("noticemailother");
        var (english, _) = await app.CreateUserAsync("Owner", language: "en");
        await app.AddMemberAsync(world.OrgId, english.Id, MemberType.Power);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (_, staff) = await app.SignedInStaffAsync();
        using (staff)
        {
            var id = await PublishAsync(staff, $"メンテナンス {tag}", app.Clock.GetUtcNow().AddMinutes(-1), null, world.OrgId, important: true);
            var url = $"/staff/notices/edit/{id}";
            using var first = await staff.SubmitFormAsync(url, new Dictionary<string, string>(), "[data-testid=mail-notice] form");
            var page = await staff.GetDocumentAsync(url);
            using var second = await staff.SubmitFormAsync(page, url + "?handler=Mail", new Dictionary<string, string>(), "[data-testid=notice-form]");
            Assert.Equal($"{url}?done=mailed-2", first.Headers.Location!.OriginalString);
            Assert.Equal($"{url}?done=AlreadySent", second.Headers.Location!.OriginalString);
            Assert.Null(page.QuerySelector("[data-testid=mail-notice] form"));
        }
        await app.DeliverMailAsync();

        var japanese = Assert.Single(app.Mail.To(world.PowerUser.Email!), m => (m.Subject ?? "").Contains(tag, StringComparison.Ordinal));
        var inEnglish = Assert.Single(app.Mail.To(english.Email!), m => (m.Subject ?? "").Contains(tag, StringComparison.Ordinal));
        Assert.StartsWith("【メンバーズポータル】重要なお知らせ", japanese.Subject, StringComparison.Ordinal);
        Assert.StartsWith("[Members Portal] Important", inEnglish.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Mail.To(world.GeneralUser.Email!), m => (m.Subject ?? "").Contains(tag, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Mail.To(other.PowerUser.Email!), m => (m.Subject ?? "").Contains(tag, StringComparison.Ordinal));
        Assert.Equal(2, await app.WithDbAsync(c => c.OutboxMails.CountAsync(m => m.Subject.Contains(tag))));
    }

    /// <summary>
    /// Staff delete a notice published by mistake from its edit page (behind a confirmation): customers no longer see it
    /// in the archive or at its address, its audience rows go with it, the deletion is audited, and a second delete
    /// of the same notice finds nothing to delete.
    /// </summary>
    [Theory, BothDatabases]
    public async Task StaffDeletesNotice_CustomersNoLongerSeeIt_Audited(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("noticedelete");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (staffUser, staff) = await app.SignedInStaffAsync();
        using var customer = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        using (staff)
        {
            var id = await PublishAsync(staff, $"誤配信 {tag}", app.Clock.GetUtcNow().AddMinutes(-5), null, world.OrgId);
            Assert.Contains($"誤配信 {tag}", (await customer.GetDocumentAsync($"/orgs/{world.OrgId}/notices")).Text("[data-testid=notices]"), StringComparison.Ordinal);
            var url = $"/staff/notices/edit/{id}";
            var page = await staff.GetDocumentAsync(url);
            Assert.NotNull(page.QuerySelector("[data-testid=delete-notice] form[data-confirm]"));

            using var deleted = await staff.SubmitFormAsync(url, new Dictionary<string, string>(), "[data-testid=delete-notice] form");
            using var again = await staff.SubmitFormAsync(page, url + "?handler=Delete", new Dictionary<string, string>(), "[data-testid=delete-notice] form");
            var list = await staff.GetDocumentAsync(deleted.Headers.Location!.OriginalString);
            using var direct = await customer.GetAsync($"/orgs/{world.OrgId}/notices/{id}");
            var archive = await customer.GetDocumentAsync($"/orgs/{world.OrgId}/notices");

            Assert.Equal("/staff/notices?done=deleted", deleted.Headers.Location!.OriginalString);
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
            Assert.NotNull(list.QuerySelector("[data-testid=notice-done]"));
            Assert.DoesNotContain($"誤配信 {tag}", list.Body!.TextContent, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, direct.StatusCode);
            Assert.DoesNotContain($"誤配信 {tag}", archive.Body!.TextContent, StringComparison.Ordinal);
            Assert.Equal(0, await app.WithDbAsync(c => c.Notices.CountAsync(n => n.Id == id)));
            Assert.Equal(0, await app.WithDbAsync(c => c.Set<NoticeAudience>().CountAsync(a => a.NoticeId == id)));
            Assert.Equal(1, await app.WithDbAsync(c => c.AuditEvents.CountAsync(e => e.ActorId == staffUser.Id && e.Event == "notice.deleted")));
        }
    }

    [Theory, BothDatabases]
    public async Task StaffNoticeForm_InvalidInput_PerFieldErrors_NothingSaved(DatabaseKind db)
    {
        var app = await apps.For(db);
        var (_, staff) = await app.SignedInStaffAsync();
        using (staff)
        {
            var title = $"Only English {Guid.NewGuid():N}";
            using var response = await staff.SubmitFormAsync("/staff/notices/edit", new Dictionary<string, string>
            {
                ["Category"] = "", ["TitleJa"] = "", ["TitleEn"] = title, ["BodyJa"] = "本文", ["BodyEn"] = "",
                ["PublishAt"] = "2026-13-40T99:00", ["ExpireAt"] = "next week", ["AllOrganizations"] = "false",
            }, "[data-testid=notice-form]");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var page = await HtmlForms.ParseAsync(response);
            foreach (var field in new[] { "Category", "TitleJa", "BodyEn", "PublishAt", "ExpireAt", "OrganizationIds" })
            {
                Assert.True(page.QuerySelector($"[data-testid=error-{field}]") is not null, field);
            }
            Assert.Null(page.QuerySelector("[data-testid=error-TitleEn]"));
            Assert.Equal(0, await app.WithDbAsync(c => c.Notices.CountAsync(n => n.TitleEn == title)));
        }
    }

    [Theory, BothDatabases]
    public async Task Archive_MoreThanOnePage_OlderLinkShowsTheRest(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("noticepages");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var now = app.Clock.GetUtcNow();
        await app.WithDbAsync(async c =>
        {
            for (var i = 1; i <= Portal.Web.Features.Notices.IndexModel.PageSize + 1; i++)
            {
                var notice = new Notice
                {
                    Category = NoticeCategory.Others, TitleJa = $"第{i:00}号 {tag}", TitleEn = $"No. {i:00} {tag}", BodyJa = "本文", BodyEn = "Body",
                    PublishAt = now.AddDays(-60).AddHours(i), AllOrganizations = false, CreatedAt = now, UpdatedAt = now,
                };
                notice.Audience.Add(new NoticeAudience { NoticeId = notice.Id, OrganizationId = world.OrgId });
                c.Notices.Add(notice);
            }
            return await c.SaveChangesAsync();
        });
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);

        var first = await client.GetDocumentAsync($"/orgs/{world.OrgId}/notices?category=Others");
        var older = first.QuerySelector("[data-testid=older-notices]")!.GetAttribute("href")!;
        var second = await client.GetDocumentAsync($"/orgs/{world.OrgId}/notices" + older);

        Assert.Equal("?category=Others&p=2", older);
        Assert.Equal(Portal.Web.Features.Notices.IndexModel.PageSize, first.QuerySelectorAll("[data-testid=notices] li").Count(li => li.TextContent.Contains(tag, StringComparison.Ordinal)));
        Assert.Contains($"第31号 {tag}", first.Text("[data-testid=notices]"), StringComparison.Ordinal);
        Assert.Equal([$"第01号 {tag}"], second.QuerySelectorAll("[data-testid=notices] a").Select(a => a.TextContent).Where(t => t.Contains(tag, StringComparison.Ordinal)));
    }

    private static async Task<Guid> PublishAsync(
        HttpClient staff, string title, DateTimeOffset publish, DateTimeOffset? expire, Guid? organizationId, bool important = false, bool inquiryOnly = false,
        string category = "Members")
    {
        var values = new Dictionary<string, string>
        {
            ["Category"] = category, ["TitleJa"] = title, ["TitleEn"] = title, ["BodyJa"] = $"{title} の本文", ["BodyEn"] = $"Body of {title}",
            ["PublishAt"] = EditModel.ToLocal(publish), ["ExpireAt"] = expire is { } e ? EditModel.ToLocal(e) : "",
            ["AllOrganizations"] = organizationId is null ? "true" : "false",
        };
        if (organizationId is { } id)
        {
            values["OrganizationIds"] = id.ToString();
        }
        if (important)
        {
            values["Important"] = "true";
        }
        if (inquiryOnly)
        {
            values["RequiresInquiryUser"] = "true";
        }
        using var response = await staff.SubmitFormAsync("/staff/notices/edit", values, "[data-testid=notice-form]");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Publishing '{title}' answered {(int)response.StatusCode}");
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('?')[0].Split('/')[^1]);
    }
}
