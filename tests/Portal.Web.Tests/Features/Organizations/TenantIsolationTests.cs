using System.Net;
using Portal.Core.Organizations;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Organizations;

public sealed class TenantIsolationTests(PortalApps apps)
{
    /// <summary>
    /// Two organizations, a user in both with different rights, and a user only in A. For every tenant route, a request
    /// that names B (in the path, or through a nested resource of B under A's path) answers 404 and no string of B
    /// appears in the body seen by A's user.
    /// </summary>
    [Theory, BothDatabases]
    public async Task EveryTenantRoute_WithAnotherOrganizationsIds_Answers404AndLeaksNothing(DatabaseKind db)
    {
        var app = await apps.For(db);
        var a = await app.CreateWorldAsync("alpha");
        var b = await app.CreateWorldAsync("bravo");
        var (both, bothPassword, _) = await app.CreateMemberAsync(a.OrgId, MemberType.Power);
        await app.AddMemberAsync(b.OrgId, both.Id, MemberType.General, Permission.UserViewer);
        using var onlyA = await app.SignedInClientAsync(a.PowerUser.Email!, a.Password);
        using var inBoth = await app.SignedInClientAsync(both.Email!, bothPassword);
        var failures = new List<string>();

        foreach (var route in TenantRoute.All)
        {
            await ExpectNotFoundAsync(onlyA, route.Url(b, b), "A's user, B's organization", checkLeaks: true);
            if (route.HasNestedResource)
            {
                await ExpectNotFoundAsync(onlyA, route.Url(a, b), "A's user, B's resource under A", checkLeaks: true);
                await ExpectNotFoundAsync(inBoth, route.Url(a, b), "member of both, B's resource under A", checkLeaks: false);
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        async Task ExpectNotFoundAsync(HttpClient client, string url, string who, bool checkLeaks)
        {
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                failures.Add($"{url} ({who}): expected 404, got {(int)response.StatusCode}");
            }
            foreach (var secret in checkLeaks ? b.PrivateStrings : [])
            {
                if (body.Contains(secret, StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"{url} ({who}): the body contains B's '{secret}'");
                }
            }
        }
    }

    [Theory, BothDatabases]
    public async Task MalformedOrganizationId_Answers404(DatabaseKind db)
    {
        var app = await apps.For(db);
        var a = await app.CreateWorldAsync();
        using var client = await app.SignedInClientAsync(a.PowerUser.Email!, a.Password);

        using var response = await client.GetAsync("/orgs/not-a-guid/members");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
