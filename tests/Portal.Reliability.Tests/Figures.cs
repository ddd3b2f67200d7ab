namespace Portal.Reliability.Tests;

/// <summary>
/// The measured figures of the run (outage and recovery times, job run counts): printed and appended to
/// <c>TestResults/reliability-figures.txt</c>, which <c>./test.sh --slow</c> prints at the end.
/// </summary>
public static class Figures
{
    private static readonly Lock Gate = new();

    public static void Record(string line)
    {
        var stamped = $"{DateTime.UtcNow:HH:mm:ss} {line}";
        TestContext.Current.TestOutputHelper?.WriteLine(stamped);
        lock (Gate)
        {
            var folder = Directory.CreateDirectory(Path.Combine(Binaries.RepositoryRoot, "TestResults")).FullName;
            File.AppendAllText(Path.Combine(folder, "reliability-figures.txt"), stamped + Environment.NewLine);
        }
    }
}
