using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Portal.Core.Data;

[assembly: AssemblyFixture(typeof(Portal.Billing.Tests.TempFolderCleanup))]

namespace Portal.Billing.Tests;

/// <summary>
/// A fresh, migrated portal database for one test: a temporary SQLite file, or a new database on the PostgreSQL
/// server named by <c>PORTAL_TEST_POSTGRES</c> (the test fails when it is not set). Provides the billing services.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PORTAL_TEST_POSTGRES";

    private readonly string? _sqliteFile;
    private readonly string? _postgresDatabase;
    private readonly string? _postgresServer;

    private TestDatabase(string provider, string connectionString, string? sqliteFile, string? postgresServer, string? postgresDatabase,
        IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? replace)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFile = sqliteFile;
        _postgresServer = postgresServer;
        _postgresDatabase = postgresDatabase;
        Settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider == "postgres" ? "Postgres" : "Sqlite",
            ["ConnectionStrings:Portal"] = connectionString,
            ["Billing:TempDirectory"] = TempFolder.Root,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            Settings[key] = value;
        }
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddPortalDatabase(configuration);
        replace?.Invoke(services);
        services.AddPortalBilling(configuration);
        Services = services.BuildServiceProvider();
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The configuration keys a child <c>portal</c> process needs to reach this database.</summary>
    public Dictionary<string, string?> Settings { get; }

    public ServiceProvider Services { get; }

    public static TheoryData<string> Providers => ["sqlite", "postgres"];

    public static async Task<TestDatabase> CreateAsync(
        string provider, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? replace = null)
    {
        TestDatabase database;
        if (provider == "postgres")
        {
            var server = Environment.GetEnvironmentVariable(PostgresVariable);
            Assert.False(string.IsNullOrWhiteSpace(server),
                $"{PostgresVariable} is not set: start a server (scripts/postgres.sh start DIR) and export its connection string.");
            var name = "portal_test_" + Guid.NewGuid().ToString("N");
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = $"CREATE DATABASE {name}";
                await command.ExecuteNonQueryAsync();
            }
            var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
            database = new TestDatabase(provider, builder.ConnectionString, null, server, name, settings, replace);
        }
        else
        {
            var file = Path.Combine(TempFolder.Root, "portal-" + Guid.NewGuid().ToString("N") + ".db");
            database = new TestDatabase(provider, $"Data Source={file}", file, null, null, settings, replace);
        }
        await using var scope = database.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.MigrateAsync();
        return database;
    }

    /// <summary>Runs <paramref name="work"/> in its own scope (its own DbContext), as a request or a job would.</summary>
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresServer);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm", _sqliteFile + "-journal" })
            {
                File.Delete(file);
            }
        }
    }
}

/// <summary>Scratch folders for one test run, under the system temp folder.</summary>
public static class TempFolder
{
    // One folder per test process: the cleanup at the end of a run must not delete a concurrent run's files.
    public static string Root { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"portal-billing-tests-{Environment.ProcessId}")).FullName;

    public static string Create(string name)
    {
        var path = Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }
}

/// <summary>Removes the run's scratch folders (extracted trees, generated reports, SQLite files) after the last test.</summary>
public sealed class TempFolderCleanup : IDisposable
{
    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(TempFolder.Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a child process that is being torn down: the next run reuses the folder.
        }
    }
}
