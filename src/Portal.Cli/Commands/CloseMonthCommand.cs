using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Features.Invoices;

namespace Portal.Cli.Commands;

/// <summary>
/// <c>portal close-month YYYY-MM [--force --reason R]</c>: what staff do on the month-close screen. Refuses while a
/// billing source's month is not final unless forced with a reason (audited); writes one draft invoice per project.
/// </summary>
internal static class CloseMonthCommand
{
    public static Command Create()
    {
        var month = new Argument<string>("month") { Description = "The month to close, YYYY-MM." };
        var force = new Option<bool>("--force") { Description = "Close although a source's month is not final (needs --reason)." };
        var reason = new Option<string?>("--reason") { Description = "Why the close is forced; written to the audit log." };
        var command = new Command("close-month", "Close a month for invoicing and write the draft invoices.") { month, force, reason };
        command.SetAction((parse, ct) => CliHost.RunAsync(async (services, token) =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(month) + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                await Console.Error.WriteLineAsync("The month must look like 2026-10.");
                return 1;
            }
            var result = await services.GetRequiredService<CloseMonth>().HandleAsync(first, parse.GetValue(force), parse.GetValue(reason), null, token);
            switch (result.Outcome)
            {
                case CloseMonthOutcome.Closed:
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Closed {first:yyyy-MM}: {result.Drafts} draft invoice(s)."));
                    return 0;
                case CloseMonthOutcome.NotFinal:
                    await Console.Error.WriteLineAsync($"Not final for payer(s) {string.Join(", ", result.NotFinalPayers)}: wait for AWS's invoice, or use --force --reason.");
                    return 2;
                case CloseMonthOutcome.ReasonRequired:
                    await Console.Error.WriteLineAsync("--force needs --reason (up to 1,000 characters).");
                    return 2;
                case CloseMonthOutcome.NoIssuer:
                    await Console.Error.WriteLineAsync("Set the issuer's name, address and registration number first (staff console, Invoices).");
                    return 1;
                case CloseMonthOutcome.NoRate:
                    await Console.Error.WriteLineAsync("The month has no USD→JPY exchange rate yet.");
                    return 1;
                default:
                    await Console.Error.WriteLineAsync("The month has not ended yet.");
                    return 1;
            }
        }, ct));
        return command;
    }
}
