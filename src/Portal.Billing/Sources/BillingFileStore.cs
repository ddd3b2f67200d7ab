namespace Portal.Billing.Sources;

/// <summary>A file of a source: its path relative to the source's location, size and last-modified time.</summary>
public sealed record StoredFile(string Path, long Size, DateTimeOffset LastModified);

/// <summary>A source's location (local folder or S3 prefix): the edge the engine lists and reads through.</summary>
public interface IBillingFileStore : IDisposable
{
    /// <summary>Every file under the location, with paths relative to it and '/' as separator.</summary>
    Task<IReadOnlyList<StoredFile>> ListAsync(CancellationToken ct);

    Task<Stream> OpenReadAsync(string path, CancellationToken ct);

    /// <summary>
    /// A local path DuckDB can read: the file itself for a folder, a download into <paramref name="scratch"/> for S3.
    /// </summary>
    Task<string> MaterializeAsync(string path, string scratch, CancellationToken ct);
}

/// <summary>A local (or mounted) folder.</summary>
public sealed class LocalFolderStore(string root) : IBillingFileStore
{
    public Task<IReadOnlyList<StoredFile>> ListAsync(CancellationToken ct)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The source folder {root} does not exist.");
        }
        IReadOnlyList<StoredFile> files = [.. new DirectoryInfo(root)
            .EnumerateFiles("*", SearchOption.AllDirectories)
            .Select(f => new StoredFile(
                Path.GetRelativePath(root, f.FullName).Replace('\\', '/'), f.Length, new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero)))
            .OrderBy(f => f.Path, StringComparer.Ordinal)];
        return Task.FromResult(files);
    }

    public Task<Stream> OpenReadAsync(string path, CancellationToken ct) =>
        Task.FromResult<Stream>(File.OpenRead(Path.Combine(root, path)));

    public Task<string> MaterializeAsync(string path, string scratch, CancellationToken ct) =>
        Task.FromResult(Path.GetFullPath(Path.Combine(root, path)));

    public void Dispose()
    {
    }
}
