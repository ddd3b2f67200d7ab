using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Api;

public sealed partial class ApiKeyCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("portal-apikey-cli-").FullName;

    [Fact]
    public async Task ApiKeyIssue_PrintsTheKeyOnce_StoresOnlyItsHash_AndRefusesADuplicateName()
    {
        var migrate = await PortalCli.RunAsync(_folder, null, "migrate");
        var staff = await PortalCli.RunAsync(_folder, null, "staff", "add", "--email", "ops@example.com", "--name", "Ops");

        var issued = await PortalCli.RunAsync(_folder, null, "apikey", "issue", "--email", "OPS@example.com", "--name", "nightly export");
        var duplicate = await PortalCli.RunAsync(_folder, null, "apikey", "issue", "--email", "ops@example.com", "--name", "nightly export");
        var unknown = await PortalCli.RunAsync(_folder, null, "apikey", "issue", "--email", "nobody@example.com", "--name", "x");

        Assert.True(migrate.ExitCode == 0 && staff.ExitCode == 0, migrate.Error + staff.Error);
        Assert.True(issued.ExitCode == 0, issued.Error);
        var keys = KeyPattern().Matches(issued.Output).Select(m => m.Value).ToList();
        var key = Assert.Single(keys);
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("already have a key with this name", duplicate.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        var stored = StoredHashes();
        Assert.Equal([Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))], stored);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private List<string> StoredHashes()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "data", "portal.db")};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key_hash FROM api_keys";
        using var reader = command.ExecuteReader();
        var hashes = new List<string>();
        while (reader.Read())
        {
            hashes.Add(Convert.ToHexString((byte[])reader.GetValue(0)));
        }
        return hashes;
    }

    [GeneratedRegex(@"mpk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}")]
    private static partial Regex KeyPattern();
}
