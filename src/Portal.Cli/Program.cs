using System.CommandLine;
using Portal.Cli.Commands;

namespace Portal.Cli;

/// <summary>The <c>portal</c> command: operate the Members Portal from a shell or a script.</summary>
internal static class PortalCommand
{
    public static Task<int> Main(string[] args) => BuildRoot().Parse(args).InvokeAsync();

    public static RootCommand BuildRoot() => new("portal: operate the Members Portal (database, demo data, billing, invoices).")
    {
        MigrateCommand.Create(),
        DemoCommand.Create(),
        OrganizationCommands.CreateOrg(),
        OrganizationCommands.Invite(),
        SourceCommand.Create(),
        IngestCommand.Create(),
        FactsCommand.Create(),
        GenerateCurCommand.Create(),
        WorkerCommand.Create(),
        StaffCommand.Create(),
        ApiKeyCommand.Create(),
        ProjectCommands.Project(),
        ProjectCommands.Account(),
        CloseMonthCommand.Create(),
        KeysCommand.Create(),
    };
}
