using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Tests.Features.Api;
using Portal.Web.Tests.Features.Organizations;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Hardening;

/// <summary>
/// Every form the portal shows and every API endpoint, posted (or queried) with hostile values: oversized, empty,
/// wrong-type, Unicode-tricky (bidi override, zero-width, NUL, invalid UTF-8 from surrogate halves, 10,000 emoji) and
/// script. The answer is never a 5xx, an error answer carries a message, and the script never comes back unescaped.
/// Forms are discovered in the pages (the tenant route table, every parameterless page for anonymous users, the power
/// user and staff), so a form added later is covered without touching this test.
/// </summary>
public sealed class HostileInputTests(PortalApps apps)
{
    private const string Marker = "xss-7d1";

    /// <summary>Name and the value as it goes on the wire (already percent-encoded: some payloads are not valid UTF-8).</summary>
    private static readonly (string Name, string Wire)[] Payloads =
    [
        ("empty", ""),
        ("oversized", new string('a', 100_000)),
        ("wrong-type", Uri.EscapeDataString("-1e309")),
        ("huge-number", "99999999999999999999999999999"),
        ("rtl-override", Uri.EscapeDataString("abc\u202egpj.exe\u2066x")),
        ("zero-width", Uri.EscapeDataString("a\u200bb\u200d\ufeff@example.com")),
        ("nul", "a%00b"),
        // UTF-16 surrogate halves as a UTF-8 encoder that does not check them would write (CESU-8), and a cut sequence.
        ("surrogate-halves", "a%ED%A0%80b%ED%B0%80c%F0%9F"),
        ("10k-emoji", string.Concat(Enumerable.Repeat(Uri.EscapeDataString("😀"), 10_000))),
        ("script", Uri.EscapeDataString($"\"'><script>alert('{Marker}')</script><img src=x onerror=alert('{Marker}')>")),
    ];

    private static readonly string[] NeverPost = ["signout", "sign-out", "logout"];

    [Theory, BothDatabases]
    public async Task EveryForm_PostedWithHostileValues_NeverFailsOrReflectsScript(DatabaseKind db)
    {
        // A portal of its own: the sweep saves whatever passes validation, staff-wide settings included (issuer,
        // rating rules, exchange rates), which would change the figures of tests running beside it.
        await using var app = await PortalApp.StartAsync(db, apps.Mail);
        var world = await app.CreateWorldAsync("hostile");
        var parameterless = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count == 0)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(t => !t.StartsWith("/api", StringComparison.Ordinal) && !t.StartsWith("/hangfire", StringComparison.Ordinal) && !t.StartsWith("/error", StringComparison.Ordinal))
            .Distinct().Order().ToList();
        var failures = new List<string>();
        var posted = new HashSet<string>();
        var posts = 0;

        using (var anonymous = app.NewClient())
        {
            await SweepAsync(anonymous, parameterless.Where(p => !p.StartsWith("/staff", StringComparison.Ordinal)), "anonymous", () => Task.FromResult(app.NewClient()));
        }
        await SweepAsync(await SignInPowerAsync(),
            parameterless.Where(p => !p.StartsWith("/staff", StringComparison.Ordinal)).Concat(TenantRoute.All.Select(r => r.Url(world, world))), "power user", SignInPowerAsync);
        var (_, staff) = await app.SignedInStaffAsync();
        await SweepAsync(staff, parameterless.Where(p => p.StartsWith("/staff", StringComparison.Ordinal)), "staff", async () => (await app.SignedInStaffAsync()).Client);

        TestContext.Current.TestOutputHelper?.WriteLine($"{posts} hostile posts to {posted.Count} forms: {string.Join(", ", posted.Order())}");
        Assert.True(failures.Count == 0, $"{failures.Count} hostile posts failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(60))}");
        // The sweep must have reached the forms: sign-in, the organization and project settings, inquiries, staff pages.
        Assert.True(posted.Count >= 25, $"only {posted.Count} forms were posted: {string.Join(", ", posted)}");

        Task<HttpClient> SignInPowerAsync() => app.SignedInClientAsync(world.PowerUser.Email!, world.Password);

