using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Portal.Billing.Reading;
using Portal.Core.Billing;

namespace Portal.Billing.Synthetic;

/// <summary>
/// What to generate: one month of one payer, in one report format; <c>DaysSoFar</c> limits a month to date.
/// </summary>
public sealed record SyntheticCurRequest(
    ReportFormat Format, int Accounts, long Rows, string OutputFolder, DateOnly Month, string PayerAccountId = "999999999999",
    int Seed = 1, IReadOnlyList<string>? AccountIds = null, bool Final = false, string? DeliveryId = null, long RowsPerFile = 1_000_000,
    int? DaysSoFar = null);

/// <summary>The files written, relative to the output folder.</summary>
public sealed record SyntheticDelivery(string Root, IReadOnlyList<string> DataFiles, string? Manifest, long Rows);

/// <summary>
/// Writes realistic synthetic cost reports with DuckDB — hourly lines of long-running resources across many services
/// and regions, RI and Savings Plans coverage, fees, credits, refunds and tax, about 40% of the cost tagged — in
/// the layouts AWS delivers: legacy CSV.gz with manifest and assembly, legacy Parquet in year=/month= folders,
/// CUR 2.0 Parquet (map columns) and FOCUS Parquet with their export manifests. Every file name says "synthetic".
/// </summary>
public static class SyntheticCurGenerator
{
    private static readonly string[] ServiceCodes =
    [
        "AmazonEC2", "AmazonS3", "AmazonRDS", "AWSLambda", "AmazonCloudFront", "AmazonDynamoDB", "AmazonEKS", "AmazonVPC",
        "AWSELB", "AmazonCloudWatch", "AmazonSNS", "AmazonSQS", "AWSDataTransfer", "AmazonElastiCache", "awskms",
    ];

    private static readonly string[] ServiceNames =
    [
        "Amazon Elastic Compute Cloud", "Amazon Simple Storage Service", "Amazon Relational Database Service", "AWS Lambda",
        "Amazon CloudFront", "Amazon DynamoDB", "Amazon Elastic Container Service for Kubernetes", "Amazon Virtual Private Cloud",
        "Elastic Load Balancing", "AmazonCloudWatch", "Amazon Simple Notification Service", "Amazon Simple Queue Service",
        "AWS Data Transfer", "Amazon ElastiCache", "AWS Key Management Service",
    ];

    private static readonly string[][] UsageTypes =
    [
        ["BoxUsage:m5.large", "BoxUsage:c6g.xlarge", "EBS:VolumeUsage.gp3"], ["TimedStorage-ByteHrs", "Requests-Tier1", "Requests-Tier2"],
        ["InstanceUsage:db.r6g.large", "RDS:GP2-Storage", "Multi-AZUsage:db.m5.large"], ["Lambda-GB-Second", "Request", "Lambda-Provisioned-GB-Second"],
        ["DataTransfer-Out-Bytes", "Requests-Tier1", "Requests-HTTP-Proxy"], ["ReadRequestUnits", "WriteRequestUnits", "TimedStorage-ByteHrs"],
        ["AmazonEKS-Hours:perCluster", "AmazonEKS-Hours:perCluster", "Fargate-vCPU-Hours:perCPU"], ["NatGateway-Hours", "NatGateway-Bytes", "VpcEndpoint-Hours"],
        ["LoadBalancerUsage", "LCUUsage", "DataProcessing-Bytes"], ["CW:MetricMonitorUsage", "CW:Requests", "DataProcessing-Bytes"],
        ["Requests-Tier1", "DeliveryAttempts-HTTP", "DataTransfer-Out-Bytes"], ["Requests-RBP", "Requests-FIFO-RBP", "Requests-RBP"],
        ["DataTransfer-Regional-Bytes", "DataTransfer-Out-Bytes", "DataTransfer-In-Bytes"], ["NodeUsage:cache.r6g.large", "NodeUsage:cache.t3.micro", "BackupUsage"],
        ["KMS-Keys", "KMS-Requests", "KMS-Requests"],
    ];

