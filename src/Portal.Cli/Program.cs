using System.CommandLine;
using Portal.Cli.Commands;

<<<<<<< HEAD
namespace Portal.Cli;
=======
var root = new RootCommand("portal: operate the Members Portal (database, demo data, billing, invoices).")
{
    MigrateCommand.Create(),
    DemoCommand.Create(),
    SourceCommand.Create(),
    IngestCommand.Create(),
    FactsCommand.Create(),
    GenerateCurCommand.Create(),
};
>>>>>>> ingest

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
    };
}
