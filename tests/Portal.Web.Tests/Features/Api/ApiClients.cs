using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Identity;
using Portal.Web.Features.Account;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Api;

public static class ApiClients
{
    /// <summary>Issues a key for <paramref name="userId"/> the way the user page does and returns it.</summary>
    public static async Task<string> IssueKeyAsync(this PortalApp app, Guid userId, string? name = null)
    {
        IssueApiKeyOutcome? outcome = null;
        await app.WithServicesAsync(async services =>
            outcome = await services.GetRequiredService<IssueApiKey>().HandleAsync(userId, name ?? $"key-{Guid.NewGuid():N}", null, CancellationToken.None));
        Assert.True(outcome!.Issued, string.Join("; ", outcome.Errors.Values));
        return outcome.Key!;
    }

    /// <summary>A client without cookies that sends <paramref name="key"/> as its bearer token.</summary>
    public static HttpClient ApiClient(this PortalApp app, string? key)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    public static async Task<HttpClient> ApiClientForAsync(this PortalApp app, PortalUser user) => app.ApiClient(await app.IssueKeyAsync(user.Id));
}
