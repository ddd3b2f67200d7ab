using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Billing.Sources;

namespace Portal.Billing.Deliveries;

/// <summary>
/// A delivery found in a source. <see cref="MissingFiles"/> lists files its manifest names that the source lacks:
/// such a delivery fails with a message naming them.
/// </summary>
public sealed record DeliveryCandidate(
    string PeriodKey, string DeliveryKey, string Description, IReadOnlyList<StoredFile> Files, IReadOnlyList<string> MissingFiles)
{
    public long TotalBytes => Files.Sum(f => f.Size);
}

/// <summary>
/// Finds the deliveries in a source's file listing (SPEC F7, issue 6): a legacy period manifest with its current
/// assembly, a CUR 2.0 / FOCUS export manifest with its data files, or — where no manifest covers a folder — the
/// data files of that folder, identified by their names, sizes and last-modified times.
/// </summary>
public static partial class DeliveryDiscovery
{
    public static async Task<IReadOnlyList<DeliveryCandidate>> DiscoverAsync(IBillingFileStore store, CancellationToken ct)
    {
        var files = await store.ListAsync(ct);
        var byPath = files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var claimed = new List<string>();
        var deliveries = new List<DeliveryCandidate>();
        var exports = new List<(StoredFile Manifest, DeliveryCandidate Delivery)>();

        foreach (var manifest in files.Where(f => f.Path.EndsWith("Manifest.json", StringComparison.OrdinalIgnoreCase)))
        {
            using var document = await ReadJsonAsync(store, manifest, ct);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            if (root.TryGetProperty("reportKeys", out var reportKeys) && LegacyPeriodFolder().Match(manifest.Path) is { Success: true } legacy)
            {
                var folder = legacy.Groups["folder"].Value;
                var assembly = root.TryGetProperty("assemblyId", out var a) ? a.GetString() ?? "" : "";
                var wanted = reportKeys.EnumerateArray()
                    .Select(k => folder + "/" + string.Join('/', (k.GetString() ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).TakeLast(2)))
                    .ToList();
                claimed.Add(folder + "/");
                deliveries.Add(Build(Period(root, legacy.Groups["start"].Value), "assembly:" + assembly, manifest.Path, wanted, byPath));
            }
            else if (root.TryGetProperty("dataFiles", out var dataFiles))
            {
                var exportRoot = ExportRoot(manifest.Path);
                var wanted = dataFiles.EnumerateArray()
                    .Select(k => k.GetString() ?? "")
                    .Select(uri => uri.Contains("/data/", StringComparison.Ordinal)
                        ? exportRoot + uri[uri.LastIndexOf("/data/", StringComparison.Ordinal)..]
                        : exportRoot + "/" + uri.Split('/').Last())
                    .ToList();
                claimed.AddRange(wanted.Select(w => w[..(w.LastIndexOf('/') + 1)]).Distinct());
                var execution = root.TryGetProperty("executionId", out var e) ? e.GetString() ?? "" : Fingerprint(wanted.Select(w => byPath.GetValueOrDefault(w)).OfType<StoredFile>());
                exports.Add((manifest, Build(Period(root, null), "export:" + execution, manifest.Path, wanted, byPath)));
            }
        }

        // An export that keeps several manifests for a period (CUR 2.0 restating it) is current in its newest one.
        deliveries.AddRange(exports
            .GroupBy(x => (x.Delivery.PeriodKey, ExportRoot(x.Manifest.Path)))
            .Select(g => g.MaxBy(x => x.Manifest.LastModified).Delivery));

        var loose = files
            .Where(f => IsDataFile(f.Path) && !claimed.Any(c => f.Path.StartsWith(c, StringComparison.Ordinal)))
            .GroupBy(f => Folder(f.Path));
        foreach (var folder in loose)
        {
            var list = folder.ToList();
            deliveries.Add(new DeliveryCandidate(PeriodFromPath(folder.Key), "files:" + Fingerprint(list),
                folder.Key.Length == 0 ? "(root)" : folder.Key + "/", list, []));
        }
        return deliveries;
    }

