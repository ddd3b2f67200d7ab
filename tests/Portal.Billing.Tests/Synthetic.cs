using Portal.Billing.Synthetic;
using Portal.Core.Billing;

namespace Portal.Billing.Tests;

/// <summary>Generated legacy CSV deliveries and their sums computed straight from the raw file.</summary>
public static class Synthetic
{
    public static readonly DateOnly Month = new(2026, 9, 1);

    /// <summary>Writes a new assembly of the month into <paramref name="folder"/>; the period manifest now points at it.</summary>
    public static SyntheticDelivery LegacyCsv(string folder, int seed, long rows = 20_000, string payer = "999999999999") =>
        SyntheticCurGenerator.Generate(new SyntheticCurRequest(ReportFormat.CurCsv, 4, rows, folder, Month, payer, seed, DeliveryId: $"assembly-{seed}"));

    /// <summary>Per account × type × tag, with the amortised rules of SPEC F7 written out by hand.</summary>
    public static List<GoldenRow> ExpectedLegacyCsv(SyntheticDelivery delivery)
    {
        var files = string.Join(", ", delivery.DataFiles.Select(f => Ingest.Sql(Path.Combine(delivery.Root, f))));
        static string D(string column) => $"coalesce(CAST(NULLIF(\"{column}\", '') AS DECIMAL(38,10)), 0)";
        return Expected.Query($"""
            SELECT "lineItem/UsageAccountId", "lineItem/LineItemType", coalesce("resourceTags/user:CmBillingGroup", ''),
                   sum({D("lineItem/UnblendedCost")}),
                   sum(CASE "lineItem/LineItemType"
                         WHEN 'SavingsPlanCoveredUsage' THEN {D("savingsPlan/SavingsPlanEffectiveCost")}
                         WHEN 'SavingsPlanRecurringFee' THEN {D("savingsPlan/TotalCommitmentToDate")} - {D("savingsPlan/UsedCommitment")}
                         WHEN 'SavingsPlanNegation' THEN 0
                         WHEN 'SavingsPlanUpfrontFee' THEN 0
                         WHEN 'DiscountedUsage' THEN {D("reservation/EffectiveCost")}
                         WHEN 'RIFee' THEN {D("reservation/UnusedAmortizedUpfrontFeeForBillingPeriod")} + {D("reservation/UnusedRecurringFee")}
                         WHEN 'Fee' THEN CASE WHEN coalesce("reservation/ReservationARN", '') <> '' THEN 0 ELSE {D("lineItem/UnblendedCost")} END
                         ELSE {D("lineItem/UnblendedCost")} END),
                   count(*)
            FROM read_csv([{files}], header = true, all_varchar = true)
            GROUP BY ALL
            """);
    }
}
