namespace Portal.Reliability.Tests;

/// <summary>The backup recipe of docs/operations.md: pg_dump, restore into a new database, the same charges.</summary>
public sealed class BackupRestoreTests(Deployment portal)
{
    [Fact]
    public async Task PgDumpRestoredIntoNewDatabase_SameFactsAndRows()
    {
        const string payer = "444444444444";
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "prel-backup-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        File.Copy(Path.Combine(Binaries.RepositoryRoot, "..", "shared", "data", "cur-legacy-csv", "aws", "2023-06-01.csv"), Path.Combine(folder, "2023-06-01.csv"));
        var sourceId = (await PortalProcess.RunCliAsync(portal.Settings, "source", "add", "--payer", payer, "--location", folder)).Trim().Split('\n')[^1].Trim();
        await PortalProcess.RunCliAsync(portal.Settings, "ingest", "--source", sourceId);
        var dump = Path.Combine(folder, "portal.dump");
        var server = new[] { "-h", "127.0.0.1", "-p", portal.Cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres" };

        await Shell.RunAsync(portal.Cluster.BinPath("pg_dump"), [.. server, "--format=custom", "--file", dump, portal.Database]);
        var restored = await portal.Cluster.CreateDatabaseAsync("portal_restored");
        await Shell.RunAsync(portal.Cluster.BinPath("pg_restore"), [.. server, "--no-owner", "--exit-on-error", "--dbname", restored, dump]);
        var restoredSettings = new Dictionary<string, string>(portal.Settings) { ["ConnectionStrings:Portal"] = portal.Cluster.ConnectionTo(restored) };

        string[] facts = ["facts", "--payer", payer, "--month", "2023-06", "--by", "account,type,tag", "--format", "csv"];
        var original = await PortalProcess.RunCliAsync(portal.Settings, facts);
        var copy = await PortalProcess.RunCliAsync(restoredSettings, facts);
        var rowCounts = """
            SELECT string_agg(format('%s=%s', table_name, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text), ',' ORDER BY table_name)
            FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
            """;
        // The live database keeps changing (other tests' users, the outbox); the tables that hold charges must match.
        var originalCounts = (await Sql.QueryAsync(portal.ConnectionString, rowCounts))[0][0] as string;
        var copyCounts = (await Sql.QueryAsync(portal.Cluster.ConnectionTo(restored), rowCounts))[0][0] as string;
        Figures.Record($"backup: pg_dump {new FileInfo(dump).Length / 1024} KiB, restored; table rows {copyCounts}");

        Assert.True(original.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1, "No facts to compare:\n" + original);
        Assert.Equal(original, copy);
        Assert.Equal(Charges(originalCounts!), Charges(copyCounts!));
        Directory.Delete(folder, recursive: true);
    }

    private static string Charges(string counts) =>
        string.Join(",", counts.Split(',').Where(c => c.StartsWith("daily_facts=", StringComparison.Ordinal) || c.StartsWith("billing_", StringComparison.Ordinal)
            || c.StartsWith("charge_", StringComparison.Ordinal) || c.StartsWith("invoice", StringComparison.Ordinal) || c.StartsWith("ingestion_runs=", StringComparison.Ordinal)));
}
