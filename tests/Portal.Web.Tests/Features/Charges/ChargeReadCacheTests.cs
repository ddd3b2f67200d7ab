using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Billing.Rating;
using Portal.Core.Projects;
using Portal.Web.Features.Charges;
using Portal.Web.Tests.Features.Api;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Charges;

/// <summary>
/// The charge screens and the charges API remember their sums between requests (<see cref="ChargeReadCache"/>); a
/// recompute must show on the very next request, on every view, with nothing stale.
/// </summary>
public sealed class ChargeReadCacheTests(PortalApps apps)
{
    private static readonly DateOnly November = new(2026, 11, 1);

    [Theory, BothDatabases]
    public async Task Recompute_ShowsAtOnceOnTheAccountPageProjectPageAndApi(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("cached");
        var project = await app.CreateProjectAsync(world.OrgId, $"cached {Guid.NewGuid():N}", Currency.Usd);
        var account = await app.CreateAccountAsync(project.Id, "cached");
        using var browser = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        using var api = await app.ApiClientForAsync(world.PowerUser);
        var payer = BillingFacts.NewPayer();
        await app.AddFactsAsync(payer, November, new FactRow(account.AccountNumber, 2, "Usage", 40m, Tag: "web"));
        await RecomputeAsync(app, payer);

        async Task<(string Account, string Project, string Api, string Tags)> ViewsAsync()
        {
            var accountPage = await browser.GetDocumentAsync($"/orgs/{world.OrgId}/accounts/{account.Id}/charges?month=2026-11");
            var projectPage = await browser.GetDocumentAsync($"/orgs/{world.OrgId}/projects/{project.Id}/charges?month=2026-11");
            using var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/orgs/{world.OrgId}/charges?month=2026-11&by=tag&projectId={project.Id}"));
            var tags = json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()).Order(StringComparer.Ordinal);
            return (accountPage.Text("[data-testid=charges-total]"), projectPage.Text("[data-testid=project-charges] [data-testid=grand-total]"),
                Assert.Single(json.RootElement.GetProperty("totals").EnumerateArray()).GetProperty("amount").GetString()!, string.Join(",", tags));
        }

        var first = await ViewsAsync();
        var again = await ViewsAsync();
        await app.AddFactsAsync(payer, November, new FactRow(account.AccountNumber, 3, "Usage", 15m, Tag: "db"));
        await RecomputeAsync(app, payer);
        var after = await ViewsAsync();

        Assert.Equal("$40.00", first.Account);
        Assert.Equal("$40.00", first.Project);
        Assert.Equal(("40", "web"), (first.Api, first.Tags));
        Assert.Equal(first, again);
        Assert.Equal("$55.00", after.Account);
        Assert.Equal("$55.00", after.Project);
        Assert.Equal(("55", "db,web"), (after.Api, after.Tags));
    }

    [Theory, BothDatabases]
    public async Task Cache_LoadsOnceUntilARecomputeChangesTheStamp(DatabaseKind db)
    {
        var app = await apps.For(db);
        var payer = BillingFacts.NewPayer();
        var loads = 0;
        var key = new TestKey(Guid.NewGuid());
        async Task<string> ReadAsync() => await WithCacheAsync(app, cache => cache.GetAsync(key, _ => Task.FromResult($"load {++loads}"), CancellationToken.None));

        var first = await ReadAsync();
        var second = await ReadAsync();
        await RecomputeAsync(app, payer);
        var third = await ReadAsync();
        var fourth = await ReadAsync();

        Assert.Equal(["load 1", "load 1", "load 2", "load 2"], [first, second, third, fourth]);
    }

    private sealed record TestKey(Guid Id);

    private static async Task<T> WithCacheAsync<T>(PortalApp app, Func<ChargeReadCache, Task<T>> work)
    {
        T result = default!;
        await app.WithServicesAsync(async services => result = await work(services.GetRequiredService<ChargeReadCache>()));
        return result;
    }

    private static Task RecomputeAsync(PortalApp app, string payer) =>
        app.WithServicesAsync(services => services.GetRequiredService<RecomputeCharges>().HandleAsync(payer, November, CancellationToken.None));
}
