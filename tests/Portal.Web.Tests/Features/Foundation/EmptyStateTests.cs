using Portal.Core.Organizations;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Foundation;

/// <summary>A new organization's empty pages say what is missing and what to do next, instead of an empty table.</summary>
public sealed class EmptyStateTests(PortalApps apps)
{
    [Theory, BothDatabases]
    public async Task NewOrganization_EmptyPages_ShowTheNextStep(DatabaseKind db)
    {
        var app = await apps.For(db);
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var organization = await app.CreateOrganizationAsync($"空の組織 {suffix}", $"empty-{suffix}");
        var (user, password, _) = await app.CreateMemberAsync(organization.Id, MemberType.Power);
        using var power = await app.SignedInClientAsync(user.Email!, password);
        var o = $"/orgs/{organization.Id}";

        var accounts = await power.GetDocumentAsync($"{o}/accounts");
        var invoices = await power.GetDocumentAsync($"{o}/invoices");
        var inquiries = await power.GetDocumentAsync($"{o}/inquiries");
        var projects = await power.GetDocumentAsync($"{o}/projects");

        Assert.Contains("プロジェクトを開いて", accounts.Text("[data-testid=accounts-empty]"), StringComparison.Ordinal);
        Assert.Equal($"{o}/projects", accounts.QuerySelector("[data-testid=accounts-empty] a")?.GetAttribute("href"));
        Assert.Contains("発行時に請求書の送付先へメール", invoices.Text("[data-testid=invoices-empty]"), StringComparison.Ordinal);
        Assert.Equal($"{o}/inquiries/new", inquiries.QuerySelector("[data-testid=inquiries-empty] a")?.GetAttribute("href"));
        Assert.Contains("サポートデスクが作成します", projects.Text("[data-testid=projects-empty]"), StringComparison.Ordinal);
    }
}
