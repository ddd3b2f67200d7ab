using System.Net;

namespace Portal.Web.Tests.Infrastructure;

public static class SignIns
{
    /// <summary>Signs in through the sign-in form and returns the client holding the cookie.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this PortalApp app, string email, string password)
    {
        var client = app.NewClient();
        using var response = await client.SubmitFormAsync("/signin", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in of {email} answered {(int)response.StatusCode}.");
        return client;
    }
}
