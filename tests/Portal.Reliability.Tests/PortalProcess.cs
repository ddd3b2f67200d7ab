using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portal.Reliability.Tests;

/// <summary>
/// One portal process started from the built binaries, the way an operator runs them: a web node
/// (<c>Portal.Web.dll --urls ...</c>) or a worker (<c>portal worker</c>). Its output is kept for failure messages and
/// for the log checks.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PortalProcess(string name, Process process, int? port)
    {
        Name = name;
        _process = process;
        Port = port;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int? Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static PortalProcess StartWeb(string name, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var process = Start(Binaries.Web, settings, "--urls", $"http://127.0.0.1:{port}");
        return new PortalProcess(name, process, port);
    }

    public static PortalProcess StartWorker(string name, IReadOnlyDictionary<string, string> settings) =>
        new(name, Start(Binaries.Cli, settings, "worker"), null);

    /// <summary>Runs a <c>portal</c> command to its end.</summary>
    public static async Task<string> RunCliAsync(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        await using var process = new PortalProcess("cli", Start(Binaries.Cli, settings, args), null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process._process.WaitForExitAsync(timeout.Token);
        process._process.WaitForExit();
        Assert.True(process._process.ExitCode == 0, $"portal {string.Join(' ', args)} exited with {process._process.ExitCode}:\n{process.Output}");
        return process.Output;
    }

    /// <summary>Waits until <c>/healthz</c> answers 200 (the process is up and reaches the database).</summary>
    public async Task WaitHealthyAsync(TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"{Name} exited:\n{Output}");
            try
            {
                using var response = await client.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        Assert.Fail($"{Name} did not become healthy:\n{Output}");
    }

    /// <summary>Waits for a line of output containing <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(_process.HasExited, $"{Name} exited before printing '{text}':\n{Output}");
            Assert.True(DateTime.UtcNow < deadline, $"{Name} did not print '{text}':\n{Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>The crash: SIGKILL, no chance to clean up.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static Process Start(string dll, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // Lean processes on a shared 2-core machine.
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_TieredPGO"] = "0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        return Process.Start(start)!;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// The web host and the <c>portal</c> command the tests start: the release test.sh publishes as docs/operations.md says
/// (ReadyToRun, in <c>$PORTAL_RELEASE/web</c> and <c>$PORTAL_RELEASE/cli</c>), or, when the tests run on their own outside CI,
/// the plain builds in the projects' output folders (same configuration as the tests).
/// </summary>
public static class Binaries
{
    public static string Web => Find("web", "Portal.Web", "Portal.Web.dll");

    public static string Cli => Find("cli", "Portal.Cli", "portal.dll");

    /// <summary>The folder test.sh published the release into, if it did.</summary>
    public static string? Release => Environment.GetEnvironmentVariable("PORTAL_RELEASE") is { Length: > 0 } folder ? folder : null;

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Portal.slnx")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("Portal.slnx was not found above " + AppContext.BaseDirectory);
        }
    }

    private static string Find(string releasePart, string project, string file)
    {
        if (Release is { } release)
        {
            var published = Path.Combine(release, releasePart, file);
            Assert.True(File.Exists(published), $"{published} is missing: test.sh publishes it before the slow stage.");
            return published;
        }
        Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "PORTAL_RELEASE is not set: in CI the slow stage runs the published release (./test.sh --slow).");
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var path = Path.Combine(RepositoryRoot, "src", project, "bin", configuration, "net10.0", file);
        Assert.True(File.Exists(path), $"{path} is missing: build tests/Portal.Reliability.Tests (it builds src/{project}).");
        return path;
    }
}
