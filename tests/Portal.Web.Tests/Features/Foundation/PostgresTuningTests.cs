using Npgsql;
using Portal.Core.Data;

namespace Portal.Web.Tests.Features.Foundation;

/// <summary>The portal's Npgsql defaults apply only where the operator's connection string is silent.</summary>
public sealed class PostgresTuningTests
{
    [Fact]
    public void SilentConnectionString_GetsAutoPrepareAndNoResetOnClose()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DatabaseRegistration.TunePostgres("Host=db;Username=portal;Database=portal"));

        Assert.Equal(50, tuned.MaxAutoPrepare);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(("db", "portal", "portal"), (tuned.Host, tuned.Username, tuned.Database));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;MaxAutoPrepare=0;NoResetOnClose=false")]
    public void OperatorsChoice_IsKept(string connection)
    {
        var tuned = new NpgsqlConnectionStringBuilder(DatabaseRegistration.TunePostgres(connection));

        Assert.Equal(0, tuned.MaxAutoPrepare);
        Assert.False(tuned.NoResetOnClose);
    }
}
