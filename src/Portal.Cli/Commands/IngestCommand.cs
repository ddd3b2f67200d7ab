using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Portal.Billing;
using Portal.Core.Billing;
using Spectre.Console;

namespace Portal.Cli.Commands;

/// <summary><c>portal ingest [--source ID]</c>: ingests every new delivery now; non-zero exit when one fails.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var sourceId = new Option<Guid?>("--source") { Description = "Only this source (default: every enabled source)." };
        var command = new Command("ingest", "Ingest every new delivery of the billing sources now.") { sourceId };
        command.SetAction((parse, ct) => BillingCommandHost.RunAsync(async (services, token) =>
        {
            var ingestion = services.GetRequiredService<BillingIngestion>();
            var id = parse.GetValue(sourceId);
            IReadOnlyList<IngestionOutcome> outcomes = [];
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var bars = new ProgressBars(context);
                    outcomes = id is { } one
                        ? await ingestion.IngestSourceAsync(one, bars, token)
                        : await ingestion.IngestAllAsync(bars, token);
                });
            foreach (var outcome in outcomes)
            {
                if (outcome.Skipped)
                {
                    continue;
                }
                if (outcome.State == RunState.Succeeded)
                {
                    Console.WriteLine($"ingested {outcome.Delivery}: {outcome.FactRows} facts");
                }
                else
                {
                    await Console.Error.WriteLineAsync($"error: {outcome.Error}");
                }
            }
            if (outcomes.All(o => o.Skipped))
            {
                Console.WriteLine("Nothing new to ingest.");
            }
            return outcomes.Any(o => o.State == RunState.Failed) ? 1 : 0;
        }, ct));
        return command;
    }

    /// <summary>One bar per delivery: bytes drive MB/s and ETA, the description shows phase and rows.</summary>
    private sealed class ProgressBars(ProgressContext context) : IProgress<IngestProgress>
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
        private readonly Lock _lock = new();

        public void Report(IngestProgress value)
        {
            lock (_lock)
            {
                if (!_tasks.TryGetValue(value.Delivery, out var task))
                {
                    task = context.AddTask(Markup.Escape(value.Delivery), maxValue: Math.Max(1, value.BytesTotal));
                    _tasks[value.Delivery] = task;
                }
                task.Description = Markup.Escape($"{Shorten(value.Delivery)} {value.Phase} {value.RowsRead:N0} rows");
                task.Value = value.Phase == IngestionPhase.Done ? task.MaxValue : Math.Min(task.MaxValue, value.BytesRead);
            }
        }

        private static string Shorten(string text) => text.Length <= 48 ? text : "…" + text[^47..];
    }
}
