using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Portal.Core.Billing;
using Portal.Core.Charges;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Core.Organizations;
using Portal.Core.Projects;

namespace Portal.Bench;

/// <summary>
/// <c>serve [--postgres CONN] [--accounts 1000] [--lines 200] [--clients 32,128] [--seconds 60] [--pages account,project,api]
/// [--database NAME] [--web PATH]</c>: an
/// organization with N accounts in N/20 projects and 13 months of charge lines (written straight into the database), the
/// real portal started as a child process on Kestrel, and for each client count that many concurrent clients of one
/// power user (signed in for the pages, an API key for the API) picking at random an account's charges page, a project's
/// summary or the charges API. Prints a Markdown row per client count and page (p50/p99/max, rps, errors, the server's
/// peak memory, the load average) and <c>serve clients=.. p50_ms=.. p99_ms=.. max_ms=.. rps=.. errors=..</c> per run.
/// </summary>
/// <remarks>
/// The two pages read charge lines (and billing periods for freshness) only, never daily facts, so the benchmark
/// generates charge lines: <c>--lines</c> per account and month (30 days × services × tag values).
/// </remarks>
internal static partial class ServeBenchmark
{
    private const string Password = "Bench#Passw0rd-Long";
    private const string Email = "bench@bench.example";
    private static readonly string[] Services = ["AmazonEC2", "AmazonS3", "AmazonRDS", "AWSLambda", "AmazonCloudFront", "AmazonDynamoDB", "AmazonVPC"];
    private static readonly string[] Tags = ["", "production", "staging", "development"];
    private static readonly string[] SqliteParameters =
        ["$payer", "$month", "$org", "$project", "$account", "$day", "$product", "$category", "$type", "$tag", "$usd", "$amount", "$currency"];

    public static async Task<int> RunAsync(string[] args)
    {
        var postgres = Option(args, "--postgres");
        var accountCount = int.Parse(Option(args, "--accounts") ?? "1000", CultureInfo.InvariantCulture);
        var linesPerMonth = int.Parse(Option(args, "--lines") ?? "200", CultureInfo.InvariantCulture);
        var clientCounts = (Option(args, "--clients") ?? "32,128").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var seconds = double.Parse(Option(args, "--seconds") ?? "60", CultureInfo.InvariantCulture);
        var kinds = (Option(args, "--pages") ?? "account,project,api").Split(',');
        var web = Option(args, "--web") is { } otherBuild ? Path.GetFullPath(otherBuild) : WebAssembly();
        // A named database is seeded once and kept: later runs (another build of the portal, the other client counts)
        // skip the minute of seeding and measure against exactly the same rows.
        var reuse = Option(args, "--database");

        var database = reuse ?? "portal_serve_" + Guid.NewGuid().ToString("N");
        var sqliteFile = Path.Combine(Path.GetTempPath(), database + ".db");
        string connection;
        if (postgres is not null)
        {
            if (reuse is null || !await DatabaseExistsAsync(postgres, database))
            {
                await AdminAsync(postgres, $"CREATE DATABASE {database}");
            }
            connection = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
        }
        else
        {
            connection = $"Data Source={sqliteFile}";
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = postgres is null ? "Sqlite" : "Postgres",
            ["ConnectionStrings:Portal"] = connection,
        }).Build();
        Process? server = null;
        try
        {
            World world;
            await using (var services = new ServiceCollection().AddLogging().AddPortalDatabase(configuration).BuildServiceProvider())
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                await db.Database.MigrateAsync();
                if (reuse is not null && await ExistingWorldAsync(db, linesPerMonth) is { } existing)
                {
                    world = existing;
                    Console.WriteLine($"reused the seeded database {database} ({world.Accounts.Count} accounts × 13 months)");
                }
                else
                {
                    world = await SeedAsync(db, connection, postgres is null, accountCount, linesPerMonth);
                }
            }

