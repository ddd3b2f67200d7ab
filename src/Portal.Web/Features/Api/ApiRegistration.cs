using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Portal.Web.Auth;

namespace Portal.Web.Features.Api;

/// <summary>The REST API (SPEC F14): <c>/api/v1</c> behind API keys, rate-limited per key, described by OpenAPI.</summary>
public static class ApiRegistration
{
    /// <summary>Any holder of a valid key; what he may see is then decided per organization.</summary>
    public const string KeyHolderPolicy = "ApiKeyHolder";

    public static IServiceCollection AddPortalApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApiOptions>(configuration.GetSection(ApiOptions.Section));
        services.AddAuthorizationBuilder()
            .AddPolicy(KeyHolderPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        services.AddApiRateLimit(configuration);
        services.AddApiDocument();
        return services;
    }

    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/v1")
            .RequireRateLimiting(ApiRateLimit.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithTags("v1");
        var org = v1.MapGroup("/orgs/{orgId:guid}")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapOrganizationsApi(org);
        org.MapChargesApi();
        org.MapInvoicesApi();
        org.MapNoticesApi();
        org.MapInquiriesApi();
        app.MapApiDocument();
        return app;
    }

    /// <summary>
    /// Declares the 200 response as a file of <paramref name="contentType"/> (a binary string in OpenAPI terms), with
    /// an optional text example: the endpoint streams or returns bytes, so nothing describes them otherwise.
    /// </summary>
    public static RouteHandlerBuilder WithFileResponse(this RouteHandlerBuilder builder, string contentType, string? example = null) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= [];
            operation.Responses["200"] = new Microsoft.OpenApi.OpenApiResponse
            {
                Description = "OK",
                Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                {
                    [contentType] = new()
                    {
                        Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, Format = "binary" },
                        Example = example is null ? null : System.Text.Json.Nodes.JsonValue.Create(example),
                    },
                },
            };
            return Task.CompletedTask;
        });

    /// <summary>Sets the example of a success response in the OpenAPI document, serialized as the API serializes it.</summary>
    public static RouteHandlerBuilder WithResponseExample(this RouteHandlerBuilder builder, object example, string status = "200", string contentType = "application/json") =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            var json = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            if (operation.Responses?.TryGetValue(status, out var response) == true && response.Content?.TryGetValue(contentType, out var media) == true)
            {
                media.Example = JsonSerializer.SerializeToNode(example, example.GetType(), json);
            }
            return Task.CompletedTask;
        });
}

/// <summary>The <c>Api</c> configuration section.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Sustained requests per second per key.</summary>
    public int RequestsPerSecond { get; set; } = 10;

    /// <summary>Requests a key may make at once before the sustained rate applies.</summary>
    public int Burst { get; set; } = 50;
}
