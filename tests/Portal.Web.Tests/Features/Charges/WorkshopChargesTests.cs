using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Billing;
using Portal.Billing.Rating;
using Portal.Core.Billing;
using Portal.Core.Charges;
using Portal.Core.Projects;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Charges;

/// <summary>
/// The "Must show": both WorkshopCUR months ingested (tag key cost_center), the two accounts in a JPY and a USD
/// project, a 5 % discount and 150.00 JPY/USD. The account page's totals and tag shares and the usage CSV's sum equal
/// amounts computed here straight from the raw Parquet files with DuckDB, not through the portal's code.
/// </summary>
public sealed class WorkshopChargesTests(PortalApps apps)
{
    private const string Payer = "555555555555";
    private const string SmallAccount = "011254002932";
    private const string LargeAccount = "836060457634";
    private static readonly DateOnly[] Months = [new(2018, 10, 1), new(2018, 11, 1)];

    [Theory, BothDatabases]
    public async Task WorkshopCur_AccountPageTotalsTagSharesAndCsvSum_EqualTheRawFiles(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("workshop");
        var jpy = await app.CreateProjectAsync(world.OrgId, "円プロジェクト", Currency.Jpy);
        var usd = await app.CreateProjectAsync(world.OrgId, "Dollar project", Currency.Usd);
        var small = await AddWorkshopAccountAsync(app, jpy.Id, SmallAccount);
        var large = await AddWorkshopAccountAsync(app, usd.Id, LargeAccount);
        await app.WithDbAsync(async context =>
        {
            // Scoped to this organization: the app is shared with other tests.
            context.RatingRules.Add(new RatingRuleEntry
            {
                Kind = (int)RuleKind.Adjustment, Scope = (int)RuleScopeKind.Organization, ScopeValue = world.OrgId.ToString(), Percent = -5m,
                EffectiveFrom = new DateOnly(2018, 1, 1), UpdatedAt = app.Clock.GetUtcNow(),
            });
            context.ExchangeRates.AddRange(Months.Select(m => new ExchangeRateEntry
            {
                Month = m, UsdToJpy = 150.00m, Source = "test", RateDate = m, UpdatedAt = app.Clock.GetUtcNow(),
            }));
            return await context.SaveChangesAsync();
        });
        await app.WithServicesAsync(async services =>
        {
            var source = await services.GetRequiredService<BillingSources>().AddAsync(
                new NewBillingSource(Payer, SharedData.PathOf("cur-legacy-parquet"), ReportFormat.Auto, "cost_center", null), CancellationToken.None);
            var outcomes = await services.GetRequiredService<BillingIngestion>().IngestSourceAsync(source.Id, null, CancellationToken.None);
            Assert.All(outcomes.Where(o => !o.Skipped), o => Assert.True(o.State == RunState.Succeeded, o.Error));
            await services.GetRequiredService<RecomputeCharges>().RecomputeStaleAsync(CancellationToken.None);
        });
        var expected = ExpectedCharges(Path.Combine(SharedData.PathOf("cur-legacy-parquet"), "*.parquet"));
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);

