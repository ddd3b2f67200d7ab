using System.Net;
using System.Text.RegularExpressions;
using Portal.Core.Identity;
using Portal.Core.Organizations;
using Portal.Web.Features.Help;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Helpdesk;

public sealed partial class HelpTests(PortalApps apps)
{
    /// <summary>Each question of the real portal's FAQ (reference/faq-ja.txt) and the answer page that answers it here.</summary>
    public static readonly IReadOnlyList<(string Question, string Slug)> OriginalQuestions =
    [
        ("メンバーズ組織とは何ですか", "organizations"),
        ("プロジェクトとは何ですか", "projects"),
        ("パスワードを忘れました", "forgot-password"),
        ("ご利用料金の反映が遅れています", "charges-lag"),
        ("AWSマネジメントコンソールで表示される料金と一致しません", "console-differs"),
        ("利用開始前に料金が発生しています", "charges-before-start"),
        ("料金に消費税は含まれていますか", "tax"),
        ("カスタムタグとはなんですか", "custom-tags"),
        ("カスタムタグはどのように設置するのですか", "custom-tags-setup"),
        ("お問い合わせを開こうとするとサインイン画面が表示されてしまいます", "inquiry-signin"),
        ("セキュリティツールやファイアウォールでブロックされメンバーズポータルが開けません", "firewall"),
        ("メンバーズポータルのユーザーを追加したい", "add-users"),
        ("メールアドレスを変更したい", "change-email"),
        ("一般ユーザーのカスタム権限において、それぞれの権限で何ができますか", "permissions"),
        ("一般ユーザーでAWSアカウント閲覧権限が付与されていますが、AWSアカウント一覧画面や詳細画面が閲覧できません", "account-viewer"),
        ("「アクセスに必要な権限が許可されていません」エラーが発生しました", "access-denied"),
        ("パスワードとして利用可能な文字種、長さを知りたい", "password-rules"),
        ("Classmethod IDのユーザーは、メーリングリストのメールアドレスを使用しても問題ないでしょうか", "shared-mailbox"),
        ("Classmethod IDのユーザーを停止(削除)したい", "delete-id"),
    ];

