namespace Portal.Billing.Tests;

/// <summary>
/// Locates <c>../shared/data</c> (the real AWS billing files) relative to the repository root. The files are never
/// copied into the repository; a clear failure says where they were looked for.
/// </summary>
public static class SharedData
{
    public static string Root { get; } = Locate();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Locate()
    {
        var repo = RepositoryRoot.Find();
        var candidate = Path.GetFullPath(Path.Combine(repo, "..", "shared", "data"));
        if (!Directory.Exists(candidate))
        {
            throw new DirectoryNotFoundException(
                $"The shared billing files were not found at {candidate}. Check out the project beside its shared/ folder.");
        }
        return candidate;
    }
}

public static class RepositoryRoot
{
    /// <summary>The folder that holds <c>Portal.slnx</c>, searched upwards from the test binaries.</summary>
    public static string Find()
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
