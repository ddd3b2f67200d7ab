using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Identity;
using Portal.Web.Tests.Infrastructure;
using static Portal.Web.Tests.Features.Account.AccountSteps;

namespace Portal.Web.Tests.Features.Account;

/// <summary>Measures answer times, so it runs alone (in the non-parallel collection) rather than beside a busy suite.</summary>
[Collection(ClockSensitive.Name)]
public sealed class SignInTimingTests(PortalApps apps)
{
    [Theory, BothDatabases]
    public async Task SignIn_UnknownAndKnownEmail_TakeAboutTheSameTime(DatabaseKind db)
    {
        var app = await apps.For(db);
        // At the tests' cheap hashing cost the hash would be lost in the noise; at a real cost it dominates the
        // answer, so skipping it for unknown emails would show as a many-fold difference.
        await using var slow = app.WithWebHostBuilder(b => b.ConfigureServices(services =>
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 200_000)));
        var email = $"timing-{Guid.NewGuid():N}@test.example";
        await using (var scope = slow.Services.CreateAsyncScope())
        {
            var user = new PortalUser { Id = Guid.CreateVersion7(), UserName = email, Email = email, DisplayName = "Timing", CreatedAt = app.Clock.GetUtcNow() };
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().CreateAsync(user, "Test#Passw0rd-Long")).Succeeded);
        }
        using var client = slow.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetDocumentAsync("/signin");
        async Task<TimeSpan> TimeAsync(string address)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            using var response = await client.SubmitFormAsync(page, "/signin", Form(("Email", address), ("Password", "Wrong#Passw0rd-1")));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return watch.Elapsed;
        }
        await TimeAsync(email);

        var known = new List<TimeSpan>();
        var unknown = new List<TimeSpan>();
        for (var i = 0; i < 7; i++)
        {
            known.Add(await TimeAsync(email));
            unknown.Add(await TimeAsync($"nobody-{Guid.NewGuid():N}@test.example"));
        }

        // The fastest of interleaved tries: a busy machine only ever adds time, so the minimum is the cost itself.
        var ratio = Fastest(unknown) / Fastest(known);
        Assert.InRange(ratio, 0.5, 2.0);
    }

    private static double Fastest(List<TimeSpan> values) => values.Min(v => v.TotalMilliseconds);
}