    /// <summary>
    /// Every question of the original FAQ is one of its lines, and its answer page exists in Japanese and English with
    /// a question, an answer and no unresolved resource key; every link of every answer opens (200, or 302 to a
    /// sign-in step) for a signed-in power user.
    /// </summary>
    [Theory, BothDatabases]
    public async Task EveryOriginalFaqQuestion_HasAnswerInBothLanguages_AndItsLinksResolve(DatabaseKind db)
    {
        var app = await apps.For(db);
        var faqLines = (await File.ReadAllLinesAsync(FaqFile())).Select(l => l.Trim()).ToHashSet();
        var world = await app.CreateWorldAsync("faq");
        var failures = new List<string>();

        Assert.Equal(FaqCatalogue.All.Select(e => e.Slug).Order(), OriginalQuestions.Select(q => q.Slug).Order());
        foreach (var language in new[] { Languages.Japanese, Languages.English })
        {
            var (user, password) = await app.CreateUserAsync("Reader", language: language);
            await app.AddMemberAsync(world.OrgId, user.Id, MemberType.Power);
            using var client = await app.SignedInClientAsync(user.Email!, password);
            foreach (var (question, slug) in OriginalQuestions)
            {
                if (!faqLines.Contains(question))
                {
                    failures.Add($"'{question}' is not a line of faq-ja.txt");
                }
                var page = await client.GetDocumentAsync($"/help/faq/{slug}");
                var heading = page.QuerySelector("[data-testid=faq-question]")?.TextContent.Trim() ?? "";
                var answer = page.QuerySelector("[data-testid=faq-answer]")?.TextContent.Trim() ?? "";
                if (heading.Length == 0 || answer.Length < 40 || ResourceKey().IsMatch(page.Body!.TextContent) || page.DocumentElement.GetAttribute("lang") != language)
                {
                    failures.Add($"{language} {slug}: incomplete answer page");
                }
                if (language == Languages.English && JapaneseText().IsMatch(heading + answer))
                {
                    failures.Add($"en {slug}: Japanese text in the English answer");
                }
                var links = page.QuerySelectorAll("[data-testid=faq-links] a").Select(a => a.GetAttribute("href")!).ToList();
                if (links.Count == 0)
                {
                    failures.Add($"{slug}: no link to a screen");
                }
                foreach (var link in links)
                {
                    using var response = await client.GetAsync(link);
                    if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Redirect))
                    {
                        failures.Add($"{slug}: {link} answered {(int)response.StatusCode}");
                    }
                    if (link.StartsWith("/orgs/", StringComparison.Ordinal) && !link.StartsWith($"/orgs/{world.OrgId}", StringComparison.Ordinal))
                    {
                        failures.Add($"{slug}: {link} is not in the reader's organization");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory, BothDatabases]
    public async Task HelpSearch_FindsAnswersOnTheServer_AndIsLinkedFromEveryPage(DatabaseKind db)
    {
        var app = await apps.For(db);
        using var anonymous = app.NewClient();

        var tax = await anonymous.GetDocumentAsync("/help?q=" + Uri.EscapeDataString("消費税"));
        var hosts = await anonymous.GetDocumentAsync("/help?q=" + Uri.EscapeDataString("ファイアウォール ホスト名"));
        var nothing = await anonymous.GetDocumentAsync("/help?q=" + Uri.EscapeDataString("存在しない言葉xyz"));
        var signIn = await anonymous.GetDocumentAsync("/signin");
        var firewall = await anonymous.GetDocumentAsync("/help/faq/firewall");

        Assert.Equal(["/help/faq/tax"], tax.QuerySelectorAll("[data-testid=faq-list] a").Select(a => a.GetAttribute("href")).Take(1));
        Assert.Contains("/help/faq/firewall", hosts.QuerySelectorAll("[data-testid=faq-list] a").Select(a => a.GetAttribute("href")));
        Assert.NotNull(nothing.QuerySelector("[data-testid=help-no-results]"));
        Assert.Equal("/help", signIn.QuerySelector("[data-testid=help-link]")!.GetAttribute("href"));
        Assert.Contains("localhost", firewall.Text("[data-testid=faq-answer]"), StringComparison.Ordinal);
        Assert.Contains("support@example.com", signIn.Text("[data-testid=support-contact]"), StringComparison.Ordinal);
    }

    /// <summary>Every helpdesk, notice and help page renders in Japanese and English without an unresolved resource key.</summary>
    [Theory, BothDatabases]
    public async Task HelpdeskPages_InBothLanguages_ShowNoResourceKey(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("hdlang");
        var failures = new List<string>();
        foreach (var language in new[] { Languages.Japanese, Languages.English })
        {
            var (user, password) = await app.CreateUserAsync("Polyglot", isStaff: true, language: language);
            await app.AddMemberAsync(world.OrgId, user.Id, MemberType.Power);
            using var client = await app.EnrolledAndSignedInWithMfaAsync(user, password);
            string[] urls =
            [
                $"/orgs/{world.OrgId}", $"/orgs/{world.OrgId}/inquiries?show=all", $"/orgs/{world.OrgId}/inquiries/new", $"/orgs/{world.OrgId}/inquiries/{world.InquiryId}",
                $"/orgs/{world.OrgId}/notices", $"/orgs/{world.OrgId}/notices/{world.NoticeId}", "/staff/inquiries?Status=all", $"/staff/inquiries/{world.InquiryId}",
                "/staff/notices", "/staff/notices/edit", $"/staff/notices/edit/{world.NoticeId}", "/help", "/help?q=MFA",
            ];
            foreach (var url in urls)
            {
                var page = await client.GetDocumentAsync(url);
                var text = page.Body!.TextContent + string.Join(" ", page.QuerySelectorAll("[aria-label],[placeholder]")
                    .SelectMany(e => new[] { e.GetAttribute("aria-label"), e.GetAttribute("placeholder") }));
                if (ResourceKey().Match(text) is { Success: true } match)
                {
                    failures.Add($"{language} {url}: {match.Value}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The tests run from the repository root's bin folder; the shared product documents sit beside the repository.</summary>
    private static string FaqFile()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "..", "shared", "reference", "faq-ja.txt");
            if (File.Exists(Path.Combine(folder.FullName, "Portal.slnx")) && File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("../shared/reference/faq-ja.txt was not found beside the repository.");
    }

    [GeneratedRegex(@"\b(Faq|Help|Helpdesk|Home|Inquiries|Notices|Nav|InquiryStatus|InquiryCategory|NoticeCategory|Staff|Validation)\.[A-Za-z\-]+")]
    private static partial Regex ResourceKey();

    [GeneratedRegex(@"[\u3040-\u30FF\u4E00-\u9FFF]")]
    private static partial Regex JapaneseText();
}
