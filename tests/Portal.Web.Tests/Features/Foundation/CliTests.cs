using Microsoft.Data.Sqlite;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Foundation;

public sealed class CliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("portal-cli-").FullName;

    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        var result = await PortalCli.RunAsync(_folder, null, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("migrate", result.Output, StringComparison.Ordinal);
        Assert.Contains("demo", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateThenDemo_OnEmptySqlite_CreatesTheDemoOnce()
    {
        var migrate = await PortalCli.RunAsync(_folder, null, "migrate");
        var demo = await PortalCli.RunAsync(_folder, null, "demo");
        var again = await PortalCli.RunAsync(_folder, null, "demo");

        Assert.True(migrate.ExitCode == 0, migrate.Error);
        Assert.True(demo.ExitCode == 0, demo.Error);
        Assert.Contains("Demo data created.", demo.Output, StringComparison.Ordinal);
        Assert.Contains("hanako.sato@sakura-trading.example", demo.Output, StringComparison.Ordinal);
        Assert.Contains("Demo data already present.", again.Output, StringComparison.Ordinal);
        Assert.Equal(2L, CountOrganizations(Path.Combine(_folder, "data", "portal.db")));
        // The demo has last month's invoices issued (issue: invoices), one per project with charges.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        Assert.Equal(3L, Count(Path.Combine(_folder, "data", "portal.db"), $"SELECT COUNT(*) FROM invoices WHERE status = 1 AND month = '{lastMonth:yyyy-MM-dd}'"));

        var notFinal = await PortalCli.RunAsync(_folder, null, "close-month", $"{lastMonth:yyyy-MM}");
        var forcedWithoutReason = await PortalCli.RunAsync(_folder, null, "close-month", $"{lastMonth:yyyy-MM}", "--force");
        var final = await PortalCli.RunAsync(_folder, null, "close-month", $"{lastMonth.AddMonths(-1):yyyy-MM}");
        var current = await PortalCli.RunAsync(_folder, null, "close-month", $"{today:yyyy-MM}");
        var malformed = await PortalCli.RunAsync(_folder, null, "close-month", "2026-13");
        Assert.Equal(2, notFinal.ExitCode);
        Assert.Contains("999999999999", notFinal.Error, StringComparison.Ordinal);
        Assert.Equal(2, forcedWithoutReason.ExitCode);
        Assert.True(final.ExitCode == 0, final.Error);
        Assert.Contains("0 draft invoice(s)", final.Output, StringComparison.Ordinal);
        Assert.Equal(1, current.ExitCode);
        Assert.Equal(1, malformed.ExitCode);
        Assert.Equal(6L, Count(Path.Combine(_folder, "data", "portal.db"), "SELECT COUNT(*) FROM invoices"));
    }

    [Fact]
    public async Task Migrate_OnPostgres_AppliesEveryMigration()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("portal_cli");
        var environment = new Dictionary<string, string> { ["Database__Provider"] = "Postgres", ["ConnectionStrings__Portal"] = connection };

        var first = await PortalCli.RunAsync(_folder, environment, "migrate");
        var second = await PortalCli.RunAsync(_folder, environment, "migrate");

        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        Assert.Contains("Applied", first.Output, StringComparison.Ordinal);
        Assert.Contains("up to date", second.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static long CountOrganizations(string file) => Count(file, "SELECT COUNT(*) FROM organizations");

    private static long Count(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
