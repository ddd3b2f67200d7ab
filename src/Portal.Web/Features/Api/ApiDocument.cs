using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Portal.Web.Features.Api;

/// <summary>
/// The OpenAPI 3 document of <c>/api/v1</c> at <c>/openapi/v1.json</c> (Microsoft.AspNetCore.OpenApi) and a browsable
/// reference at <c>/docs/api</c> (Scalar, assets served from the package). Both are public: they describe the API, not
/// anyone's data.
/// </summary>
public static class ApiDocument
{
    public const string DocumentName = "v1";
    public const string ReferencePath = "/docs/api";
    public const string BearerScheme = "bearer";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Members Portal API",
                    Version = "v1",
                    Description =
                        "Read your organizations, projects, AWS accounts, charges, usage CSVs, invoices (with their PDFs) and notices; read, " +
                        "open and answer inquiries (attachments only in the portal). Authenticate with a personal API key from your " +
                        "user page (ID → API keys) sent as `Authorization: Bearer <key>`; a key has its user's permissions in each " +
                        "organization. Errors are RFC 9457 problem details: 400 with field errors, 401 without a valid key, 403 naming " +
                        "the missing permission (`missingPermission`), 404 for anything outside your organizations, 429 with Retry-After " +
                        "(default 10 requests/s per key, bursts of 50). Lists are paged with an opaque `cursor` and `limit` (1–200).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A personal API key (mpk_…) issued on the user page.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
                return Task.CompletedTask;
            });
        });

    public static void MapApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, o =>
            {
                o.WithTitle("Members Portal API")
                    .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                    .AddDocument(DocumentName)
                    .DisableDefaultFonts()
                    .WithNonce();
                // Nothing on the page may call out: no telemetry, no hosted AI chat, no vendor toolbar.
                o.Telemetry = false;
                o.ShowDeveloperTools = DeveloperToolsVisibility.Never;
                o.Agent = new ScalarAgentOptions { Disabled = true };
                o.DotNetFlag = false;
            })
            .AllowAnonymous();
    }

    /// <summary>
    /// The reference page is the one place that runs an inline module script (Scalar's start-up, with a fresh nonce per
    /// response) and injects styles at run time; its CSP allows exactly that, everything else keeps the strict policy.
    /// </summary>
    public static IApplicationBuilder UseApiReferencePolicy(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(ReferencePath))
            {
                context.Response.OnStarting(() =>
                {
                    if (context.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var nonce) && nonce is string value)
                    {
                        context.Response.Headers.ContentSecurityPolicy =
                            $"default-src 'self'; script-src 'self' 'nonce-{value}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                            "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
                    }
                    return Task.CompletedTask;
                });
            }
            await next(context);
        });
}
