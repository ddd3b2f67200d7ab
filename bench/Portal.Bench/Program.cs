using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Billing;
using Portal.Billing.Reading;
using Portal.Billing.Synthetic;
using Portal.Core.Billing;
using Portal.Core.Data;

// Benchmarks. `ingest --rows N --format parquet|csv.gz [--postgres CONN] [--accounts N]` generates N synthetic rows
// (cached between runs, generated in a child process so that its memory is not counted), runs the bare DuckDB
// GROUP BY of the same facts, then the full ingestion into a fresh database, and prints as its last line
// `ingest rows=N seconds=S duckdb_seconds=D ratio=R peak_mb=M`.
// `serve [--postgres CONN]`: see ServeBenchmark.
if (args.Length > 0 && args[0] == "serve")
{
    return await Portal.Bench.ServeBenchmark.RunAsync(args[1..]);
}
if (args.Length == 0 || args[0] is not ("ingest" or "generate"))
{
    Console.WriteLine("usage: Portal.Bench ingest --rows N --format parquet|csv.gz [--postgres CONN] [--accounts N]");
    Console.WriteLine("       Portal.Bench serve [--postgres CONN] [--accounts 1000] [--lines 200] [--clients 32,128] [--seconds 60] [--pages account,project,api]");
    return args.Length == 0 ? 0 : 2;
}
var rows = long.Parse(Option("--rows") ?? "1000000", CultureInfo.InvariantCulture);
var format = (Option("--format") ?? "parquet") == "csv.gz" ? ReportFormat.CurCsv : ReportFormat.CurParquet;
var accounts = int.Parse(Option("--accounts") ?? "1000", CultureInfo.InvariantCulture);
var month = new DateOnly(2026, 10, 1);
var folder = Path.Combine(Path.GetTempPath(), "portal-bench", $"{(format == ReportFormat.CurCsv ? "csvgz" : "parquet")}-{rows}-{accounts}");

if (args[0] == "generate")
{
    SyntheticCurGenerator.Generate(new SyntheticCurRequest(format, accounts, rows, folder, month, DeliveryId: "bench"));
    File.WriteAllText(Path.Combine(folder, ".complete"), "");
    return 0;
}

if (!File.Exists(Path.Combine(folder, ".complete")))
{
    if (Directory.Exists(folder))
    {
        Directory.Delete(folder, recursive: true);
    }
    var generation = Stopwatch.StartNew();
    using var child = Process.Start(Environment.ProcessPath!, ["generate", .. args[1..]]);
    await child.WaitForExitAsync();
    if (child.ExitCode != 0)
    {
        return child.ExitCode;
    }
    Console.WriteLine($"generated {rows:N0} rows in {generation.Elapsed.TotalSeconds:F1} s into {folder}");
}

var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".parquet", StringComparison.Ordinal) || f.EndsWith(".csv.gz", StringComparison.Ordinal)).Order().ToList();
var options = new BillingOptions();

// The bare GROUP BY: the same SQL the engine runs, materialised in DuckDB, nothing written elsewhere.
double duckdbSeconds;
using (var bare = new DeliveryAggregator(options))
{
    var (detected, schema) = bare.Inspect(files, ReportFormat.Auto);
    var clock = Stopwatch.StartNew();
    bare.Execute(DeliveryAggregator.AggregationSql(files, detected, schema, BillingSource.DefaultTagKey, "CREATE TEMP TABLE bare AS"));
    duckdbSeconds = clock.Elapsed.TotalSeconds;
}

var postgres = Option("--postgres");
var database = "portal_bench_" + Guid.NewGuid().ToString("N");
var sqliteFile = Path.Combine(Path.GetTempPath(), database + ".db");
string connection;
if (postgres is not null)
{
    await using (var admin = new NpgsqlConnection(postgres))
    {
        await admin.OpenAsync();
        await using var create = admin.CreateCommand();
        create.CommandText = $"CREATE DATABASE {database}";
        await create.ExecuteNonQueryAsync();
    }
    connection = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
}
else
{
    connection = $"Data Source={sqliteFile}";
}
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = postgres is null ? "Sqlite" : "Postgres",
    ["ConnectionStrings:Portal"] = connection,
}).Build();
var services = new ServiceCollection().AddLogging().AddPortalDatabase(configuration).AddPortalBilling(configuration).BuildServiceProvider();
Guid sourceId;
await using (var scope = services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.MigrateAsync();
    sourceId = (await scope.ServiceProvider.GetRequiredService<BillingSources>()
        .AddAsync(new NewBillingSource("999999999999", folder, ReportFormat.Auto, null, null), CancellationToken.None)).Id;
}

var ingestClock = Stopwatch.StartNew();
IReadOnlyList<IngestionOutcome> outcomes;
await using (var scope = services.CreateAsyncScope())
{
    var phases = new PhaseTimes(ingestClock);
    outcomes = await scope.ServiceProvider.GetRequiredService<BillingIngestion>().IngestSourceAsync(sourceId, phases, CancellationToken.None);
    Console.WriteLine(phases.Describe());
}
var seconds = ingestClock.Elapsed.TotalSeconds;
var outcome = outcomes.Single();
if (outcome.State != RunState.Succeeded)
{
    Console.Error.WriteLine(outcome.Error);
    return 1;
}
await services.DisposeAsync();
if (postgres is not null)
{
    NpgsqlConnection.ClearAllPools();
    await using var admin = new NpgsqlConnection(postgres);
    await admin.OpenAsync();
    await using var drop = admin.CreateCommand();
    drop.CommandText = $"DROP DATABASE {database} WITH (FORCE)";
    await drop.ExecuteNonQueryAsync();
}
else
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    File.Delete(sqliteFile);
}
var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
Console.WriteLine($"facts={outcome.FactRows} database={(postgres is null ? "sqlite" : "postgres")}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ingest rows={rows} seconds={seconds:F2} duckdb_seconds={duckdbSeconds:F2} ratio={seconds / duckdbSeconds:F2} peak_mb={peak}"));
return 0;

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

/// <summary>When each phase began, for the breakdown printed above the result line.</summary>
internal sealed class PhaseTimes(Stopwatch clock) : IProgress<IngestProgress>
{
    private readonly List<(IngestionPhase Phase, double At)> _changes = [];

    public void Report(IngestProgress value)
    {
        lock (_changes)
        {
            if (_changes.Count == 0 || _changes[^1].Phase != value.Phase)
            {
                _changes.Add((value.Phase, clock.Elapsed.TotalSeconds));
            }
        }
    }

    public string Describe() => "phases: " + string.Join(" ", _changes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Phase}@{c.At:F2}s")));
}
