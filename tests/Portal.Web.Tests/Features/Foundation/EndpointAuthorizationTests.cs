using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Foundation;

public sealed class EndpointAuthorizationTests(PortalApps apps)
{
    /// <summary>
    /// Every page and API endpoint says who may reach it: an authorization requirement or an explicit anonymous marker.
    /// The fallback policy would catch a forgotten one, but a route without a declaration is a review smell.
    /// </summary>
    [Fact]
    public async Task EveryEndpointDeclaresAuthorization()
    {
        var app = await apps.For(DatabaseKind.Sqlite);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var undeclared = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            .Select(e => e.RoutePattern.RawText ?? e.DisplayName)
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.True(undeclared.Count == 0, "Endpoints without an authorization declaration: " + string.Join(", ", undeclared));
    }
}
