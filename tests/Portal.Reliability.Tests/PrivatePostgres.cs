using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Portal.Reliability.Tests;

/// <summary>
/// A PostgreSQL cluster of the test's own (NOTES.md recipe: initdb + pg_ctl, as the postgres user when root), so that
/// a test can stop and restart it without touching the suite's shared server. Same port across restarts.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _dir;
    private readonly string _bin;

    private PrivatePostgres(string dir, string bin, int port)
    {
        _dir = dir;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    public string ServerConnection => $"Host=127.0.0.1;Port={Port};Username=postgres;Pooling=true;Maximum Pool Size=40;Timeout=5";

    public string ConnectionTo(string database) => new NpgsqlConnectionStringBuilder(ServerConnection) { Database = database }.ConnectionString;

    public string BinPath(string tool) => Path.Combine(_bin, tool);

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL server binaries were not found under /usr/lib/postgresql (apt-get install -y postgresql).");
        // Not under /root (postgres must traverse every parent) and short (the socket path limit).
        var dir = Path.Combine("/tmp", "prel-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        Directory.CreateDirectory(Path.Combine(dir, "sock"));
        var cluster = new PrivatePostgres(dir, bin, FreePort());
        await Shell.RunAsync("chmod", "755", dir);
        await Shell.RunAsync("chmod", "700", Path.Combine(dir, "data"));
        if (Shell.IsRoot)
        {
            await Shell.RunAsync("chown", "-R", "postgres:postgres", dir);
        }
        await cluster.AsPostgresAsync("initdb", "-D", Path.Combine(dir, "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync");
        await cluster.StartServerAsync();
        return cluster;
    }

    public async Task StartServerAsync() =>
        await AsPostgresAsync("pg_ctl", "-D", Path.Combine(_dir, "data"), "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "60", "-o",
            $"-p {Port} -k {Path.Combine(_dir, "sock")} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            "start");

    /// <summary>A fast shutdown: open sessions are cut (clients see "terminating connection"), new ones are refused.</summary>
    public async Task StopServerAsync() =>
        await AsPostgresAsync("pg_ctl", "-D", Path.Combine(_dir, "data"), "-m", "fast", "-w", "-t", "60", "stop");

    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        await using var connection = new NpgsqlConnection(ServerConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await AsPostgresAsync("pg_ctl", "-D", Path.Combine(_dir, "data"), "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped by the test.
        }
        Directory.Delete(_dir, recursive: true);
    }

    private Task<string> AsPostgresAsync(string tool, params string[] args) =>
        Shell.IsRoot
            ? Shell.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
            : Shell.RunAsync(Path.Combine(_bin, tool), args);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Runs a command to its end; a non-zero exit is an exception carrying its output.</summary>
public static class Shell
{
    public static bool IsRoot { get; } = Environment.UserName == "root";

    public static async Task<string> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await output}{await error}");
        }
        return await output;
    }
}
