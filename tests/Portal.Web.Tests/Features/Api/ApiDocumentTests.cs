using System.Net;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Api;

public sealed partial class ApiDocumentTests(PortalApps apps)
{
    /// <summary>The document parses without errors, lists every API route with a summary and an example, and declares bearer auth.</summary>
    [Fact]
    public async Task OpenApiDocument_ParsesAndListsEveryRoute()
    {
        var app = await apps.For(DatabaseKind.Sqlite);
        using var client = app.NewClient();

        using var response = await client.GetAsync("/openapi/v1.json");
        await using var stream = await response.Content.ReadAsStreamAsync();
        var settings = new OpenApiReaderSettings();
        var result = await OpenApiDocument.LoadAsync(stream, "json", settings);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(result.Diagnostic?.Errors ?? []);
        var document = result.Document!;
        Assert.StartsWith("3.", result.Diagnostic!.SpecificationVersion.ToString().Replace("OpenApi", "", StringComparison.Ordinal).Replace('_', '.'), StringComparison.Ordinal);
        Assert.Contains("bearer", document.Components!.SecuritySchemes!.Keys);
        var operations = document.Paths.SelectMany(p => p.Value.Operations!.Select(o => (Key: $"{o.Key.Method.ToUpperInvariant()} {Normalize(p.Key)}", Operation: o.Value))).ToList();
        var expected = ApiRoute.All.Select(r => $"{r.Method} {Normalize(r.Template)}").ToList();
        Assert.Equal(expected.Order(), operations.Select(o => o.Key).Order());
        foreach (var (key, operation) in operations)
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.Summary), $"{key} has a summary");
            Assert.False(string.IsNullOrWhiteSpace(operation.Description), $"{key} has a description");
            // JSON and CSV answers carry an example; the PDF is declared by its media type.
            var success = operation.Responses!.TryGetValue("201", out var created) ? created : operation.Responses["200"];
            var (mediaType, media) = Assert.Single(success.Content!, c => c.Key is "application/json" or "text/csv; charset=utf-8" or "application/pdf");
            Assert.True(mediaType == "application/pdf" || media.Example is not null, $"{key} has an example");
            Assert.True(operation.Responses.ContainsKey("401") && operation.Responses.ContainsKey("429"), $"{key} documents 401 and 429");
        }
    }

    /// <summary>The reference page runs from the package's own assets under a CSP whose only relaxation is the page's nonce and styles.</summary>
    [Fact]
    public async Task ReferencePage_ServesLocalAssetsUnderANonceCsp()
    {
        var app = await apps.For(DatabaseKind.Sqlite);
        using var client = app.NewClient();

        using var response = await client.GetAsync("/docs/api/");
        var html = await response.Content.ReadAsStringAsync();
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = NonceAttribute().Match(html).Groups[1].Value;
        var sources = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(nonce);
        Assert.Contains($"script-src 'self' 'nonce-{nonce}'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("http", string.Join(" ", sources), StringComparison.Ordinal);
        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            using var asset = await client.GetAsync(new Uri(new Uri("http://localhost/docs/api/"), source));
            Assert.True(asset.StatusCode == HttpStatusCode.OK, $"{source} answered {(int)asset.StatusCode}");
        }
        using var other = await client.GetAsync("/signin");
        Assert.DoesNotContain("nonce", other.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private static string Normalize(string template) => "/" + RouteConstraint().Replace(template.TrimStart('/'), "}");

    [GeneratedRegex(":[a-z]+}")]
    private static partial Regex RouteConstraint();

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex NonceAttribute();

    [GeneratedRegex("<script[^>]* src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