        foreach (var (account, id, currency) in new[] { (SmallAccount, small, Currency.Jpy), (LargeAccount, large, Currency.Usd) })
        {
            foreach (var month in Months)
            {
                var key = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                var byTag = expected.Where(e => e.Account == account && e.Month == month).ToDictionary(e => e.Tag, e => InCurrency(e.Usd, currency));
                var total = byTag.Values.Sum();
                var page = await client.GetDocumentAsync($"/orgs/{world.OrgId}/accounts/{id}/charges?month={key}");

                Assert.Equal(Display(total, currency), page.Text("[data-testid=charges-total]"));
                var rows = page.QuerySelectorAll("[data-testid=tags-table] tbody tr")
                    .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
                Assert.Equal(byTag.Count, rows.Count);
                Assert.True(byTag.Count >= 2, "the month has tagged and untagged cost, so the shares mean something");
                foreach (var (tag, amount) in byTag)
                {
                    var label = tag.Length == 0 ? "（タグなし）" : tag;
                    var row = Assert.Single(rows, r => r[0] == label);
                    Assert.Equal(Display(amount, currency), row[1]);
                    Assert.Equal(Math.Round(amount / total * 100m, 1).ToString("0.0", CultureInfo.InvariantCulture), row[2]);
                }

                var csv = await ReadCsvAsync(client, $"/orgs/{world.OrgId}/accounts/{id}/usage.csv?month={key}");
                Assert.True(csv.Rows.Count > 100, $"{account} {key}: the CSV has the month's lines");
                Assert.All(csv.Rows, r => Assert.Equal(new[] { key, "Estimated", account }, new[] { r[1], r[2], r[3] }));
                var csvSum = csv.Rows.Sum(r => decimal.Parse(r[15], NumberStyles.Float, CultureInfo.InvariantCulture));
                // Each CSV cost and each stored charge line keeps 10 decimals (ADR 0005): they differ by rounding only.
                var bound = csv.Rows.Count * 0.0000000001m * (currency == Currency.Jpy ? 150m : 1m);
                Assert.True(Math.Abs(csvSum - total) <= bound, $"{account} {key}: CSV sum {csvSum}, raw files {total}");
                Assert.Equal(page.Text("[data-testid=charges-total]"), Display(csvSum, currency));
                var csvByTag = csv.Rows.GroupBy(r => r[17]).ToDictionary(g => g.Key, g => g.Sum(r => decimal.Parse(r[15], NumberStyles.Float, CultureInfo.InvariantCulture)));
                Assert.Equal(byTag.Keys.Order(), csvByTag.Keys.Order());
            }
        }
    }

    [Theory, BothDatabases]
    public async Task UsageCsv_HasBomAndTheEighteenColumns_AndRefusesABadMonth(DatabaseKind db)
    {
        var app = await apps.For(db);
        var world = await app.CreateWorldAsync("usagecsv");
        using var client = await app.SignedInClientAsync(world.PowerUser.Email!, world.Password);

        var csv = await ReadCsvAsync(client, $"/orgs/{world.OrgId}/accounts/{world.AccountId}/usage.csv?month=2026-10");
        Assert.Empty(csv.Rows);
        Assert.Equal(
            "id,month,invoice_id,aws_account_id,product_name,rate_id,subscription_id,pricing_plan_id,usage_type,operation,availability_zone,reserved_instance,item_description,usage_quantity,rate,cost,resource_id,tag_value",
            csv.Header);

        foreach (var bad in new[] { "2026-13", "2026-1", "october", "" })
        {
            using var response = await client.GetAsync($"/orgs/{world.OrgId}/accounts/{world.AccountId}/usage.csv?month={bad}");
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("YYYY-MM", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private sealed record Csv(string Header, List<string[]> Rows);

    /// <summary>Reads the CSV as bytes: it must open with the UTF-8 byte-order mark and hold 18 plain fields a row.</summary>
    private static async Task<Csv> ReadCsvAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // WorkshopCUR names have no commas or quotes, so splitting on commas reads them exactly.
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows, r => Assert.Equal(18, r.Length));
        return new Csv(lines[0], rows);
    }

    private static Task<Guid> AddWorkshopAccountAsync(PortalApp app, Guid projectId, string number) =>
        app.WithDbAsync(async context =>
        {
            var project = await context.Projects.SingleAsync(p => p.Id == projectId);
            var account = new AwsAccount
            {
                AccountNumber = number, OrganizationId = project.OrganizationId, ProjectId = projectId, Name = "workshop-" + number,
                JoinedOn = new DateOnly(2018, 1, 1), CreatedAt = app.Clock.GetUtcNow(),
            };
            context.AwsAccounts.Add(account);
            context.ProjectAssignments.Add(new ProjectAssignment
            {
                OrganizationId = project.OrganizationId, AwsAccount = account, ProjectId = projectId, EffectiveFrom = new DateOnly(2018, 1, 1),
                CreatedAt = app.Clock.GetUtcNow(),
            });
            await context.SaveChangesAsync();
            return account.Id;
        });

    private static decimal InCurrency(decimal usd, Currency currency) => currency == Currency.Jpy ? usd * 150.00m : usd;

    /// <summary>The page's money format, written out here: whole yen rounded half away from zero, dollars with cents.</summary>
    private static string Display(decimal amount, Currency currency) => currency == Currency.Jpy
        ? "¥" + Math.Round(amount, 0, MidpointRounding.AwayFromZero).ToString("#,0", CultureInfo.InvariantCulture)
        : "$" + Math.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("#,0.00", CultureInfo.InvariantCulture);

    private sealed record ExpectedCharge(string Account, DateOnly Month, string Tag, decimal Usd);

    /// <summary>
    /// The rules applied by hand to exact DuckDB sums of the raw files: usage and fees −5 %, tax and the SPP discount
    /// retained, everything else as billed; per account, month and cost_center value (empty when untagged).
    /// </summary>
    private static List<ExpectedCharge> ExpectedCharges(string glob)
    {
        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = $"""
            SELECT line_item_usage_account_id, strftime(bill_billing_period_start_date, '%Y-%m-01'), line_item_line_item_type,
                   coalesce(nullif(resource_tags_user_cost_center, ''), ''),
                   CAST(SUM(CAST(line_item_unblended_cost AS DECIMAL(38, 10))) AS VARCHAR)
            FROM read_parquet('{glob.Replace("'", "''", StringComparison.Ordinal)}', union_by_name = true)
            GROUP BY ALL
            """;
        using var reader = command.ExecuteReader();
        var sums = new Dictionary<(string, DateOnly, string), decimal>();
        while (reader.Read())
        {
            var key = (reader.GetString(0), DateOnly.Parse(reader.GetString(1), CultureInfo.InvariantCulture), reader.GetString(3));
            var sum = decimal.Parse(reader.GetString(4), CultureInfo.InvariantCulture);
            var charged = reader.GetString(2) switch
            {
                "Tax" or "SppDiscount" => 0m,
                "Usage" or "DiscountedUsage" or "SavingsPlanCoveredUsage" or "Fee" or "RIFee" or "SavingsPlanRecurringFee" or "SavingsPlanUpfrontFee" => sum * 0.95m,
                _ => sum,
            };
            sums[key] = sums.GetValueOrDefault(key) + charged;
        }
        return [.. sums.Select(s => new ExpectedCharge(s.Key.Item1, s.Key.Item2, s.Key.Item3, s.Value))];
    }
}

/// <summary>Locates <c>../shared/data</c> (the real AWS billing files) beside the repository; never copied into it.</summary>
public static class SharedData
{
    public static string PathOf(string folder)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "data", folder));
        return Directory.Exists(path) ? path : throw new DirectoryNotFoundException($"The shared billing files were not found at {path}.");
    }

    /// <summary>The folder holding Portal.slnx, above the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Portal.slnx was not found above " + AppContext.BaseDirectory);
    }
}
