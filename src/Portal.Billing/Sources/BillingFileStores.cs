using Portal.Core.Billing;

namespace Portal.Billing.Sources;

/// <summary>Opens the store behind a source's location; replaceable in tests that need credentials for S3.</summary>
public class BillingFileStores
{
    public virtual IBillingFileStore Open(BillingSource source)
    {
        if (source.Location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            var (bucket, prefix) = S3FileStore.Parse(source.Location);
            return new S3FileStore(S3FileStore.CreateClient(source.S3ServiceUrl), bucket, prefix);
        }
        return new LocalFolderStore(source.Location);
    }
}
