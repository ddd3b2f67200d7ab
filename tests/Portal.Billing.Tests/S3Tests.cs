using System.Diagnostics;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.DependencyInjection;
using Portal.Billing.Sources;
using Portal.Core.Billing;

namespace Portal.Billing.Tests;

/// <summary>
/// A local S3-compatible server (s3rver from the npm registry, installed from tests/…/s3/package-lock.json on
/// first use), started per test on a free port.
/// </summary>
public sealed partial class S3Server : IAsyncDisposable
{
    private readonly Process _node;
    private readonly string _data;

    private S3Server(Process node, string data, string url)
    {
        _node = node;
        _data = data;
        Url = url;
        Client = S3FileStore.CreateClient(url, Credentials);
    }

    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("S3RVER", "S3RVER");

    public string Url { get; }

    public IAmazonS3 Client { get; }

    public static async Task<S3Server> StartAsync()
    {
        var folder = Path.Combine(RepositoryRoot.Find(), "tests", "Portal.Billing.Tests", "s3");
        await InstallAsync(folder);
        var data = TempFolder.Create("s3rver");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var arg in new[] { "node_modules/s3rver/bin/s3rver.js", "-d", data, "-a", "127.0.0.1", "-p", "0", "--silent" })
        {
            start.ArgumentList.Add(arg);
        }
        var node = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await node.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (Listening().Match(line) is { Success: true } match)
            {
                return new S3Server(node, data, $"http://127.0.0.1:{match.Groups[1].Value}");
            }
        }
        throw new InvalidOperationException("s3rver did not start: " + await node.StandardError.ReadToEndAsync(timeout.Token));
    }

    private static async Task InstallAsync(string folder)
    {
        if (Directory.Exists(Path.Combine(folder, "node_modules", "s3rver")))
        {
            return;
        }
        var npm = new ProcessStartInfo("npm") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            npm.ArgumentList.Add(arg);
        }
        using var process = Process.Start(npm)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "npm ci for s3rver failed: " + await error);
    }

    /// <summary>
    /// Uploads a folder. Over plain HTTP the SDK would send aws-chunked bodies that s3rver stores verbatim
    /// (NOTES.md), so chunk encoding is off; real S3 is HTTPS.
    /// </summary>
    public async Task UploadAsync(string bucket, string prefix, string folder)
    {
        await Client.PutBucketAsync(bucket);
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
        {
            await Client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket,
                Key = prefix + "/" + Path.GetRelativePath(folder, file).Replace('\\', '/'),
                FilePath = file,
                UseChunkEncoding = false,
            });
        }
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        _node.Kill(entireProcessTree: true);
        _node.WaitForExit();
        _node.Dispose();
        Directory.Delete(_data, recursive: true);
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"listening on [0-9.]+:(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex Listening();
}

/// <summary>Opens S3 sources with the test server's static credentials.</summary>
public sealed class S3TestStores(S3Server server) : BillingFileStores
{
    public override IBillingFileStore Open(BillingSource source)
    {
        if (!source.Location.StartsWith("s3://", StringComparison.Ordinal))
        {
            return base.Open(source);
        }
        var (bucket, prefix) = S3FileStore.Parse(source.Location);
        return new S3FileStore(S3FileStore.CreateClient(server.Url, S3Server.Credentials), bucket, prefix);
    }
}

public sealed class S3Tests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ingest_KokuTreeFromS3_FactsEqualTheSameTreeFromAFolder(string provider)
    {
        await using var s3 = await S3Server.StartAsync();
        var tree = GoldenFileTests.ExtractKoku();
        await s3.UploadAsync("billing", "exports/cur", tree);
        await using var db = await TestDatabase.CreateAsync(provider, replace: services => services.AddSingleton<BillingFileStores>(new S3TestStores(s3)));
        var fromS3 = await Ingest.AddSourceAsync(db, "s3://billing/exports/cur", "111111111111", s3Url: s3.Url);
        var fromFolder = await Ingest.AddSourceAsync(db, tree, "222222222222");

        var outcome = Assert.Single(await Ingest.SucceedAsync(db, fromS3.Id));
        await Ingest.SucceedAsync(db, fromFolder.Id);
        var again = Assert.Single(await Ingest.RunAsync(db, fromS3.Id));

        Assert.Contains("koku-local-Manifest.json", outcome.Delivery, StringComparison.Ordinal);
        Assert.True(again.Skipped);
        foreach (var month in new[] { new DateOnly(2018, 6, 1), new DateOnly(2018, 7, 1), new DateOnly(2018, 8, 1) })
        {
            Expected.Equal(Expected.Stored(await Ingest.SumsAsync(db, "222222222222", month)), Expected.Stored(await Ingest.SumsAsync(db, "111111111111", month)));
        }
    }
}
