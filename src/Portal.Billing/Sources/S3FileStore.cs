using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Portal.Billing.Sources;

/// <summary>
/// An S3 bucket + prefix. DuckDB's own S3 reader is an extension downloaded at run time, which offline machines
/// cannot fetch, so files are downloaded to scratch space and scanned locally.
/// </summary>
public sealed class S3FileStore(IAmazonS3 s3, string bucket, string prefix) : IBillingFileStore
{
    private readonly string _prefix = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";

    /// <summary>Parses <c>s3://bucket/prefix</c>.</summary>
    public static (string Bucket, string Prefix) Parse(string location)
    {
        var rest = location["s3://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (rest, "") : (rest[..slash], rest[(slash + 1)..].TrimEnd('/'));
    }

    /// <summary>A client for a configurable endpoint; credentials and region come from the standard AWS chain.</summary>
    public static IAmazonS3 CreateClient(string? serviceUrl)
    {
        if (string.IsNullOrWhiteSpace(serviceUrl))
        {
            return new AmazonS3Client();
        }
        var config = new AmazonS3Config { ServiceURL = serviceUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1" };
        return new AmazonS3Client(config);
    }

    /// <summary>Same, with explicit credentials (S3-compatible servers in tests).</summary>
    public static IAmazonS3 CreateClient(string serviceUrl, AWSCredentials credentials) =>
        new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = serviceUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    public async Task<IReadOnlyList<StoredFile>> ListAsync(CancellationToken ct)
    {
        var files = new List<StoredFile>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = _prefix };
        ListObjectsV2Response response;
        do
        {
            response = await s3.ListObjectsV2Async(request, ct);
            foreach (var o in response.S3Objects ?? [])
            {
                if (!o.Key.EndsWith('/'))
                {
                    files.Add(new StoredFile(o.Key[_prefix.Length..], o.Size ?? 0,
                        new DateTimeOffset(DateTime.SpecifyKind(o.LastModified ?? DateTime.UnixEpoch, DateTimeKind.Utc))));
                }
            }
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    public async Task<Stream> OpenReadAsync(string path, CancellationToken ct)
    {
        using var response = await s3.GetObjectAsync(bucket, _prefix + path, ct);
        var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy, ct);
        copy.Position = 0;
        return copy;
    }

    public async Task<string> MaterializeAsync(string path, string scratch, CancellationToken ct)
    {
        var local = Path.Combine(scratch, path.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        using var response = await s3.GetObjectAsync(bucket, _prefix + path, ct);
        await using (var file = File.Create(local))
        {
            await response.ResponseStream.CopyToAsync(file, ct);
        }
        return local;
    }

    public void Dispose() => s3.Dispose();
}
