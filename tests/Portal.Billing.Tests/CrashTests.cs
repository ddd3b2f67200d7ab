using Portal.Core.Billing;

namespace Portal.Billing.Tests;

/// <summary>The real <c>portal</c> command: killed mid-ingest it leaves the previous facts; its exit codes.</summary>
public sealed class CrashTests
{
    private const string Payer = "999999999999";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ingest_ProcessKilledBeforeCommit_OldFactsStayAndNextRunCompletes(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var folder = TempFolder.Create("crash");
        Synthetic.LegacyCsv(folder, 1, rows: 20_000);
        var source = await Ingest.AddSourceAsync(db, folder, Payer);
        await Ingest.SucceedAsync(db, source.Id);
        var before = Expected.Stored(await Ingest.SumsAsync(db, Payer, Synthetic.Month));
        var second = Synthetic.LegacyCsv(folder, 2, rows: 20_000);

        using (var child = PortalProcess.Start(db, new Dictionary<string, string?>
        {
            ["Billing:PauseAtPhase"] = nameof(IngestionPhase.Committing),
            ["Billing:DeliveryLease"] = "00:00:01",
        }, "ingest"))
        {
            await child.WaitUntilPausedAsync();
            child.Kill();
        }
        var afterCrash = Expected.Stored(await Ingest.SumsAsync(db, Payer, Synthetic.Month));
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        var outcome = Assert.Single(await Ingest.SucceedAsync(db, source.Id), o => !o.Skipped);

        Expected.Equal(before, afterCrash);
        Assert.Equal(RunState.Succeeded, outcome.State);
        Expected.Equal(Synthetic.ExpectedLegacyCsv(second), Expected.Stored(await Ingest.SumsAsync(db, Payer, Synthetic.Month)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PortalIngest_BadFile_ExitsNonZeroNamingTheFile(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var folder = TempFolder.Create("cli-bad");
        var delivery = Synthetic.LegacyCsv(folder, 1, rows: 5_000);
        var victim = Path.Combine(folder, delivery.DataFiles[0]);
        var bytes = File.ReadAllBytes(victim);
        Array.Fill(bytes, (byte)0x41, 10, bytes.Length - 10);
        File.WriteAllBytes(victim, bytes);
        var (addExit, id, _) = await PortalProcess.RunAsync(db, "source", "add", "--payer", Payer, "--location", folder);
        Assert.Equal(0, addExit);

        var (exit, _, error) = await PortalProcess.RunAsync(db, "ingest", "--source", id.Trim());

        Assert.NotEqual(0, exit);
        Assert.Contains(Path.GetFileName(victim), error, StringComparison.Ordinal);
        Assert.Empty(await Ingest.SumsAsync(db, Payer, Synthetic.Month));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PortalFacts_AfterIngest_PrintsExactSumsAsCsv(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var folder = TempFolder.Create("cli-facts");
        var delivery = Synthetic.LegacyCsv(folder, 3, rows: 5_000);
        var (_, id, _) = await PortalProcess.RunAsync(db, "source", "add", "--payer", Payer, "--location", folder);
        var (ingestExit, ingestOutput, ingestError) = await PortalProcess.RunAsync(db, "ingest", "--source", id.Trim());
        Assert.True(ingestExit == 0, ingestOutput + ingestError);

        var (exit, output, _) = await PortalProcess.RunAsync(db, "facts", "--payer", Payer, "--month", Synthetic.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            "--by", "account,type,tag", "--format", "csv");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("account,type,tag,unblended,amortized,usage_amount,rows", lines[0]);
        var printed = lines[1..].Select(l => l.Split(',')).Select(c => new GoldenRow(c[0], c[1], c[2],
            decimal.Parse(c[3], System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(c[4], System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(c[6], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Expected.Equal(Synthetic.ExpectedLegacyCsv(delivery), printed);
    }
}
