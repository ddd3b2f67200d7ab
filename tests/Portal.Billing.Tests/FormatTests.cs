using Portal.Billing.Deliveries;
using Portal.Billing.Facts;
using Portal.Billing.Reading;
using Portal.Billing.Synthetic;
using Portal.Core.Billing;

namespace Portal.Billing.Tests;

public sealed class FormatTests
{
    [Theory]
    [InlineData("lineItem/UnblendedCost", "line_item_unblended_cost")]
    [InlineData("lineItem/UsageAccountId", "line_item_usage_account_id")]
    [InlineData("reservation/ReservationARN", "reservation_reservation_a_r_n")]
    [InlineData("resourceTags/user:CmBillingGroup", "resource_tags_user_cm_billing_group")]
    [InlineData("savingsPlan/SavingsPlanEffectiveCost", "savings_plan_savings_plan_effective_cost")]
    [InlineData("pricing/publicOnDemandCost", "pricing_public_on_demand_cost")]
    [InlineData("line_item_unblended_cost", "line_item_unblended_cost")]
    [InlineData("BilledCost", "billedcost")]
    public void Normalize_CurSpellings_GiveAthenaNames(string name, string expected) =>
        Assert.Equal(expected, ColumnNames.Normalize(name));

    [Theory]
    [InlineData("cur/year=2018/month=12", "2018-12")]
    [InlineData("exports/focus/data/BILLING_PERIOD=2024-09", "2024-09")]
    [InlineData("report/20180801-20180901/abc", "2018-08")]
    [InlineData("loose", "")]
    public void PeriodFromPath_FolderConventions_GiveTheMonth(string folder, string expected) =>
        Assert.Equal(expected, DeliveryDiscovery.PeriodFromPath(folder));

    [Theory]
    [InlineData("auto", ReportFormat.Auto)]
    [InlineData("cur-csv", ReportFormat.CurCsv)]
    [InlineData("cur-parquet", ReportFormat.CurParquet)]
    [InlineData("cur2", ReportFormat.Cur2)]
    [InlineData("focus", ReportFormat.Focus)]
    public void ParseFormat_CliSpellings_MapToFormats(string text, ReportFormat expected) =>
        Assert.Equal(expected, BillingSources.ParseFormat(text));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AddSource_PayerNotTwelveDigitsOrUnknownFormat_IsRefused(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);

        await Assert.ThrowsAsync<ArgumentException>(() => Ingest.AddSourceAsync(db, TempFolder.Create("refused"), payer: "12345"));
        Assert.Throws<ArgumentException>(() => BillingSources.ParseFormat("cur3"));
        var added = await Ingest.AddSourceAsync(db, TempFolder.Create("accepted"), payer: "012345678901");
        Assert.Equal(BillingSource.DefaultTagKey, added.TagKey);
    }

    [Fact]
    public void FixedPoint_TenDecimals_RoundTripsExactlyAndRejectsMore()
    {
        var value = 12345.0123456789m;
        Assert.Equal(value, FixedPoint.ToDecimal(FixedPoint.FromDecimal(value)));
        Assert.Throws<ArgumentException>(() => FixedPoint.FromDecimal(0.00000000001m));
    }

    /// <summary>
    /// The same synthetic month in all four formats — tags as a legacy column, as CUR 2.0 map keys
    /// (<c>user_cm_billing_group</c>) and as FOCUS map keys (<c>user:CmBillingGroup</c>), and the generator's own FOCUS
    /// EffectiveCost against the engine's amortisation rules — gives the same sums per account and tag.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ingest_SameMonthInEveryFormat_SameSumsPerAccountAndTag(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var month = new DateOnly(2026, 7, 1);
        var payers = new Dictionary<ReportFormat, string>
        {
            [ReportFormat.CurCsv] = "100000000001", [ReportFormat.CurParquet] = "100000000002",
            [ReportFormat.Cur2] = "100000000003", [ReportFormat.Focus] = "100000000004",
        };
        SyntheticDelivery? csv = null;
        foreach (var (format, payer) in payers)
        {
            var folder = TempFolder.Create(format.ToString());
            var delivery = SyntheticCurGenerator.Generate(new SyntheticCurRequest(format, 6, 30_000, folder, month, payer, Seed: 11, DeliveryId: "same"));
            csv ??= delivery;
            var source = await Ingest.AddSourceAsync(db, folder, payer);
            await Ingest.SucceedAsync(db, source.Id);
        }

        var expected = Synthetic.ExpectedLegacyCsv(csv!)
            .GroupBy(r => (r.Account, r.Tag))
            .Select(g => new GoldenRow(g.Key.Account, "", g.Key.Tag, g.Sum(r => r.Unblended), g.Sum(r => r.Amortized), g.Sum(r => r.Lines)))
            .ToList();
        Assert.Contains(expected, r => r.Tag.Length > 0);
        foreach (var payer in payers.Values)
        {
            var stored = (await Ingest.SumsAsync(db, payer, month, FactGrouping.Account | FactGrouping.Tag))
                .Select(s => new GoldenRow(s.UsageAccountId!, "", s.Tag!, s.Unblended, s.Amortized, s.LineCount)).ToList();
            Expected.Equal(expected, stored);
        }
    }
}
