using System.Text.RegularExpressions;
using Portal.Core.Identity;
using Portal.Core.Organizations;
using Portal.Web.Tests.Features.Organizations;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Projects;

public sealed partial class ProjectPagesLanguageTests(PortalApps apps)
{
    /// <summary>
    /// Every project, account and staff page renders in Japanese and in English with every string resolved: a missing
    /// resource shows up as its key (for example <c>Projects.Plan</c>) in the page.
    /// </summary>
    [Theory, BothDatabases]
    public async Task EveryProjectAndAccountPage_InBothLanguages_ShowsNoResourceKey(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("lang");
        await app.CreateProjectAsync(world.OrgId, "second");
        var failures = new List<string>();
        foreach (var language in new[] { Languages.Japanese, Languages.English })
        {
            // Staff must have MFA, so the polyglot signs in with a code; as a power user he also sees every org page.
            var (user, client) = await app.SignedInStaffAsync(language);
            using var _ = client;
            await app.AddMemberAsync(world.OrgId, user.Id, MemberType.Power);
            var urls = TenantRoute.All.Where(r => r.Template.Contains("/projects", StringComparison.Ordinal) || r.Template.Contains("/accounts", StringComparison.Ordinal))
                .Where(r => !r.Template.EndsWith("/export", StringComparison.Ordinal) && !r.Template.EndsWith(".csv", StringComparison.Ordinal))
                .Select(r => r.Url(world, world))
                .Concat(["/staff", "/staff/projects", $"/staff/projects/{world.ProjectId}", "/staff/accounts", $"/staff/accounts/{world.AccountId}", "/staff/applications?show=all", "/staff/baseline-services"]);
            foreach (var url in urls)
            {
                var page = await client.GetDocumentAsync(url);
                var text = page.Body!.TextContent + string.Join(" ", page.QuerySelectorAll("[data-confirm],[aria-label],[title],[placeholder]")
                    .SelectMany(e => new[] { e.GetAttribute("data-confirm"), e.GetAttribute("aria-label"), e.GetAttribute("title"), e.GetAttribute("placeholder") }));
                if (ResourceKey().Match(text) is { Success: true } key)
                {
                    failures.Add($"{language} {url}: {key.Value}");
                }
                if (page.DocumentElement.GetAttribute("lang") != language)
                {
                    failures.Add($"{language} {url}: lang={page.DocumentElement.GetAttribute("lang")}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [GeneratedRegex(@"\b(Projects|Accounts|Applications|Transfer|Baseline|Staff|Bookmarks|Addresses|Mail|Nav|NotificationTopic|AccountStatus|ApplicationKind|ApplicationStatus|Language)\.[A-Z][A-Za-z]+")]
    private static partial Regex ResourceKey();
}
