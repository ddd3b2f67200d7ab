using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Infrastructure;
using Spectre.Console;

namespace Portal.Cli.Commands;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply the database migrations of the configured provider (SQLite or PostgreSQL).");
        command.SetAction((_, ct) => CliHost.RunAsync(async (services, token) =>
        {
            var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
            AnsiConsole.MarkupLine(applied.Count == 0
                ? "[green]The database is up to date.[/]"
                : $"[green]Applied {applied.Count} migration(s):[/] {Markup.Escape(string.Join(", ", applied))}");
            if (KeyRing.EnsureKey(services))
            {
                AnsiConsole.MarkupLine("[green]Created the first data-protection key.[/]");
            }
            return 0;
        }, ct));
        return command;
    }
}
