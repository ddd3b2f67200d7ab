using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// Drives pages the way a browser would: reads the form (with its antiforgery token and hidden fields), fills in the
/// given values and posts it to its action.
/// </summary>
public static class HtmlForms
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode} {response.Headers.Location}");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>GETs <paramref name="url"/>, fills the form matched by <paramref name="formSelector"/> and posts it.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client, string url, IReadOnlyDictionary<string, string> values, string formSelector = "main form", string? submitName = null, string? submitValue = null)
    {
        var document = await client.GetDocumentAsync(url);
        return await client.SubmitFormAsync(document, url, values, formSelector, submitName, submitValue);
    }

    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client, IHtmlDocument document, string pageUrl, IReadOnlyDictionary<string, string> values, string formSelector = "main form", string? submitName = null, string? submitValue = null)
    {
        var form = document.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {pageUrl}.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[name]"))
        {
            if (input.Type is "submit" or "button" || values.ContainsKey(input.Name!))
            {
                continue;
            }
            if (input.Type is "checkbox" or "radio" && !input.IsChecked)
            {
                continue;
            }
            fields.Add(new(input.Name!, input.Value));
        }
        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select[name]").Where(s => !values.ContainsKey(s.Name!)))
        {
            fields.AddRange(select.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(select.Name!, o.Value)));
        }
        foreach (var textarea in form.QuerySelectorAll<IHtmlTextAreaElement>("textarea[name]").Where(t => !values.ContainsKey(t.Name!)))
        {
            fields.Add(new(textarea.Name!, textarea.Value));
        }
        fields.AddRange(values);
        if (submitName is not null)
        {
            fields.Add(new(submitName, submitValue ?? ""));
        }
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? pageUrl : action;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(target, content);
    }

    public static string Text(this IParentNode document, string selector) =>
        document.QuerySelector(selector)?.TextContent.Trim() ?? throw new InvalidOperationException($"Nothing matches '{selector}'.");
}
