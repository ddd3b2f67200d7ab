using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Billing.Facts;
using Spectre.Console;

namespace Portal.Cli.Commands;

/// <summary>
/// <c>portal facts --payer P --month YYYY-MM [--by account,service,usage-type,type,tag,day] [--format table|csv|json]</c>:
/// stored fact sums at full decimal precision; untagged is an empty tag value.
/// </summary>
internal static class FactsCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var payer = new Option<string>("--payer") { Description = "The payer account id.", Required = true };
        var month = new Option<string>("--month") { Description = "YYYY-MM", Required = true };
        var by = new Option<string>("--by") { Description = "Comma-separated: account,service,usage-type,type,tag,day", DefaultValueFactory = _ => "" };
        var format = new Option<string>("--format") { Description = "table|csv|json", DefaultValueFactory = _ => "table" };
        var command = new Command("facts", "Print stored daily-fact sums of a payer's month.") { payer, month, by, format };
        command.SetAction((parse, ct) => BillingCommandHost.RunAsync(async (services, token) =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(month) + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                await Console.Error.WriteLineAsync("error: --month must be YYYY-MM.");
                return 2;
            }
            FactGrouping grouping;
            try
            {
                grouping = ParseGrouping(parse.GetValue(by));
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return 2;
            }
            var sums = await services.GetRequiredService<BillingFactQueries>().SumAsync(parse.GetValue(payer)!, first, grouping, token);
            Print(sums, grouping, parse.GetValue(format) ?? "table");
            return 0;
        }, ct));
        return command;
    }

    private static FactGrouping ParseGrouping(string? text)
    {
        var grouping = FactGrouping.None;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            grouping |= part.ToLowerInvariant() switch
            {
                "account" => FactGrouping.Account,
                "service" => FactGrouping.Service,
                "usage-type" => FactGrouping.UsageType,
                "type" => FactGrouping.Type,
                "tag" => FactGrouping.Tag,
                "day" => FactGrouping.Day,
                _ => throw new ArgumentException($"Unknown --by value '{part}'."),
            };
        }
        return grouping;
    }

    private static void Print(IReadOnlyList<FactSum> sums, FactGrouping by, string format)
    {
        var keys = new List<(string Name, Func<FactSum, string> Value)>();
        if (by.HasFlag(FactGrouping.Account)) { keys.Add(("account", s => s.UsageAccountId ?? "")); }
        if (by.HasFlag(FactGrouping.Service)) { keys.Add(("service", s => s.ProductCode ?? "")); }
        if (by.HasFlag(FactGrouping.UsageType)) { keys.Add(("usage_type", s => s.UsageType ?? "")); }
        if (by.HasFlag(FactGrouping.Type)) { keys.Add(("type", s => s.LineItemType ?? "")); }
        if (by.HasFlag(FactGrouping.Tag)) { keys.Add(("tag", s => s.Tag ?? "")); }
        if (by.HasFlag(FactGrouping.Day)) { keys.Add(("day", s => s.Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "")); }
        (string Name, Func<FactSum, string> Value)[] values =
        [
            ("unblended", s => Text(s.Unblended)), ("amortized", s => Text(s.Amortized)),
            ("usage_amount", s => s.UsageAmount.ToString("R", CultureInfo.InvariantCulture)),
            ("rows", s => s.LineCount.ToString(CultureInfo.InvariantCulture)),
        ];
        var columns = keys.Concat(values).ToList();
        switch (format.ToLowerInvariant())
        {
            case "csv":
                Console.WriteLine(string.Join(",", columns.Select(c => c.Name)));
                foreach (var s in sums)
                {
                    Console.WriteLine(string.Join(",", columns.Select(c => Csv(c.Value(s)))));
                }
                break;
            case "json":
                var rows = sums.Select(s => columns.ToDictionary(c => c.Name, c => c.Value(s)));
                Console.WriteLine(JsonSerializer.Serialize(rows, Indented));
                break;
            default:
                var table = new Table();
                foreach (var c in columns)
                {
                    table.AddColumn(c.Name);
                }
                foreach (var s in sums)
                {
                    table.AddRow([.. columns.Select(c => Markup.Escape(c.Value(s)))]);
                }
                AnsiConsole.Write(table);
                break;
        }
    }

    /// <summary>Full precision, invariant culture, without the trailing zeros of the 10-decimal scale.</summary>
    private static string Text(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static string Csv(string value) =>
        value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}
