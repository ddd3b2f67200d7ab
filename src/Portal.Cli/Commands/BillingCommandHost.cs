using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Billing;
using Portal.Core.Data;
using Portal.Web.Infrastructure;

namespace Portal.Cli.Commands;

/// <summary>
/// <see cref="CliHost"/> plus the billing engine. Once the shared <c>AddPortalServices</c> registers
/// <c>AddPortalBilling</c>, the billing commands can use <see cref="CliHost"/> directly.
/// </summary>
internal static class BillingCommandHost
{
    public static async Task<int> RunAsync(Func<IServiceProvider, CancellationToken, Task<int>> work, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            DisableDefaults = true,
        });
        builder.Configuration.AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPortalServices(builder.Configuration);
        builder.Services.AddPortalBilling(builder.Configuration);
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        // The embedded default migrates itself (as the web app does); PostgreSQL is migrated by `portal migrate`.
        if (scope.ServiceProvider.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Sqlite)
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        }
        return await work(scope.ServiceProvider, ct);
    }
}