    /// <summary>The export folder of a CUR 2.0 / FOCUS manifest: the part before <c>/metadata/</c>, else its folder.</summary>
    private static string ExportRoot(string manifestPath) => manifestPath.Contains("/metadata/", StringComparison.Ordinal)
        ? manifestPath[..manifestPath.IndexOf("/metadata/", StringComparison.Ordinal)]
        : Folder(manifestPath);

    public static bool IsDataFile(string path) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    private static DeliveryCandidate Build(string period, string key, string manifest, List<string> wanted, Dictionary<string, StoredFile> byPath)
    {
        var present = wanted.Where(byPath.ContainsKey).Select(p => byPath[p]).ToList();
        var missing = wanted.Where(p => !byPath.ContainsKey(p)).ToList();
        return new DeliveryCandidate(period, key.Length > 200 ? key[..200] : key, manifest, present, missing);
    }

    private static async Task<JsonDocument> ReadJsonAsync(IBillingFileStore store, StoredFile manifest, CancellationToken ct)
    {
        try
        {
            await using var stream = await store.OpenReadAsync(manifest.Path, ct);
            return await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            throw new BillingInputException(manifest.Path, "the manifest is not valid JSON: " + e.Message, e);
        }
    }

    /// <summary><c>billingPeriod.start</c> as <c>yyyyMMddTHHmmss.fffZ</c> (legacy) or ISO (CUR 2.0), else the folder's start.</summary>
    private static string Period(JsonElement root, string? folderStart)
    {
        if (root.TryGetProperty("billingPeriod", out var period) && period.TryGetProperty("start", out var start) && start.GetString() is { Length: >= 8 } text)
        {
            var digits = new string([.. text.Where(char.IsAsciiDigit).Take(6)]);
            if (digits.Length == 6)
            {
                return digits[..4] + "-" + digits[4..];
            }
        }
        return folderStart is { Length: 8 } ? folderStart[..4] + "-" + folderStart[4..6] : "";
    }

    /// <summary>The month a folder path names: <c>year=2018/month=12</c>, <c>BILLING_PERIOD=2018-12</c> or <c>20181201-20190101</c>.</summary>
    public static string PeriodFromPath(string folder)
    {
        if (HivePeriod().Match(folder) is { Success: true } hive)
        {
            return hive.Groups["y"].Value + "-" + int.Parse(hive.Groups["m"].Value, CultureInfo.InvariantCulture).ToString("00", CultureInfo.InvariantCulture);
        }
        if (BillingPeriodFolder().Match(folder) is { Success: true } export)
        {
            return export.Groups["p"].Value;
        }
        if (RangeFolder().Match(folder) is { Success: true } range)
        {
            return range.Groups["start"].Value[..4] + "-" + range.Groups["start"].Value[4..6];
        }
        return "";
    }

    /// <summary>Names, sizes and last-modified times: a changed, added or removed file makes a new delivery.</summary>
    public static string Fingerprint(IEnumerable<StoredFile> files)
    {
        var text = new StringBuilder();
        foreach (var f in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{f.Path}|{f.Size}|{f.LastModified.UtcTicks}\n");
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    private static string Folder(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    [GeneratedRegex(@"^(?<folder>(?:.*/)?(?<start>\d{8})-\d{8})/[^/]*Manifest\.json$", RegexOptions.IgnoreCase)]
    private static partial Regex LegacyPeriodFolder();

    [GeneratedRegex(@"year=(?<y>\d{4})/month=(?<m>\d{1,2})(?:/|$)", RegexOptions.IgnoreCase)]
    private static partial Regex HivePeriod();

    [GeneratedRegex(@"BILLING_PERIOD=(?<p>\d{4}-\d{2})", RegexOptions.IgnoreCase)]
    private static partial Regex BillingPeriodFolder();

    [GeneratedRegex(@"(?:^|/)(?<start>\d{8})-\d{8}(?:/|$)")]
    private static partial Regex RangeFolder();
}
