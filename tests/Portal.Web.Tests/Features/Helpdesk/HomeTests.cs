using Portal.Core.Billing;
using Portal.Core.Charges;
using Portal.Core.Organizations;
using Portal.Core.Projects;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Helpdesk;

public sealed class HomeTests(PortalApps apps)
{
    /// <summary>
    /// The home screen sums each project's rated charge lines for this JST month and the one before, in the project's
    /// currency; other months and other organizations do not count; a member without Project viewer sees no charges.
    /// </summary>
    [Theory, BothDatabases]
    public async Task Home_ProjectCharges_ThisMonthAndLastMonthPerProject_OnlyForProjectViewers(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("homecharges");
        var other = await app.CreateWorldAsync("homechargesother");
        var dollars = await app.CreateProjectAsync(world.OrgId, "USD project", Currency.Usd);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).DateTime);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        await app.WithDbAsync(async c =>
        {
            ChargeLine[] lines =
            [
                Line(world.OrgId, world.ProjectId, thisMonth, 1200.4m, Currency.Jpy),
                Line(world.OrgId, world.ProjectId, thisMonth, 300m, Currency.Jpy),
                Line(world.OrgId, world.ProjectId, thisMonth.AddMonths(-1), 98765m, Currency.Jpy),
                Line(world.OrgId, world.ProjectId, thisMonth.AddMonths(-2), 5555555m, Currency.Jpy),
                Line(world.OrgId, dollars.Id, thisMonth.AddMonths(-1), 12.345m, Currency.Usd),
                Line(other.OrgId, other.ProjectId, thisMonth, 777777m, Currency.Jpy),
            ];
            // What RecomputeCharges writes: the lines and their monthly sums, which the home page reads.
            c.ChargeLines.AddRange(lines);
            c.ChargeMonthSums.AddRange(ChargeMonthSum.Of(lines));
            return await c.SaveChangesAsync();
        });
        using var power = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var (member, password, membershipId) = await app.CreateMemberAsync(world.OrgId, MemberType.General, Permission.UserViewer);
        using var general = await app.SignedInClientAsync(member.Email!, password);

        var home = await power.GetDocumentAsync($"/orgs/{world.OrgId}");
        var noProjects = await general.GetDocumentAsync($"/orgs/{world.OrgId}");

        var rows = home.QuerySelectorAll("[data-testid=project-charges] tbody tr")
            .ToDictionary(r => r.GetAttribute("data-project")!, r => (r.Text("[data-testid=this-month]"), r.Text("[data-testid=last-month]")));
        Assert.Equal(("¥1,500", "¥98,765"), rows[world.ProjectId.ToString()]);
        Assert.Equal(("$0.00", "$12.35"), rows[dollars.Id.ToString()]);
        Assert.Equal(2, rows.Count);
        Assert.DoesNotContain("777,777", home.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(noProjects.QuerySelector("[data-testid=project-charges]"));
        Assert.NotNull(noProjects.QuerySelector($"a[href='/orgs/{world.OrgId}/members']"));
        Assert.Null(noProjects.QuerySelector($"a[href='/orgs/{world.OrgId}/projects']"));
        Assert.Null(noProjects.QuerySelector("[data-testid=last-month-invoices]"));
        Assert.NotNull(home.QuerySelector("[data-testid=last-month-invoices]"));
        _ = membershipId;
    }

    private static ChargeLine Line(Guid organizationId, Guid projectId, DateOnly month, decimal amount, Currency currency) => new()
    {
        PayerAccountId = "999999999999", Month = month, OrganizationId = organizationId, ProjectId = projectId, AccountNumber = "123456789012",
        Day = month, ProductCode = "AmazonEC2", LineItemType = "Usage", Usd = FixedPoint.FromDecimal(amount), Amount = FixedPoint.FromDecimal(amount), Currency = currency,
    };
}
