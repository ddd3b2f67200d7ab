using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Organizations;
using Portal.Web.Tests.Features.Organizations;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Api;

public sealed class ApiAccessTests(PortalApps apps)
{
    [Fact]
    public async Task ApiRouteTable_CoversEveryApiRoute()
    {
        var app = await apps.For(DatabaseKind.Sqlite);
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText!.TrimStart('/')}"))
            .Distinct().ToList();
        var table = ApiRoute.All.Select(r => r.ToString()).ToList();

        var missing = routes.Except(table).ToList();
        var stale = table.Except(routes).ToList();

        Assert.True(missing.Count == 0, "API routes missing from ApiRoute.All: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "ApiRoute.All lists routes that no longer exist: " + string.Join(", ", stale));
        Assert.DoesNotContain(TenantRoute.All, r => r.Template.StartsWith("api/", StringComparison.Ordinal));
    }

    /// <summary>
    /// Route × key × permission → status, through the same handler as the UI: a power user's key opens everything; a
    /// general user's key opens a route with exactly its permission and gets a 403 naming the permission with every
    /// other; another organization's key gets 404; no key, a wrong key or a signed-in cookie get 401.
    /// </summary>
    [Theory, BothDatabases]
    public async Task EveryApiRoute_ByKeyAndPermission_AnswersAsDeclared(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("apimatrix");
        var stranger = await app.CreateWorldAsync("apistranger");
        using var power = await app.ApiClientForAsync(world.PowerUser);
        using var strangerKey = await app.ApiClientForAsync(stranger.PowerUser);
        using var anonymous = app.ApiClient(null);
        using var forged = app.ApiClient("mpk_0123456789ab_" + new string('A', 43));
        using var cookie = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        var (holder, _, holderMembership) = await app.CreateMemberAsync(world.OrgId, MemberType.General);
        using var general = await app.ApiClientForAsync(holder);
        var failures = new List<string>();

        foreach (var route in ApiRoute.All)
        {
            var url = route.Url(world, world);
            await ExpectAsync(route, power, url, HttpStatusCode.OK, "power user's key");
            await ExpectAsync(route, anonymous, url, HttpStatusCode.Unauthorized, "no key");
            await ExpectAsync(route, forged, url, HttpStatusCode.Unauthorized, "an unknown key");
            await ExpectAsync(route, cookie, url, HttpStatusCode.Unauthorized, "a signed-in cookie without a key");
            if (route.Required is not { } required)
            {
                await ExpectAsync(route, strangerKey, url, HttpStatusCode.OK, "another organization's key");
                continue;
            }
            await ExpectAsync(route, strangerKey, url, HttpStatusCode.NotFound, "another organization's key");
            if (required == Permission.None)
            {
                // Any member: a general member without a single permission is enough.
                await app.SetPermissionsAsync(holderMembership, Permission.None);
                await ExpectAsync(route, general, url, HttpStatusCode.OK, "general user's key without permissions");
                continue;
            }
            await app.SetPermissionsAsync(holderMembership, required is Permission.AccountViewer or Permission.AccountEditor ? required | Permission.ProjectViewer : required);
            await ExpectAsync(route, general, url, HttpStatusCode.OK, $"general user's key with {required}");
            await app.SetPermissionsAsync(holderMembership, PermissionRules.AllGrantable & ~required);
            var body = await ExpectAsync(route, general, url, HttpStatusCode.Forbidden, $"general user's key with everything but {required}");
            if (body is not null && !body.Contains($"\"missingPermission\":\"{required}\"", StringComparison.Ordinal))
            {
                failures.Add($"{url}: the 403 does not name {required}: {body}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        // OK stands for success: opening an inquiry or replying answers 201.
        async Task<string?> ExpectAsync(ApiRoute route, HttpClient client, string url, HttpStatusCode expected, string who)
        {
            using var response = await route.SendAsync(client, url);
            var body = await response.Content.ReadAsStringAsync();
            if (expected == HttpStatusCode.OK ? !response.IsSuccessStatusCode : response.StatusCode != expected)
            {
                failures.Add($"{url} as {who}: expected {(int)expected}, got {(int)response.StatusCode} {body}");
                return null;
            }
            if (expected != HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{url} as {who}: {(int)expected} is not a problem document ({response.Content.Headers.ContentType})");
            }
            if (expected == HttpStatusCode.Unauthorized && !response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer"))
            {
                failures.Add($"{url} as {who}: 401 without WWW-Authenticate: Bearer");
            }
            return body;
        }
    }

    /// <summary>
    /// Two organizations and a user in both. For every organization route, B in the path or B's ids (in the path or the
    /// query) under A answer 404 and no string of B appears in what A's key receives.
    /// </summary>
    [Theory, BothDatabases]
    public async Task EveryApiRoute_WithAnotherOrganizationsIds_Answers404AndLeaksNothing(DatabaseKind db)
    {
        var app = await apps.For(db);
        var a = await app.CreateWorldAsync("apialpha");
        var b = await app.CreateWorldAsync("apibravo");
        var (both, _, _) = await app.CreateMemberAsync(a.OrgId, MemberType.Power);
        await app.AddMemberAsync(b.OrgId, both.Id, MemberType.General, Permission.UserViewer);
        using var onlyA = await app.ApiClientForAsync(a.PowerUser);
        using var inBoth = await app.ApiClientForAsync(both);
        var failures = new List<string>();

        foreach (var route in ApiRoute.All.Where(r => r.IsOrganizationRoute))
        {
            await ExpectNotFoundAsync(route, onlyA, route.Url(b, b), "A's key, B's organization", checkLeaks: true);
            if (route.HasNestedResource)
            {
                await ExpectNotFoundAsync(route, onlyA, route.Url(a, b), "A's key, B's resource under A", checkLeaks: true);
                await ExpectNotFoundAsync(route, inBoth, route.Url(a, b), "member of both, B's resource under A", checkLeaks: false);
            }
        }
        foreach (var (name, url) in ApiRoute.NestedQueries)
        {
            var get = new ApiRoute("GET", name, Permission.None, (_, _) => "");
            await ExpectNotFoundAsync(get, onlyA, url(a, b), $"A's key, B's id in {name}", checkLeaks: true);
            await ExpectNotFoundAsync(get, inBoth, url(a, b), $"member of both, B's id in {name}", checkLeaks: false);
        }
        // Nothing was written into B by the attempts above.
        Assert.Equal(1, await app.WithDbAsync(d => d.InquiryMessages.IgnoreQueryFilters().CountAsync(m => m.OrganizationId == b.OrgId)));
        using var organizations = await onlyA.GetAsync("/api/v1/orgs");
        var list = await organizations.Content.ReadAsStringAsync();
        Assert.Contains(a.OrgId.ToString(), list, StringComparison.Ordinal);
        Assert.DoesNotContain(b.OrgId.ToString(), list, StringComparison.Ordinal);

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        async Task ExpectNotFoundAsync(ApiRoute route, HttpClient client, string url, string who, bool checkLeaks)
        {
            using var response = await route.SendAsync(client, url);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                failures.Add($"{url} ({who}): expected 404, got {(int)response.StatusCode}");
            }
            foreach (var secret in checkLeaks ? b.PrivateStrings.Where(s => !url.Contains(s, StringComparison.OrdinalIgnoreCase)) : [])
            {
                if (body.Contains(secret, StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"{url} ({who}): the body contains B's '{secret}'");
                }
            }
        }
    }

    [Theory, BothDatabases]
    public async Task OrganizationsList_ShowsTypeAndEffectivePermissions(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("apiorgs");
        await app.SetPermissionsAsync(world.GeneralMembershipId, Permission.AccountViewer | Permission.InvoiceViewer);
        using var client = await app.ApiClientForAsync(world.GeneralUser);

        using var response = await client.GetAsync("/api/v1/orgs");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var organization = Assert.Single(json.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(world.OrgId, organization.GetProperty("id").GetGuid());
        Assert.Equal("general", organization.GetProperty("memberType").GetString());
        // Account viewer is inert without Project viewer (SPEC F3), exactly as in the UI.
        Assert.Equal(["InvoiceViewer"], organization.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("nextCursor").ValueKind);
    }

    [Theory, BothDatabases]
    public async Task ApiCall_DoesNotMoveTheBrowsersOrganizationSwitcher(DatabaseKind db)
    {
        var app = await apps.For(db);
        var a = await app.CreateWorldAsync("apiswitch-a");
        var b = await app.CreateWorldAsync("apiswitch-b");
        await app.AddMemberAsync(b.OrgId, a.PowerUser.Id, MemberType.Power);
        using var browser = await app.SignedInClientAsync(a.PowerUser.Email!, a.Password);
        using (await browser.GetAsync($"/orgs/{a.OrgId}"))
        {
        }
        using var api = await app.ApiClientForAsync(a.PowerUser);

        using var response = await api.GetAsync($"/api/v1/orgs/{b.OrgId}/projects");
        var remembered = await app.WithDbAsync(d => d.Users.Where(u => u.Id == a.PowerUser.Id).Select(u => u.CurrentOrganizationId).SingleAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(a.OrgId, remembered);
    }

    [Theory, BothDatabases]
    public async Task Key_OfUserWithoutMfa_InOrganizationEnforcingMfa_Answers403(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("apimfa");
        using var api = await app.ApiClientForAsync(world.PowerUser);
        await app.WithDbAsync(d => d.Organizations.Where(o => o.Id == world.OrgId).ExecuteUpdateAsync(s => s.SetProperty(o => o.EnforceMfa, true)));

        using var response = await api.GetAsync($"/api/v1/orgs/{world.OrgId}/projects");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("multi-factor", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
