using System.Diagnostics;
using System.Text;

namespace Portal.Billing.Tests;

/// <summary>The built <c>portal</c> command, run as a child process against a test database.</summary>
public sealed class PortalProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PortalProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (_output)
            {
                _output.AppendLine(e.Data);
            }
            if (e.Data.StartsWith("PAUSED ", StringComparison.Ordinal))
            {
                _paused.TrySetResult();
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_error)
                {
                    _error.AppendLine(e.Data);
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

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

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public static PortalProcess Start(TestDatabase db, IReadOnlyDictionary<string, string?> extra, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = TempFolder.Create("cli"),
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in db.Settings.Concat(extra))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        return new PortalProcess(Process.Start(start)!);
    }

    /// <summary>Runs to the end and returns the exit code.</summary>
    public static async Task<(int Exit, string Output, string Error)> RunAsync(TestDatabase db, params string[] args)
    {
        using var process = Start(db, new Dictionary<string, string?>(), args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process._process.WaitForExitAsync(timeout.Token);
        process._process.WaitForExit();
        return (process._process.ExitCode, process.Output, process.Error);
    }

    public async Task WaitUntilPausedAsync()
    {
        var finished = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_paused.Task, finished, Task.Delay(TimeSpan.FromMinutes(2)));
        Assert.True(first == _paused.Task, $"portal did not pause.\nstdout:\n{Output}\nstderr:\n{Error}");
    }

    /// <summary>The crash: SIGKILL, no chance to clean up.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }
        _process.Dispose();
    }

    /// <summary>portal.dll from the same configuration as the tests (the test project builds it).</summary>
    private static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            var path = Path.Combine(RepositoryRoot.Find(), "src", "Portal.Cli", "bin", configuration, "net10.0", "portal.dll");
            Assert.True(File.Exists(path), $"{path} is missing: build tests/Portal.Billing.Tests (it builds src/Portal.Cli).");
            return path;
        }
    }
}
