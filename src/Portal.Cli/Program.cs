using System.CommandLine;
using Portal.Cli.Commands;

var root = new RootCommand("portal: operate the Members Portal (database, demo data, billing, invoices).")
{
    MigrateCommand.Create(),
    DemoCommand.Create(),
    SourceCommand.Create(),
    IngestCommand.Create(),
    FactsCommand.Create(),
    GenerateCurCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