    private static readonly string[] Operations = ["RunInstances", "PutObject", "CreateDBInstance", "Invoke", "GET", "PayPerRequestThroughput", "CreateOperation", "NatGateway", "LoadBalancing:Application", "MetricStorage", "Publish", "SendMessage", "DataTransfer", "CreateCacheCluster", "Encrypt"];

    private static readonly double[] Rates = [0.124, 0.025, 0.26, 0.0000166667, 0.114, 0.00000125, 0.10, 0.062, 0.0243, 0.30, 0.0000005, 0.0000004, 0.09, 0.206, 0.03];

    private static readonly string[] Regions = ["ap-northeast-1", "ap-northeast-3", "us-east-1", "us-west-2", "eu-west-1", "ap-southeast-1", "eu-central-1", "ap-northeast-2"];

    private static readonly string[] RegionPrefixes = ["APN1", "APN3", "USE1", "USW2", "EU", "APS1", "EUC1", "APN2"];

    private static readonly string[] TagValues = ["production", "staging", "development", "analytics", "shared"];

    public static SyntheticDelivery Generate(SyntheticCurRequest request)
    {
        Directory.CreateDirectory(request.OutputFolder);
        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        Execute(duck, "SET preserve_insertion_order = false");
        var files = new List<string>();
        var parts = (int)Math.Max(1, (request.Rows + request.RowsPerFile - 1) / request.RowsPerFile);
        var month = request.Month;
        var end = month.AddMonths(1);
        var deliveryId = request.DeliveryId ?? Guid.NewGuid().ToString();
        string dataFolder;
        string extension;
        string name;
        switch (request.Format)
        {
            case ReportFormat.CurCsv:
                name = "synthetic-cur";
                dataFolder = $"{name}/{month:yyyyMMdd}-{end:yyyyMMdd}/{deliveryId}";
                extension = ".csv.gz";
                break;
            case ReportFormat.CurParquet:
                name = "synthetic-cur-parquet";
                dataFolder = $"{name}/year={month.Year}/month={month.Month}";
                extension = ".snappy.parquet";
                break;
            case ReportFormat.Cur2:
                name = "synthetic-cur2";
                dataFolder = $"{name}/data/BILLING_PERIOD={month:yyyy-MM}";
                extension = ".snappy.parquet";
                break;
            case ReportFormat.Focus:
                name = "synthetic-focus";
                dataFolder = $"{name}/data/BILLING_PERIOD={month:yyyy-MM}";
                extension = ".snappy.parquet";
                break;
            default:
                throw new ArgumentException("Choose a concrete format to generate.", nameof(request));
        }
        var absoluteData = Path.Combine(request.OutputFolder, dataFolder);
        if (request.Format is ReportFormat.CurParquet or ReportFormat.Cur2 or ReportFormat.Focus && Directory.Exists(absoluteData))
        {
            // A new delivery of these layouts replaces the files of the month.
            Directory.Delete(absoluteData, recursive: true);
        }
        Directory.CreateDirectory(absoluteData);
        for (var part = 0; part < parts; part++)
        {
            var from = part * request.RowsPerFile;
            var to = Math.Min(request.Rows, from + request.RowsPerFile);
            var file = $"{dataFolder}/{name}-{part + 1:00000}{extension}";
            var target = LineSql.Literal(Path.Combine(request.OutputFolder, file));
            var options = request.Format == ReportFormat.CurCsv ? "FORMAT csv, HEADER true, COMPRESSION gzip" : "FORMAT parquet, COMPRESSION snappy";
            Execute(duck, $"COPY ({Projection(request.Format)} FROM ({Lines(request, from, to)})) TO {target} ({options})");
            files.Add(file);
        }
        var manifest = WriteManifest(request, name, deliveryId, files);
        return new SyntheticDelivery(request.OutputFolder, files, manifest, request.Rows);
    }

