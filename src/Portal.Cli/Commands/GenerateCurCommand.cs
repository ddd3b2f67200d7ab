using System.CommandLine;
using Portal.Billing;
using Portal.Billing.Synthetic;
using Portal.Core.Billing;

namespace Portal.Cli.Commands;

/// <summary><c>portal generate-cur --format F --accounts N --rows N --out DIR</c>: writes one synthetic month.</summary>
internal static class GenerateCurCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "cur-csv|cur-parquet|cur2|focus", Required = true };
        var accounts = new Option<int>("--accounts") { Description = "How many usage accounts.", DefaultValueFactory = _ => 5 };
        var rows = new Option<long>("--rows") { Description = "How many lines.", DefaultValueFactory = _ => 100_000 };
        var output = new Option<string>("--out") { Description = "The folder to write into (a source location).", Required = true };
        var month = new Option<string?>("--month") { Description = "YYYY-MM (default: last month)." };
        var payer = new Option<string>("--payer") { Description = "The payer account id.", DefaultValueFactory = _ => "999999999999" };
        var seed = new Option<int>("--seed") { Description = "Changes the values; a second run with another seed restates the month.", DefaultValueFactory = _ => 1 };
        var command = new Command("generate-cur", "Write a synthetic cost report delivery (files are named synthetic).")
        {
            format, accounts, rows, output, month, payer, seed,
        };
        command.SetAction(async (parse, ct) =>
        {
            ReportFormat reportFormat;
            try
            {
                reportFormat = BillingSources.ParseFormat(parse.GetValue(format));
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return 2;
            }
            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            var first = parse.GetValue(month) is { } m
                ? DateOnly.ParseExact(m + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                : new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
            var result = await Task.Run(() => SyntheticCurGenerator.Generate(new SyntheticCurRequest(
                reportFormat, parse.GetValue(accounts), parse.GetValue(rows), Path.GetFullPath(parse.GetValue(output)!), first,
                parse.GetValue(payer)!, parse.GetValue(seed))), ct);
            foreach (var file in result.DataFiles)
            {
                Console.WriteLine(file);
            }
            if (result.Manifest is not null)
            {
                Console.WriteLine(result.Manifest);
            }
            return 0;
        });
        return command;
    }
}
