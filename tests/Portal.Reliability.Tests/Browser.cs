using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Portal.Reliability.Tests;

/// <summary>
/// An HTTP client with one cookie jar for every node (cookies are per host, not per port, as behind one load
/// balancer), that posts forms the way a browser does (antiforgery token and hidden fields included).
/// </summary>
public sealed class Browser : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient _client;

    public Browser()
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public CookieContainer Cookies { get; }

    public Task<HttpResponseMessage> GetAsync(PortalProcess node, string path) => _client.GetAsync(new Uri(node.BaseAddress, path));

    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetDocumentAsync(PortalProcess node, string path)
    {
        var response = await GetAsync(node, path);
        return (response, await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>GETs the page, fills its <c>main form</c> with <paramref name="values"/> and posts it (on the same node).</summary>
    public async Task<HttpResponseMessage> SubmitAsync(PortalProcess node, string path, IReadOnlyDictionary<string, string> values, string formSelector = "main form")
    {
        var (page, document) = await GetDocumentAsync(node, path);
        if (page.StatusCode != HttpStatusCode.OK)
        {
            return page;
        }
        page.Dispose();
        var form = document.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No {formSelector} on {path}.");
        var fields = form.QuerySelectorAll<IHtmlInputElement>("input[name]")
            .Where(i => i.Type is not ("submit" or "button" or "checkbox" or "radio") && !values.ContainsKey(i.Name!))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Concat(values)
            .ToList();
        var action = form.GetAttribute("action");
        using var content = new FormUrlEncodedContent(fields);
        return await _client.PostAsync(new Uri(node.BaseAddress, string.IsNullOrEmpty(action) ? path : action).ToString(), content);
    }

    /// <summary>Posts the page's <c>main form</c> as multipart with <paramref name="values"/> and one file.</summary>
    public async Task<HttpResponseMessage> SubmitMultipartAsync(PortalProcess node, string path, IReadOnlyDictionary<string, string> values, string fileField, string fileName, byte[] content)
    {
        var (page, document) = await GetDocumentAsync(node, path);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)page.StatusCode}.");
        page.Dispose();
        var form = document.QuerySelector<IHtmlFormElement>("main form") ?? throw new InvalidOperationException($"No form on {path}.");
        using var body = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[name]")
            .Where(i => i.Type is not ("submit" or "button" or "checkbox" or "radio" or "file") && !values.ContainsKey(i.Name!)))
        {
            body.Add(new StringContent(input.Value), input.Name!);
        }
        foreach (var (name, value) in values)
        {
            body.Add(new StringContent(value), name);
        }
        body.Add(new ByteArrayContent(content), fileField, fileName);
        return await _client.PostAsync(new Uri(node.BaseAddress, path).ToString(), body);
    }

    public async Task SignInAsync(PortalProcess node, string email, string password)
    {
        using var response = await SubmitAsync(node, "/signin", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in on {node.Name} answered {(int)response.StatusCode}.");
    }

    /// <summary>Signs in with password and then the TOTP code of <paramref name="authenticatorKey"/> (staff must use MFA).</summary>
    public async Task SignInWithMfaAsync(PortalProcess node, string email, string password, string authenticatorKey)
    {
        using var first = await SubmitAsync(node, "/signin", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        var mfa = first.Headers.Location?.OriginalString ?? "";
        Assert.True(first.StatusCode == HttpStatusCode.Redirect && mfa.Contains("/signin/mfa", StringComparison.Ordinal), $"Sign-in on {node.Name} did not ask for the code ({(int)first.StatusCode} {mfa}).");
        var code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(authenticatorKey)).ComputeTotp(DateTime.UtcNow);
        using var second = await SubmitAsync(node, new Uri(node.BaseAddress, mfa).PathAndQuery, new Dictionary<string, string> { ["Code"] = code }, "#totp-form");
        Assert.True(second.StatusCode == HttpStatusCode.Redirect, $"The MFA step on {node.Name} answered {(int)second.StatusCode}.");
    }

    public void Dispose() => _client.Dispose();
}
