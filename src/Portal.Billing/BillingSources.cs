using System.Text.RegularExpressions;
using Portal.Core.Billing;
using Portal.Core.Data;

namespace Portal.Billing;

/// <summary>A new source as the operator describes it (<c>portal source add</c>, staff console).</summary>
public sealed record NewBillingSource(string PayerAccountId, string Location, ReportFormat Format, string? TagKey, string? S3ServiceUrl);

/// <summary>Adds and lists billing sources, checking what the operator typed.</summary>
public sealed partial class BillingSources(PortalDbContext db, TimeProvider clock)
{
    /// <exception cref="ArgumentException">The payer is not 12 digits or the location is neither a folder nor s3://.</exception>
    public async Task<BillingSource> AddAsync(NewBillingSource request, CancellationToken ct)
    {
        if (!TwelveDigits().IsMatch(request.PayerAccountId))
        {
            throw new ArgumentException("The payer account id must be 12 digits.", nameof(request));
        }
        var location = request.Location.Trim();
        if (location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            if (location.Length <= "s3://".Length)
            {
                throw new ArgumentException("An S3 location needs a bucket: s3://bucket/prefix.", nameof(request));
            }
        }
        else
        {
            location = Path.GetFullPath(location);
        }
        var tagKey = string.IsNullOrWhiteSpace(request.TagKey) ? BillingSource.DefaultTagKey : request.TagKey.Trim();
        var source = new BillingSource
        {
            PayerAccountId = request.PayerAccountId, Location = location, Format = request.Format, TagKey = tagKey,
            S3ServiceUrl = string.IsNullOrWhiteSpace(request.S3ServiceUrl) ? null : request.S3ServiceUrl, CreatedAt = clock.GetUtcNow(),
        };
        db.BillingSources.Add(source);
        await db.SaveChangesAsync(ct);
        return source;
    }

    /// <summary>Parses the CLI spelling of a format: <c>auto|cur-csv|cur-parquet|cur2|focus</c>.</summary>
    public static ReportFormat ParseFormat(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => ReportFormat.Auto,
        "cur-csv" => ReportFormat.CurCsv,
        "cur-parquet" => ReportFormat.CurParquet,
        "cur2" => ReportFormat.Cur2,
        "focus" => ReportFormat.Focus,
        _ => throw new ArgumentException($"Unknown format '{text}': use auto, cur-csv, cur-parquet, cur2 or focus.", nameof(text)),
    };

    [GeneratedRegex(@"^[0-9]{12}\z")]
    private static partial Regex TwelveDigits();
}
