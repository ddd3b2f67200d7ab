using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Organizations;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Organizations;

public sealed class PermissionMatrixTests(PortalApps apps)
{
    [Fact]
    public async Task TenantRouteTable_CoversEveryOrganizationRoute()
    {
        var app = await apps.For(DatabaseKind.Sqlite);
        var templates = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText?.TrimStart('/') ?? "")
            // API routes have their own table (Features/Api/ApiRoutes.cs), with keys instead of cookies.
            .Where(t => t.Contains("{orgId", StringComparison.Ordinal) && !t.StartsWith("api/", StringComparison.Ordinal))
            .Distinct().ToList();

        var missing = templates.Except(TenantRoute.All.Select(r => r.Template)).ToList();
        var stale = TenantRoute.All.Select(r => r.Template).Except(templates).ToList();

        Assert.True(missing.Count == 0, "Organization routes missing from TenantRoute.All: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "TenantRoute.All lists routes that no longer exist: " + string.Join(", ", stale));
    }

    /// <summary>
    /// Route × user type × permission → status: power users open everything; a general user opens a route with exactly
    /// its permission and gets the access-denied 403 with every other permission; a stranger gets 404; anonymous users
    /// are sent to sign in.
    /// </summary>
    [Theory, BothDatabases]
    public async Task EveryTenantRoute_ByUserTypeAndPermission_AnswersAsDeclared(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("matrix");
        var stranger = await app.CreateWorldAsync("stranger");
        using var power = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);
        using var strangerClient = await app.SignedInClientAsync(stranger.PowerUser.Email!, stranger.Password);
        using var anonymous = app.NewClient();
        var (holder, holderPassword, holderMembership) = await app.CreateMemberAsync(world.OrgId, MemberType.General);
        using var general = await app.SignedInClientAsync(holder.Email!, holderPassword);
        var failures = new List<string>();

        foreach (var route in TenantRoute.All)
        {
            var url = route.Url(world, world);
            await ExpectAsync(power, url, HttpStatusCode.OK, "power user");
            await ExpectAsync(strangerClient, url, HttpStatusCode.NotFound, "member of another organization");
            await ExpectAsync(anonymous, url, HttpStatusCode.Redirect, "anonymous");
            if (route.Required == Permission.None)
            {
                await app.SetPermissionsAsync(holderMembership, Permission.None);
                await ExpectAsync(general, url, HttpStatusCode.OK, "general user without permissions");
            }
            else if (route.Required == Permission.ManageOrganization)
            {
                await app.SetPermissionsAsync(holderMembership, PermissionRules.AllGrantable);
                await ExpectAsync(general, url, HttpStatusCode.Forbidden, "general user with every grantable permission");
            }
            else
            {
                await app.SetPermissionsAsync(holderMembership, WithProjectViewerWhereNeeded(route.Required));
                await ExpectAsync(general, url, HttpStatusCode.OK, $"general user with {route.Required}");
                await app.SetPermissionsAsync(holderMembership, PermissionRules.AllGrantable & ~route.Required);
                await ExpectAsync(general, url, HttpStatusCode.Forbidden, $"general user with everything but {route.Required}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        async Task ExpectAsync(HttpClient client, string url, HttpStatusCode expected, string who)
        {
            using var response = await client.GetAsync(url);
            if (response.StatusCode != expected)
            {
                failures.Add($"{url} as {who}: expected {(int)expected}, got {(int)response.StatusCode}");
            }
        }
    }

    [Theory, BothDatabases]
    public async Task AccountViewer_WithoutProjectViewer_GrantsNothing(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync();
        var (user, password, _) = await app.CreateMemberAsync(world.OrgId, MemberType.General, Permission.AccountViewer | Permission.AccountEditor);

        var effective = PermissionRules.Effective(MemberType.General, Permission.AccountViewer | Permission.AccountEditor);
        using var client = await app.SignedInClientAsync(user.Email!, password);
        var home = await client.GetDocumentAsync($"/orgs/{world.OrgId}");

        Assert.Equal(Permission.None, effective);
        Assert.Null(home.QuerySelector($"a[href='/orgs/{world.OrgId}/accounts']"));
    }

    private static Permission WithProjectViewerWhereNeeded(Permission permission) =>
        permission is Permission.AccountViewer or Permission.AccountEditor ? permission | Permission.ProjectViewer : permission;
}