        async Task SweepAsync(HttpClient client, IEnumerable<string> pages, string who, Func<Task<HttpClient>> signIn)
        {
            foreach (var page in pages)
            {
                var document = await GetHtmlAsync(client, page);
                if (document is null)
                {
                    // A post before may have ended the session (for example a security-stamp change): sign in again.
                    client.Dispose();
                    client = await signIn();
                    document = await GetHtmlAsync(client, page);
                }
                if (document is null)
                {
                    continue;
                }
                foreach (var (form, index) in document.QuerySelectorAll<IHtmlFormElement>("form").Select((f, i) => (f, i)))
                {
                    if (!string.Equals(form.Method, "post", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }
                    var action = Resolve(page, form.GetAttribute("action") is { Length: > 0 } a ? a : page);
                    foreach (var (target, submitName, submitValue) in Submits(form, action))
                    {
                        if (NeverPost.Any(n => target.Contains(n, StringComparison.OrdinalIgnoreCase)) || !posted.Add($"{who} {target} {submitName}={submitValue}"))
                        {
                            continue;
                        }
                        foreach (var (name, wire) in Payloads)
                        {
                            // The token is read again per post: a successful post may redirect and a page may rotate it.
                            var fresh = await GetHtmlAsync(client, page);
                            var token = fresh?.QuerySelectorAll<IHtmlFormElement>("form").ElementAtOrDefault(index)?.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
                                ?? form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value;
                            var body = string.Join('&', Fields(form).Select(f => Uri.EscapeDataString(f) + "=" + wire)
                                .Append("__RequestVerificationToken=" + Uri.EscapeDataString(token ?? ""))
                                .Concat(submitName is null ? Array.Empty<string>() : [Uri.EscapeDataString(submitName) + "=" + Uri.EscapeDataString(submitValue ?? "")]));
                            using var content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded");
                            await CheckAsync(() => client.PostAsync(target, content), $"{who} POST {target} [{submitName}] {name}");
                        }
                        // One hostile field at a time, the others plausible: a value that gets past validation must also
                        // get past the database (PostgreSQL refuses NUL in text) and the pages that show it again.
                        var token1 = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value ?? "";
                        foreach (var field in Fields(form))
                        {
                            foreach (var (name, wire) in Payloads.Where(p => p.Name is "nul" or "script" or "surrogate-halves" or "10k-emoji" or "rtl-override"))
                            {
                                var body = string.Join('&', Plausible(form).Select(f => Uri.EscapeDataString(f.Key) + "=" + (f.Key == field ? wire : Uri.EscapeDataString(f.Value)))
                                    .Append("__RequestVerificationToken=" + Uri.EscapeDataString(token1))
                                    .Concat(submitName is null ? Array.Empty<string>() : [Uri.EscapeDataString(submitName) + "=" + Uri.EscapeDataString(submitValue ?? "")]));
                                using var content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded");
                                await CheckAsync(() => client.PostAsync(target, content), $"{who} POST {target} [{submitName}] {field}={name}");
                            }
                        }
                        // What the hostile posts left behind must still show without error (stored script shown escaped).
                        await CheckAsync(() => client.GetAsync(page), $"{who} GET {page} after the posts");
                    }
                }
            }
        }

        async Task CheckAsync(Func<Task<HttpResponseMessage>> send, string what)
        {
            posts++;
            try
            {
                using var response = await send();
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{what}: {(int)response.StatusCode}");
                }
                else if ((int)response.StatusCode >= 400 && text.Trim().Length == 0)
                {
                    failures.Add($"{what}: {(int)response.StatusCode} without a message");
                }
                if (InjectedMarkup(text) is { } injected)
                {
                    failures.Add($"{what}: the script came back unescaped: {injected}");
                }
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                failures.Add($"{what}: {e.GetType().Name} {e.Message}");
            }
        }
    }

    [Theory, BothDatabases]
    public async Task EveryApiEndpoint_QueriedWithHostileValues_AnswersAProblemNeverA5xx(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("hostile-api");
        using var api = await app.ApiClientForAsync(world.PowerUser);
        var failures = new List<string>();
        var tried = 0;

        foreach (var route in ApiRoute.All)
        {
            var sample = route.Url(world, world);
            var (path, query) = sample.Split('?') is [var p, var q] ? (p, q) : (sample, "");
            // Every query parameter of the sample, plus paging, gets each payload in turn; then the path's own ids.
            var names = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(kv => kv.Split('=')[0]).Concat(["cursor", "limit", "projectId", "accountId"]).Distinct().ToList();
            foreach (var name in names)
            {
                foreach (var (payload, wire) in Payloads)
                {
                    var others = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(kv => kv.Split('=')[0] != name);
                    var url = path + "?" + string.Join('&', others.Append(name + "=" + wire));
                    tried++;
                    await ExpectAsync(url, $"{route} {name}={payload}");
                }
            }
            // NUL in the path is left out: the in-memory test server refuses to build such a request; Kestrel answers 400
            // to it before the portal sees it (docs/security.md).
            foreach (var (payload, wire) in Payloads.Where(p => p.Wire.Length is > 0 and < 1_000 && p.Name != "nul"))
            {
                tried++;
                await ExpectAsync(path.Replace(world.OrgId.ToString(), wire, StringComparison.Ordinal) + (query.Length > 0 ? "?" + query : ""), $"{route} orgId={payload}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} hostile API calls failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(60))}");
        Assert.True(tried >= ApiRoute.All.Count * Payloads.Length);

        async Task ExpectAsync(string url, string what)
        {
            try
            {
                using var response = await api.GetAsync(url);
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{what}: {(int)response.StatusCode}");
                }
                else if ((int)response.StatusCode >= 400 && (int)response.StatusCode != 404 && !text.Contains("\"title\"", StringComparison.Ordinal))
                {
                    failures.Add($"{what}: {(int)response.StatusCode} without a problem document");
                }
                if (text.Contains($"<script>alert('{Marker}')", StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"{what}: the script came back unescaped");
                }
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                failures.Add($"{what}: {e.GetType().Name} {e.Message}");
            }
        }
    }

    /// <summary>
    /// Markup the payload made in the page: a script element or an event-handler attribute carrying the marker. The
    /// payload shown as text (even with its quotes unencoded, as Markdown output has them) is harmless and not reported.
    /// </summary>
    private static string? InjectedMarkup(string html)
    {
        if (!html.Contains(Marker, StringComparison.Ordinal))
        {
            return null;
        }
        var document = new HtmlParser().ParseDocument(html);
        var script = document.QuerySelectorAll("script").FirstOrDefault(e => e.TextContent.Contains(Marker, StringComparison.Ordinal));
        if (script is not null)
        {
            return script.OuterHtml;
        }
        var handler = document.All.FirstOrDefault(e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) && a.Value.Contains(Marker, StringComparison.Ordinal)));
        return handler?.OuterHtml;
    }

    /// <summary>The page's HTML when it answers 200 with HTML; null otherwise (a CSV, a PDF, a redirect to sign in).</summary>
    private static async Task<IHtmlDocument?> GetHtmlAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
        {
            return null;
        }
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Every field a browser would send, except the antiforgery token (sent as read) and the buttons.</summary>
    private static IEnumerable<string> Fields(IHtmlFormElement form) =>
        form.QuerySelectorAll("input[name], textarea[name], select[name]")
            .Where(e => e.GetAttribute("type") is not ("submit" or "button" or "file" or "image" or "reset"))
            .Select(e => e.GetAttribute("name")!)
            .Where(n => n != "__RequestVerificationToken")
            .Distinct();

    /// <summary>Each field with a value that passes for its type: the page's own value, else one made up from the input type.</summary>
    private static List<KeyValuePair<string, string>> Plausible(IHtmlFormElement form)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = element.GetAttribute("name")!;
            var type = element.GetAttribute("type") ?? "";
            if (name == "__RequestVerificationToken" || type is "submit" or "button" or "file" or "image" or "reset"
                || type is "checkbox" or "radio" && !element.HasAttribute("checked") || values.Any(v => v.Key == name && type is not "checkbox"))
            {
                continue;
            }
            var value = element switch
            {
                IHtmlSelectElement select => select.Options.FirstOrDefault(o => o.IsSelected && o.Value.Length > 0)?.Value ?? select.Options.FirstOrDefault(o => o.Value.Length > 0)?.Value ?? "",
                IHtmlTextAreaElement area => area.Value,
                _ => element.GetAttribute("value") ?? "",
            };
            if (value.Length == 0)
            {
                value = type switch
                {
                    "email" => "hostile@test.example",
                    "number" => "1",
                    "date" => "2026-10-01",
                    "month" => "2026-10",
                    "tel" => "03-1234-5678",
                    "url" => "https://example.com/",
                    "password" => "Hostile#Passw0rd-2026",
                    _ => name.Contains("email", StringComparison.OrdinalIgnoreCase) ? "hostile@test.example"
                        : name.Contains("month", StringComparison.OrdinalIgnoreCase) ? "2026-10" : "hostile test",
                };
            }
            values.Add(new(name, value));
        }
        return values;
    }

    /// <summary>A form's action as a browser resolves it against the page (<c>?handler=X</c>, relative paths).</summary>
    private static string Resolve(string page, string target) => new Uri(new Uri("http://localhost" + page), target).PathAndQuery;

    /// <summary>The form's submit buttons: each may post elsewhere (<c>formaction</c>) or name a handler.</summary>
    private static List<(string Target, string? Name, string? Value)> Submits(IHtmlFormElement form, string action)
    {
        var buttons = form.QuerySelectorAll("button, input[type=submit]")
            .Where(b => b.GetAttribute("type") is null or "submit")
            .Select(b => (Target: b.GetAttribute("formaction") is { Length: > 0 } f ? Resolve(action, f) : action, Name: b.GetAttribute("name"), Value: b.GetAttribute("value")))
            .Distinct().ToList();
        if (buttons.Count == 0)
        {
            buttons.Add((action, null, null));
        }
        // The same form posted without its handler (as a crawler does): no page may render unloaded.
        foreach (var (target, _, _) in buttons.Where(b => b.Target.Contains("handler=", StringComparison.Ordinal)).ToList())
        {
            var bare = target.Split('?')[0];
            if (!buttons.Any(b => b.Target == bare))
            {
                buttons.Add((bare, null, null));
            }
        }
        return buttons;
    }
}
