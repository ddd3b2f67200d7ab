using Npgsql;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server of the test run (started by <c>./test.sh</c>, which exports <c>PORTAL_TEST_POSTGRES</c>).
/// Each test run creates its own database on it. Without the variable the PostgreSQL tests fail: they never skip.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "PORTAL_TEST_POSTGRES";

    public static string ServerConnection =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests with ./test.sh, which starts a private PostgreSQL, or set {Variable} to a server connection string (Host=...;Port=...;Username=...).");

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ServerConnection))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(ServerConnection) { Database = name }.ConnectionString;
    }
}