    private static string? WriteManifest(SyntheticCurRequest request, string name, string deliveryId, List<string> files)
    {
        var month = request.Month;
        var end = month.AddMonths(1);
        switch (request.Format)
        {
            case ReportFormat.CurCsv:
            {
                var manifest = new
                {
                    assemblyId = deliveryId,
                    account = request.PayerAccountId,
                    reportName = name,
                    compression = "GZIP",
                    contentType = "text/csv",
                    billingPeriod = new { start = $"{month:yyyyMMdd}T000000.000Z", end = $"{end:yyyyMMdd}T000000.000Z" },
                    reportKeys = files.Select(f => "reports/" + f).ToArray(),
                };
                var path = $"{name}/{month:yyyyMMdd}-{end:yyyyMMdd}/{name}-Manifest.json";
                File.WriteAllText(Path.Combine(request.OutputFolder, path), JsonSerializer.Serialize(manifest));
                File.WriteAllText(Path.Combine(request.OutputFolder, $"{name}/{month:yyyyMMdd}-{end:yyyyMMdd}/{deliveryId}/{name}-Manifest.json"), JsonSerializer.Serialize(manifest));
                return path;
            }
            case ReportFormat.Cur2 or ReportFormat.Focus:
            {
                var manifest = new
                {
                    executionId = deliveryId,
                    exportName = name,
                    billingPeriod = new { start = $"{month:yyyy-MM-dd}T00:00:00.000Z", end = $"{end:yyyy-MM-dd}T00:00:00.000Z" },
                    dataFiles = files.Select(f => "s3://synthetic-bucket/exports/" + f).ToArray(),
                };
                var folder = $"{name}/metadata/BILLING_PERIOD={month:yyyy-MM}";
                Directory.CreateDirectory(Path.Combine(request.OutputFolder, folder));
                var path = $"{folder}/{name}-Manifest.json";
                File.WriteAllText(Path.Combine(request.OutputFolder, path), JsonSerializer.Serialize(manifest));
                return path;
            }
            default:
                return null;
        }
    }

