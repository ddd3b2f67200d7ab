using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Features.Demo;
using Portal.Web.Infrastructure;
using Spectre.Console;

namespace Portal.Cli.Commands;

internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Fill an empty database with demo organizations, users, projects and AWS accounts.");
        command.SetAction((_, ct) => CliHost.RunAsync(async (services, token) =>
        {
            DemoSeedResult? result = null;
            await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
            {
                var migrate = progress.AddTask("Migrating the database", maxValue: 1);
                await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
                migrate.Increment(1);
                var seed = progress.AddTask("Creating demo data", maxValue: 1);
                result = await services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(token);
                seed.Increment(1);
            });
            var url = services.GetRequiredService<IConfiguration>()["PublicUrls:Portal"] ?? "http://localhost:5080";
            Console.WriteLine(result!.Describe(url));
            return 0;
        }, ct));
        return command;
    }
}
