namespace Portal.Billing.Tests;

public sealed class SharedDataTests
{
    [Fact]
    public void Root_WhenCheckedOutBesideShared_HoldsTheWorkshopCur()
    {
        Assert.True(File.Exists(SharedData.PathOf("cur-legacy-parquet", "Oct2018-WorkshopCUR-00001.snappy.parquet")));
    }
}