    /// <summary>Hourly lines of long-running resource streams: stream = i mod streams, hour = i div streams.</summary>
    private static string Lines(SyntheticCurRequest r, long from, long to)
    {
        var days = r.Month.AddMonths(1).DayNumber - r.Month.DayNumber;
        var hours = Math.Clamp(r.DaysSoFar ?? days, 1, days) * 24;
        var streams = Math.Max(1, (r.Rows + hours - 1) / hours);
        var accounts = r.AccountIds ?? [.. Enumerable.Range(0, Math.Max(1, r.Accounts)).Select(a => (100_000_000_000L + a * 7_919L).ToString(CultureInfo.InvariantCulture))];
        var accountCount = Math.Min(Math.Max(1, r.Accounts), accounts.Count);
        var month = r.Month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var nextMonth = r.Month.AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var invoice = r.Final ? LineSql.Literal($"synthetic-invoice-{r.Month:yyyyMM}") : "''";
        string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(LineSql.Literal)) + "]";
        var usageTypes = "[" + string.Join(", ", UsageTypes.Select(List)) + "]";
        var rates = "[" + string.Join(", ", Rates.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]";
        return LineSql.Invariant($"""
            WITH raw AS (
                SELECT i, i % {streams} AS s, (i // {streams}) % {hours} AS hour,
                       hash(i % {streams} + {r.Seed * 1_000_003L}) AS hs, hash(i + {r.Seed * 7_000_003L}) AS hi
                FROM range({from}, {to}) t(i)
            ), k AS (
                SELECT *, (hs % {ServiceCodes.Length})::INTEGER + 1 AS svc, ((hs >> 8) % 3)::INTEGER + 1 AS variant,
                       ((hs >> 16) % {Regions.Length})::INTEGER + 1 AS reg, (s % {accountCount})::INTEGER + 1 AS acct,
                       (hs >> 32) % 100 AS kind, (hs >> 40) % 100 AS tagged, ((hs >> 48) % {TagValues.Length})::INTEGER + 1 AS tagv,
                       1 + (hi % 1000) / 250.0 AS amount
                FROM raw
            ), l AS (
                SELECT *,
                    CASE WHEN kind < 68 THEN 'Usage' WHEN kind < 78 THEN 'DiscountedUsage' WHEN kind < 86 THEN 'SavingsPlanCoveredUsage'
                         WHEN kind < 89 THEN 'SavingsPlanNegation' WHEN kind < 91 THEN 'SavingsPlanRecurringFee' WHEN kind < 92 THEN 'RIFee'
                         WHEN kind < 95 THEN 'Credit' WHEN kind < 97 THEN 'Tax' WHEN kind < 98 THEN 'Fee' WHEN kind < 99 THEN 'Refund'
                         ELSE 'EdpDiscount' END AS line_type,
                    round(amount * {rates}[svc], 10) AS od_cost
                FROM k
            )
            SELECT
                printf('synthetic-%s-%d', {LineSql.Literal(r.PayerAccountId)}, s) AS identity_line_item_id,
                strftime(TIMESTAMP '{month}' + hour * INTERVAL 1 HOUR, '%Y-%m-%dT%H:00:00Z') || '/' ||
                    strftime(TIMESTAMP '{month}' + (hour + 1) * INTERVAL 1 HOUR, '%Y-%m-%dT%H:00:00Z') AS identity_time_interval,
                {invoice} AS bill_invoice_id,
                {LineSql.Literal(r.PayerAccountId)} AS bill_payer_account_id,
                TIMESTAMP '{month}' AS bill_billing_period_start_date,
                TIMESTAMP '{nextMonth}' AS bill_billing_period_end_date,
                {List(accounts.Take(accountCount))}[acct] AS line_item_usage_account_id,
                line_type AS line_item_line_item_type,
                TIMESTAMP '{month}' + hour * INTERVAL 1 HOUR AS line_item_usage_start_date,
                TIMESTAMP '{month}' + (hour + 1) * INTERVAL 1 HOUR AS line_item_usage_end_date,
                {List(ServiceCodes)}[svc] AS line_item_product_code,
                {List(RegionPrefixes)}[reg] || '-' || {usageTypes}[svc][variant] AS line_item_usage_type,
                {List(Operations)}[svc] AS line_item_operation,
                {List(Regions)}[reg] || chr(97 + (s % 3)::INTEGER) AS line_item_availability_zone,
                printf('arn:aws:synthetic:%s:%s:resource/r-%08x', {List(Regions)}[reg], {List(accounts.Take(accountCount))}[acct], s) AS line_item_resource_id,
                CASE WHEN line_type IN ('Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage') THEN amount ELSE 0 END AS line_item_usage_amount,
                'USD' AS line_item_currency_code,
                {rates}[svc] AS line_item_unblended_rate,
                CASE line_type
                    WHEN 'DiscountedUsage' THEN 0
                    WHEN 'SavingsPlanNegation' THEN -od_cost
                    WHEN 'SavingsPlanRecurringFee' THEN round(od_cost * 0.8, 10)
                    WHEN 'RIFee' THEN round(od_cost * 0.55, 10)
                    WHEN 'Credit' THEN -round(od_cost * 0.5, 10)
                    WHEN 'Refund' THEN -round(od_cost * 0.2, 10)
                    WHEN 'EdpDiscount' THEN -round(od_cost * 0.03, 10)
                    WHEN 'Tax' THEN round(od_cost * 0.1, 10)
                    WHEN 'Fee' THEN round(od_cost * 20, 10)
                    ELSE od_cost END AS line_item_unblended_cost,
                printf('Synthetic %s %s', line_type, {usageTypes}[svc][variant]) AS line_item_line_item_description,
                {List(ServiceNames)}[svc] AS product_product_name,
                {List(Regions)}[reg] AS product_region,
                CASE WHEN line_type IN ('Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage') THEN od_cost ELSE 0 END AS pricing_public_on_demand_cost,
                CASE WHEN line_type = 'DiscountedUsage' THEN round(od_cost * 0.62, 10) ELSE 0 END AS reservation_effective_cost,
                CASE WHEN line_type IN ('DiscountedUsage', 'RIFee') OR (line_type = 'Fee' AND s % 2 = 0)
                     THEN printf('arn:aws:ec2:%s:%s:reserved-instances/synthetic-%d', {List(Regions)}[reg], {LineSql.Literal(r.PayerAccountId)}, s % 17) ELSE '' END AS reservation_reservation_a_r_n,
                CASE WHEN line_type = 'RIFee' THEN round(od_cost * 0.05, 10) ELSE 0 END AS reservation_unused_amortized_upfront_fee_for_billing_period,
                CASE WHEN line_type = 'RIFee' THEN round(od_cost * 0.02, 10) ELSE 0 END AS reservation_unused_recurring_fee,
                CASE WHEN line_type = 'SavingsPlanCoveredUsage' THEN round(od_cost * 0.72, 10) ELSE 0 END AS savings_plan_savings_plan_effective_cost,
                CASE WHEN line_type = 'SavingsPlanRecurringFee' THEN round(od_cost * 0.8, 10) ELSE 0 END AS savings_plan_total_commitment_to_date,
                CASE WHEN line_type = 'SavingsPlanRecurringFee' THEN round(od_cost * 0.7, 10) ELSE 0 END AS savings_plan_used_commitment,
                CASE WHEN tagged < 40 THEN {List(TagValues)}[tagv] ELSE '' END AS resource_tags_user_cm_billing_group
            FROM l
            """);
    }

    private static readonly (string Snake, string Slash)[] LegacyColumns =
    [
        ("identity_line_item_id", "identity/LineItemId"), ("identity_time_interval", "identity/TimeInterval"),
        ("bill_invoice_id", "bill/InvoiceId"), ("bill_payer_account_id", "bill/PayerAccountId"),
        ("bill_billing_period_start_date", "bill/BillingPeriodStartDate"), ("bill_billing_period_end_date", "bill/BillingPeriodEndDate"),
        ("line_item_usage_account_id", "lineItem/UsageAccountId"), ("line_item_line_item_type", "lineItem/LineItemType"),
        ("line_item_usage_start_date", "lineItem/UsageStartDate"), ("line_item_usage_end_date", "lineItem/UsageEndDate"),
        ("line_item_product_code", "lineItem/ProductCode"), ("line_item_usage_type", "lineItem/UsageType"),
        ("line_item_operation", "lineItem/Operation"), ("line_item_availability_zone", "lineItem/AvailabilityZone"),
        ("line_item_resource_id", "lineItem/ResourceId"), ("line_item_usage_amount", "lineItem/UsageAmount"),
        ("line_item_currency_code", "lineItem/CurrencyCode"), ("line_item_unblended_rate", "lineItem/UnblendedRate"),
        ("line_item_unblended_cost", "lineItem/UnblendedCost"), ("line_item_line_item_description", "lineItem/LineItemDescription"),
        ("product_product_name", "product/ProductName"), ("product_region", "product/region"),
        ("pricing_public_on_demand_cost", "pricing/publicOnDemandCost"), ("reservation_effective_cost", "reservation/EffectiveCost"),
        ("reservation_reservation_a_r_n", "reservation/ReservationARN"),
        ("reservation_unused_amortized_upfront_fee_for_billing_period", "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod"),
        ("reservation_unused_recurring_fee", "reservation/UnusedRecurringFee"),
        ("savings_plan_savings_plan_effective_cost", "savingsPlan/SavingsPlanEffectiveCost"),
        ("savings_plan_total_commitment_to_date", "savingsPlan/TotalCommitmentToDate"),
        ("savings_plan_used_commitment", "savingsPlan/UsedCommitment"),
        ("resource_tags_user_cm_billing_group", "resourceTags/user:CmBillingGroup"),
    ];

    private static string Projection(ReportFormat format) => format switch
    {
        ReportFormat.CurCsv => "SELECT " + string.Join(", ", LegacyColumns.Select(c => c.Snake switch
        {
            "line_item_usage_start_date" or "line_item_usage_end_date" or "bill_billing_period_start_date" or "bill_billing_period_end_date"
                => $"strftime({c.Snake}, '%Y-%m-%dT%H:%M:%SZ') AS {LineSql.Quote(c.Slash)}",
            _ => $"{c.Snake} AS {LineSql.Quote(c.Slash)}",
        })),
        ReportFormat.CurParquet => "SELECT *",
        ReportFormat.Cur2 => """
            SELECT * EXCLUDE (resource_tags_user_cm_billing_group, product_product_name, product_region),
                   product_region AS product_region_code,
                   map(['product_name', 'region'], [product_product_name, product_region]) AS product,
                   CASE WHEN resource_tags_user_cm_billing_group = '' THEN map([]::VARCHAR[], []::VARCHAR[])
                        ELSE map(['user_cm_billing_group'], [resource_tags_user_cm_billing_group]) END AS resource_tags
            """,
        ReportFormat.Focus => """
            SELECT bill_payer_account_id AS BillingAccountId, line_item_usage_account_id AS SubAccountId,
                   bill_billing_period_start_date AS BillingPeriodStart, bill_billing_period_end_date AS BillingPeriodEnd,
                   line_item_usage_start_date AS ChargePeriodStart, line_item_usage_end_date AS ChargePeriodEnd,
                   CASE WHEN line_item_line_item_type IN ('Credit', 'Refund', 'EdpDiscount') THEN 'Credit'
                        WHEN line_item_line_item_type = 'Tax' THEN 'Tax'
                        WHEN line_item_line_item_type IN ('Fee', 'RIFee', 'SavingsPlanRecurringFee') THEN 'Purchase'
                        ELSE 'Usage' END AS ChargeCategory,
                   line_item_unblended_cost AS BilledCost,
                   CASE line_item_line_item_type
                        WHEN 'SavingsPlanCoveredUsage' THEN savings_plan_savings_plan_effective_cost
                        WHEN 'SavingsPlanRecurringFee' THEN savings_plan_total_commitment_to_date - savings_plan_used_commitment
                        WHEN 'SavingsPlanNegation' THEN 0
                        WHEN 'DiscountedUsage' THEN reservation_effective_cost
                        WHEN 'RIFee' THEN reservation_unused_amortized_upfront_fee_for_billing_period + reservation_unused_recurring_fee
                        WHEN 'Fee' THEN CASE WHEN reservation_reservation_a_r_n <> '' THEN 0 ELSE line_item_unblended_cost END
                        ELSE line_item_unblended_cost END AS EffectiveCost,
                   pricing_public_on_demand_cost AS ListCost,
                   line_item_usage_amount AS ConsumedQuantity,
                   'USD' AS BillingCurrency, 'AWS' AS ProviderName,
                   product_product_name AS ServiceName, line_item_product_code AS x_ServiceCode,
                   line_item_usage_type AS x_UsageType, line_item_operation AS x_Operation,
                   product_region AS RegionId, line_item_availability_zone AS AvailabilityZone,
                   line_item_resource_id AS ResourceId, line_item_line_item_description AS ChargeDescription,
                   CASE WHEN resource_tags_user_cm_billing_group = '' THEN map([]::VARCHAR[], []::VARCHAR[])
                        ELSE map(['user:CmBillingGroup'], [resource_tags_user_cm_billing_group]) END AS Tags
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static void Execute(DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
