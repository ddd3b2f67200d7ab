using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>A file a test uploads: the name and type the browser would send, and the bytes.</summary>
public sealed record UploadFile(string FileName, string ContentType, byte[] Content);

/// <summary>Posts a page's form as multipart/form-data with files, keeping its antiforgery token and hidden fields.</summary>
public static class MultipartForms
{
    public static async Task<HttpResponseMessage> SubmitMultipartAsync(
        this HttpClient client, string url, IReadOnlyDictionary<string, string> values, IReadOnlyList<UploadFile> files,
        string formSelector = "main form", IReadOnlyList<KeyValuePair<string, string>>? extra = null)
    {
        var document = await client.GetDocumentAsync(url);
        var form = document.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No form '{formSelector}' on {url}.");
        using var content = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden][name]").Where(i => !values.ContainsKey(i.Name!)))
        {
            content.Add(new StringContent(input.Value), input.Name!);
        }
        foreach (var (name, value) in values.Concat(extra ?? []))
        {
            content.Add(new StringContent(value), name);
        }
        foreach (var file in files)
        {
            var part = new ByteArrayContent(file.Content);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
            content.Add(part, "Files", file.FileName);
        }
        var action = form.GetAttribute("action");
        return await client.PostAsync(string.IsNullOrEmpty(action) ? url : action, content);
    }
}
