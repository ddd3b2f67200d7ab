using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Web.Infrastructure;

namespace Portal.Cli;

/// <summary>
/// The services of the portal, without the web server: the same configuration keys (<c>appsettings.json</c> in the
/// working folder, then environment variables such as <c>Database__Provider</c> and <c>ConnectionStrings__Portal</c>).
/// </summary>
internal static class CliHost
{
    public static IHost Build()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            DisableDefaults = true,
        });
        builder.Configuration
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPortalServices(builder.Configuration);
        // The nodes' shared key ring: `portal migrate` creates its first key, `portal keys` rotates it.
        builder.Services.AddPortalDataProtection();
        return builder.Build();
    }

    /// <summary>Runs <paramref name="work"/> in a fresh service scope of a fresh host.</summary>
    public static async Task<int> RunAsync(Func<IServiceProvider, CancellationToken, Task<int>> work, CancellationToken ct)
    {
        using var host = Build();
        await using var scope = host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider, ct);
    }
}