            var port = FreePort();
            server = StartServer(web, configuration, port);
            var baseAddress = new Uri($"http://127.0.0.1:{port}");
            var maxClients = clientCounts.Max();
            using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), MaxConnectionsPerServer = maxClients, AllowAutoRedirect = false };
            using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
            // The API client carries the key and no cookie: the API authenticates by key only.
            using var apiHandler = new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = maxClients, AllowAutoRedirect = false };
            using var api = new HttpClient(apiHandler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", world.ApiKey);
            await WaitUntilUpAsync(http, server);
            await SignInAsync(http);

            var latest = world.Months[^1].ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var targets = new Dictionary<string, (HttpClient Client, string[] Urls)>
            {
                ["account"] = (http, [.. world.Accounts.Select(a => $"/orgs/{world.OrganizationId}/accounts/{a.Id}/charges")]),
                ["project"] = (http, [.. world.Projects.Select(p => $"/orgs/{world.OrganizationId}/projects/{p}/charges")]),
                // Half the API calls ask for an account's month by service, half for a project's month by account.
                ["api"] = (api, [.. world.Accounts.Take(world.Projects.Count).Select(a => $"/api/v1/orgs/{world.OrganizationId}/charges?month={latest}&accountId={a.Id}&by=service")
                    .Concat(world.Projects.Select(p => $"/api/v1/orgs/{world.OrganizationId}/charges?month={latest}&projectId={p}&by=account"))]),
            };
            var chosen = kinds.Select(k => (Kind: k, targets[k].Client, targets[k].Urls)).ToArray();
            var databaseName = postgres is null ? "SQLite" : "PostgreSQL";
            Console.WriteLine($"database={databaseName} accounts={accountCount} lines_per_account_month={linesPerMonth} seconds={seconds}");
            Console.WriteLine("| database | clients | page | requests | p50 ms | p99 ms | max ms | rps | errors | server peak RSS MB | load avg (1 min, start→end) |");
            Console.WriteLine("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            var failed = false;
            foreach (var clients in clientCounts)
            {
                // Warm-up: JIT, Razor, connection pools and the database's caches (and, at a new client count, the pools' growth).
                await LoadAsync(chosen, clients, TimeSpan.FromSeconds(Math.Min(5, seconds / 4)), server);
                var loadBefore = LoadAverage();
                var run = await LoadAsync(chosen, clients, TimeSpan.FromSeconds(seconds), server);
                var loadAfter = LoadAverage();
                foreach (var kind in kinds.Append("all"))
                {
                    var samples = run.Samples.Where(r => kind == "all" || r.Kind == kind).ToList();
                    var latencies = samples.Select(r => r.Milliseconds).Order().ToList();
                    var errors = samples.Count(r => !r.Ok);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {databaseName} | {clients} | {kind} | {samples.Count} | {Percentile(latencies, 0.50):F0} | {Percentile(latencies, 0.99):F0} | {(latencies.Count == 0 ? double.NaN : latencies[^1]):F0} | {samples.Count / run.Seconds:F1} | {errors} | {run.PeakRssMb:F0} | {loadBefore}→{loadAfter} |"));
                }
                var all = run.Samples.Select(r => r.Milliseconds).Order().ToList();
                var allErrors = run.Samples.Count(r => !r.Ok);
                failed |= allErrors > 0;
                foreach (var error in run.Samples.Where(r => !r.Ok).Select(r => r.Error).Distinct().Take(5))
                {
                    Console.Error.WriteLine("error: " + error);
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"serve clients={clients} p50_ms={Percentile(all, 0.50):F1} p99_ms={Percentile(all, 0.99):F1} max_ms={all[^1]:F1} rps={all.Count / run.Seconds:F1} errors={allErrors} peak_rss_mb={run.PeakRssMb:F0} server_cpu_ms_per_request={run.ServerCpuSeconds * 1000 / Math.Max(1, all.Count):F2}"));
            }
            return failed ? 1 : 0;
        }
        finally
        {
            if (server is { HasExited: false })
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
            server?.Dispose();
            if (reuse is not null)
            {
                Console.WriteLine($"kept the database {database} for the next run with --database {database}");
            }
            else if (postgres is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await AdminAsync(postgres, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            }
            else if (args.Contains("--keep"))
            {
                Console.WriteLine("kept " + sqliteFile);
            }
            else
            {
                SqliteConnection.ClearAllPools();
                foreach (var file in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" }.Where(File.Exists))
                {
                    File.Delete(file);
                }
            }
        }
    }

    private sealed record BenchAccount(Guid Id, string Number, Guid ProjectId, Currency Currency);

    private sealed record World(Guid OrganizationId, IReadOnlyList<Guid> Projects, IReadOnlyList<BenchAccount> Accounts, IReadOnlyList<DateOnly> Months, string ApiKey);

    private sealed record Sample(string Kind, double Milliseconds, bool Ok, string? Error);

    private sealed record Run(List<Sample> Samples, double Seconds, double PeakRssMb, double ServerCpuSeconds);

    private static async Task<World> CreateWorldAsync(PortalDbContext db, int accountCount)
    {
        var now = DateTimeOffset.UtcNow;
        var organization = new Organization { Name = "Bench K.K.", Code = "bench", LegalName = "Bench K.K.", Address = "Tokyo", CreatedAt = now, UpdatedAt = now };
        var user = new PortalUser
        {
            Id = Guid.CreateVersion7(), UserName = Email, NormalizedUserName = Email.ToUpperInvariant(), Email = Email, NormalizedEmail = Email.ToUpperInvariant(),
            EmailConfirmed = true, DisplayName = "Bench", SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = now,
        };
        user.PasswordHash = new PasswordHasher<PortalUser>().HashPassword(user, Password);
        db.AddRange(organization, user);
        db.Memberships.Add(new Membership { Organization = organization, UserId = user.Id, Type = MemberType.Power, JoinedAt = now });
        var (apiKey, key) = ApiKey.Create(user.Id, "bench", now, null);
        db.ApiKeys.Add(apiKey);
        var projects = Enumerable.Range(0, Math.Max(1, accountCount / 20)).Select(i => new Project
        {
            Organization = organization, Name = $"Project {i:D3}", Currency = i % 4 == 3 ? Currency.Usd : Currency.Jpy, CreatedAt = now,
        }).ToList();
        db.Projects.AddRange(projects);
        var accounts = Enumerable.Range(0, accountCount).Select(i => new AwsAccount
        {
            AccountNumber = (300_000_000_000L + i).ToString(CultureInfo.InvariantCulture), Organization = organization, Project = projects[i % projects.Count],
            Name = $"account-{i:D4}", JoinedOn = new DateOnly(2020, 1, 1), CreatedAt = now,
        }).ToList();
        db.AwsAccounts.AddRange(accounts);
        var thisMonth = new DateOnly(now.Year, now.Month, 1);
        var months = Enumerable.Range(0, 13).Select(i => thisMonth.AddMonths(i - 12)).ToList();
        db.BillingPeriods.AddRange(months.Select(m => new BillingPeriod
        {
            PayerAccountId = "999999999999", Month = m, SourceId = Guid.NewGuid(), DeliveryId = Guid.NewGuid(), LastAggregatedAt = now,
            DataCompleteThrough = now, LineCount = 0, FactCount = 0,
        }));
        await db.SaveChangesAsync();
        return new World(organization.Id, [.. projects.Select(p => p.Id)],
            [.. accounts.Select(a => new BenchAccount(a.Id, a.AccountNumber, a.ProjectId, projects.Single(p => p.Id == a.ProjectId).Currency))], months, key);
    }

    /// <summary>The organization, its accounts and 13 months of charge lines and monthly sums, checked by reading them back.</summary>
    private static async Task<World> SeedAsync(PortalDbContext db, string connection, bool sqlite, int accountCount, int linesPerMonth)
    {
        var generation = Stopwatch.StartNew();
        var world = await CreateWorldAsync(db, accountCount);
        var written = sqlite
            ? await WriteSqliteAsync(connection, world, linesPerMonth)
            : await WritePostgresAsync(connection, world, linesPerMonth);
        // The monthly sums RecomputeCharges keeps beside the lines, which the project summary reads.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO charge_month_sums (payer_account_id, month, organization_id, project_id, account_number, tag_value, usd, amount, currency)
            SELECT payer_account_id, month, organization_id, project_id, account_number, tag_value, SUM(usd), SUM(amount), currency
            FROM charge_lines GROUP BY payer_account_id, month, organization_id, project_id, account_number, tag_value, currency
            """);
        // The generated rows must read back through EF exactly as the portal's own would.
        var stored = await db.ChargeLines.CountAsync(c => c.OrganizationId == world.OrganizationId && c.AccountNumber == world.Accounts[0].Number);
        var sums = await db.ChargeMonthSums.Where(c => c.OrganizationId == world.OrganizationId && c.AccountNumber == world.Accounts[0].Number).SumAsync(c => c.Amount);
        var lines = await db.ChargeLines.Where(c => c.OrganizationId == world.OrganizationId && c.AccountNumber == world.Accounts[0].Number).SumAsync(c => c.Amount);
        if (stored != 13 * linesPerMonth || sums != lines)
        {
            throw new InvalidOperationException($"generated rows do not read back through EF ({stored} of {13 * linesPerMonth})");
        }
        Console.WriteLine($"generated {written:N0} charge lines for {accountCount} accounts × 13 months in {generation.Elapsed.TotalSeconds:F1} s");
        return world;
    }

    /// <summary>
    /// The world of a database an earlier run with the same <c>--database</c> seeded completely (its monthly sums are
    /// written last), with a new API key (only the key's hash is stored); null when the database is empty.
    /// </summary>
    private static async Task<World?> ExistingWorldAsync(PortalDbContext db, int linesPerMonth)
    {
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Code == "bench").Select(o => (Guid?)o.Id).SingleOrDefaultAsync();
        if (organization is not { } organizationId)
        {
            return null;
        }
        var accounts = await db.AwsAccounts.AsNoTracking().Where(a => a.OrganizationId == organizationId).OrderBy(a => a.AccountNumber)
            .Select(a => new BenchAccount(a.Id, a.AccountNumber, a.ProjectId, a.Project.Currency)).ToListAsync();
        var stored = await db.ChargeLines.CountAsync(c => c.OrganizationId == organizationId && c.AccountNumber == accounts[0].Number);
        if (stored != 13 * linesPerMonth || !await db.ChargeMonthSums.AnyAsync(c => c.OrganizationId == organizationId))
        {
            throw new InvalidOperationException($"the kept database was seeded with other --lines or did not finish seeding ({stored} lines of the first account): drop it or name another --database");
        }
        var projects = await db.Projects.AsNoTracking().Where(p => p.OrganizationId == organizationId).OrderBy(p => p.Name).Select(p => p.Id).ToListAsync();
        var months = await db.BillingPeriods.AsNoTracking().Select(p => p.Month).Distinct().OrderBy(m => m).ToListAsync();
        var normalizedEmail = Email.ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedEmail == normalizedEmail).Select(u => u.Id).SingleAsync();
        var (apiKey, key) = ApiKey.Create(userId, "bench " + DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), DateTimeOffset.UtcNow, null);
        db.ApiKeys.Add(apiKey);
        await db.SaveChangesAsync();
        return new World(organizationId, projects, accounts, months, key);
    }

    /// <summary>The charge lines of one account's month: days × services × tags, deterministic amounts.</summary>
    private static IEnumerable<ChargeLine> Lines(World world, BenchAccount account, DateOnly month, int count, Random random)
    {
        var days = DateTime.DaysInMonth(month.Year, month.Month);
        for (var i = 0; i < count; i++)
        {
            var usd = FixedPoint.FromDecimal(Math.Round((decimal)random.NextDouble() * 20m, 10));
            yield return new ChargeLine
            {
                PayerAccountId = "999999999999", Month = month, OrganizationId = world.OrganizationId, ProjectId = account.ProjectId,
                AccountNumber = account.Number, Day = month.AddDays(i % days), ProductCode = Services[i / days % Services.Length],
                Category = 0, LineItemType = "Usage", TagValue = Tags[i / days / Services.Length % Tags.Length], Usd = usd,
                Amount = account.Currency == Currency.Jpy ? usd * 150 : usd, Currency = account.Currency,
            };
        }
    }

    private static async Task<long> WriteSqliteAsync(string connection, World world, int linesPerMonth)
    {
        await using var sqlite = new SqliteConnection(connection);
        await sqlite.OpenAsync();
        await using var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync();
        await using var insert = sqlite.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO charge_lines (payer_account_id, month, organization_id, project_id, account_number, day, product_code, category,
                                      line_item_type, tag_value, usd, amount, currency)
            VALUES ($payer, $month, $org, $project, $account, $day, $product, $category, $type, $tag, $usd, $amount, $currency)
            """;
        var parameters = SqliteParameters.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        insert.Prepare();
        var random = new Random(7);
        long written = 0;
        foreach (var account in world.Accounts)
        {
            foreach (var month in world.Months)
            {
                foreach (var line in Lines(world, account, month, linesPerMonth, random))
                {
                    // EF Core's SQLite mapping: dates as ISO text, GUIDs as upper-case text, enums as integers.
                    object[] values =
                    [
                        line.PayerAccountId, Iso(line.Month), line.OrganizationId.ToString().ToUpperInvariant(), line.ProjectId.ToString().ToUpperInvariant(),
                        line.AccountNumber, Iso(line.Day), line.ProductCode, line.Category, line.LineItemType, line.TagValue, line.Usd, line.Amount, (int)line.Currency,
                    ];
                    for (var i = 0; i < values.Length; i++)
                    {
                        parameters[i].Value = values[i];
                    }
                    await insert.ExecuteNonQueryAsync();
                    written++;
                }
            }
        }
        await transaction.CommitAsync();
        await using var analyze = sqlite.CreateCommand();
        analyze.CommandText = "ANALYZE";
        await analyze.ExecuteNonQueryAsync();
        return written;
    }

    private static async Task<long> WritePostgresAsync(string connection, World world, int linesPerMonth)
    {
        await using var postgres = new NpgsqlConnection(connection);
        await postgres.OpenAsync();
        var random = new Random(7);
        long written = 0;
        await using (var copy = await postgres.BeginBinaryImportAsync("""
            COPY charge_lines (payer_account_id, month, organization_id, project_id, account_number, day, product_code, category,
                               line_item_type, tag_value, usd, amount, currency) FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var account in world.Accounts)
            {
                foreach (var month in world.Months)
                {
                    foreach (var line in Lines(world, account, month, linesPerMonth, random))
                    {
                        await copy.StartRowAsync();
                        await copy.WriteAsync(line.PayerAccountId, NpgsqlDbType.Varchar);
                        await copy.WriteAsync(line.Month, NpgsqlDbType.Date);
                        await copy.WriteAsync(line.OrganizationId, NpgsqlDbType.Uuid);
                        await copy.WriteAsync(line.ProjectId, NpgsqlDbType.Uuid);
                        await copy.WriteAsync(line.AccountNumber, NpgsqlDbType.Varchar);
                        await copy.WriteAsync(line.Day, NpgsqlDbType.Date);
                        await copy.WriteAsync(line.ProductCode, NpgsqlDbType.Varchar);
                        await copy.WriteAsync(line.Category, NpgsqlDbType.Integer);
                        await copy.WriteAsync(line.LineItemType, NpgsqlDbType.Varchar);
                        await copy.WriteAsync(line.TagValue, NpgsqlDbType.Varchar);
                        await copy.WriteAsync(line.Usd, NpgsqlDbType.Bigint);
                        await copy.WriteAsync(line.Amount, NpgsqlDbType.Bigint);
                        await copy.WriteAsync((int)line.Currency, NpgsqlDbType.Integer);
                        written++;
                    }
                }
            }
            await copy.CompleteAsync();
        }
        await using var analyze = postgres.CreateCommand();
        analyze.CommandText = "ANALYZE";
        await analyze.ExecuteNonQueryAsync();
        return written;
    }

    /// <summary>
    /// Each client picks a page kind, then a URL of that kind, at random until the time is up; every request is recorded
    /// (a non-200 answer or a failed request counts as an error instead of ending the run). The server's resident memory
    /// is sampled meanwhile.
    /// </summary>
    private static async Task<Run> LoadAsync((string Kind, HttpClient Client, string[] Urls)[] targets, int clients, TimeSpan duration, Process server)
    {
        var cpuBefore = CpuSeconds(server);
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var memory = Task.Run(async () =>
        {
            double peak = 0;
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, ResidentMb(server));
                await Task.Delay(250, CancellationToken.None);
            }
            return peak;
        });
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var random = new Random(client);
            var samples = new List<Sample>();
            while (clock.Elapsed < duration)
            {
                var (kind, http, urls) = targets[random.Next(targets.Length)];
                var url = urls[random.Next(urls.Length)];
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
                    var ok = response.StatusCode == HttpStatusCode.OK;
                    samples.Add(new Sample(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ok, ok ? null : $"GET {url} answered {(int)response.StatusCode}"));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    samples.Add(new Sample(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, false, $"GET {url}: {e.Message}"));
                }
            }
            return samples;
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = CpuSeconds(server) - cpuBefore;
        await stop.CancelAsync();
        return new Run([.. results.SelectMany(r => r)], seconds, await memory, cpu);
    }

    /// <summary>The server's resident set in MB (Linux /proc; 0 elsewhere).</summary>
    private static double ResidentMb(Process server)
    {
        var status = $"/proc/{server.Id}/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)) : null;
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>
    /// The server's CPU time so far (user + system, Linux /proc; 0 elsewhere). Divided by the requests served it is the
    /// cost of a request, which, unlike latency, hardly depends on what else the shared machine is doing.
    /// </summary>
    private static double CpuSeconds(Process server)
    {
        var stat = $"/proc/{server.Id}/stat";
        if (!File.Exists(stat))
        {
            return 0;
        }
        // Fields after the parenthesised command name: state is field 3, utime and stime fields 14 and 15 (clock ticks, 100 a second).
        var fields = File.ReadAllText(stat).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>The machine's one-minute load average: the machine is shared, so every figure is reported with it.</summary>
    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static async Task SignInAsync(HttpClient http)
    {
        var form = await http.GetStringAsync("/signin");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = Email, ["Password"] = Password, ["__RequestVerificationToken"] = token,
        });
        using var response = await http.PostAsync("/signin", content);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("/signin", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>The portal as it runs in production: its own process, Kestrel, quiet logs, no background jobs.</summary>
    private static Process StartServer(string webAssembly, IConfiguration configuration, int port)
    {
        var start = new ProcessStartInfo("dotnet", [webAssembly])
        {
            WorkingDirectory = Path.GetDirectoryName(webAssembly)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = configuration["Database:Provider"];
        start.Environment["ConnectionStrings__Portal"] = configuration["ConnectionStrings:Portal"];
        start.Environment["Database__MigrateAtStartup"] = "false";
        start.Environment["Demo__SeedOnFirstStart"] = "false";
        start.Environment["Jobs__RunServer"] = "false";
        start.Environment["Mail__PickupFolder"] = Path.Combine(Path.GetTempPath(), "portal-serve-mail");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The per-key rate limit (10/s) would turn the API share of the load into 429s: the benchmark measures serving.
        start.Environment["Api__RequestsPerSecond"] = "1000000";
        start.Environment["Api__Burst"] = "1000000";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("server: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilUpAsync(HttpClient http, Process server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"the portal exited with {server.ExitCode}");
            }
            try
            {
                using var response = await http.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("the portal did not answer /healthz within 60 s");
    }

    /// <summary>The web project's build output next to the benchmark's own configuration (build the solution first).</summary>
    private static string WebAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.slnx")))
            {
                var path = Path.Combine(dir.FullName, "src", "Portal.Web", "bin", configuration, "net10.0", "Portal.Web.dll");
                return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build it first (dotnet build -c {configuration} src/Portal.Web)");
            }
        }
        throw new InvalidOperationException("Portal.slnx was not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> DatabaseExistsAsync(string server, string database)
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var command = admin.CreateCommand();
        command.CommandText = "SELECT 1 FROM pg_database WHERE datname = @name";
        command.Parameters.AddWithValue("name", database);
        return await command.ExecuteScalarAsync() is not null;
    }

    private static async Task AdminAsync(string server, string sql)
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var command = admin.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
