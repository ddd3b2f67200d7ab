using System.Globalization;
using Portal.Core.Billing;

namespace Portal.Billing.Reading;

/// <summary>
/// Builds the DuckDB expressions that turn one report line, in any of the supported formats, into the canonical
/// columns that daily facts group and sum. Optional columns that a file lacks become NULL (schema drift); the
/// required ones are checked per file by <see cref="RequiredColumns"/>.
/// </summary>
public sealed class LineSql(ReportSchema schema, ReportFormat format, string tagKey)
{
    /// <summary>Money is read as DECIMAL(38,10): AWS amounts carry up to 10 decimals; sums stay exact.</summary>
    public const string MoneyType = "DECIMAL(38,10)";

    public static IReadOnlyList<string> RequiredColumns(ReportFormat format) => format == ReportFormat.Focus
        ? ["billedcost", "effectivecost", "chargeperiodstart", "chargecategory", "billingaccountid"]
        : ["line_item_usage_account_id", "line_item_line_item_type", "line_item_usage_start_date", "line_item_unblended_cost"];

    /// <summary>The canonical columns, in the order of <see cref="CanonicalColumns"/>.</summary>
    public string SelectList() => string.Join(",\n  ", Expressions().Select(e => $"{e.Sql} AS {e.Name}"));

    public static IReadOnlyList<string> CanonicalColumns { get; } =
    [
        "period", "usage_account", "usage_date", "product_code", "product_name", "usage_type", "operation", "region",
        "availability_zone", "line_item_type", "currency", "tag", "unblended", "net_unblended", "amortized",
        "public_on_demand", "usage_amount", "usage_end", "invoice_id",
    ];

    private IEnumerable<(string Name, string Sql)> Expressions() => format == ReportFormat.Focus ? Focus() : Cur();

    /// <summary>
    /// The line-level columns the usage-detail CSV needs and daily facts drop (docs/adr/0102): one row per line,
    /// with the canonical <c>period</c> and <c>usage_account</c> to partition by.
    /// </summary>
    public string DetailSelectList()
    {
        var canonical = Expressions().ToDictionary(e => e.Name, e => e.Sql, StringComparer.Ordinal);
        (string Name, string Sql)[] detail = format == ReportFormat.Focus
            ?
            [
                ("line_item_id", Text("id")), ("usage_start", Text("chargeperiodstart")), ("resource_id", Text("resourceid")),
                ("reservation_arn", Text("commitmentdiscountid")), ("item_description", Text("chargedescription")),
                ("rate", Money("contractedunitprice")),
            ]
            :
            [
                ("line_item_id", Text("identity_line_item_id")), ("usage_start", Text("line_item_usage_start_date")),
                ("resource_id", Text("line_item_resource_id")), ("reservation_arn", Text("reservation_reservation_a_r_n")),
                ("item_description", Text("line_item_line_item_description")), ("rate", Money("line_item_unblended_rate")),
            ];
        string[] kept = ["period", "usage_account", "product_name", "usage_type", "operation", "availability_zone", "line_item_type", "tag", "unblended", "usage_amount"];
        return string.Join(",\n  ", kept.Select(k => $"{canonical[k]} AS {k}").Concat(detail.Select(d => $"{d.Sql} AS {d.Name}")));
    }

    private IEnumerable<(string, string)> Cur()
    {
        var unblended = Money("line_item_unblended_cost");
        var start = Date("line_item_usage_start_date");
        yield return ("period", $"date_trunc('month', coalesce({Date("bill_billing_period_start_date")}, {start}))");
        yield return ("usage_account", Text("line_item_usage_account_id"));
        yield return ("usage_date", start);
        yield return ("product_code", Dim(Text("line_item_product_code")));
        yield return ("product_name", Dim(First(Text("product_product_name"), MapValue("product", "product_name"))));
        yield return ("usage_type", Dim(Text("line_item_usage_type")));
        yield return ("operation", Dim(Text("line_item_operation")));
        yield return ("region", Dim(First(Text("product_region_code"), Text("product_region"), MapValue("product", "region"))));
        yield return ("availability_zone", Dim(Text("line_item_availability_zone")));
        yield return ("line_item_type", Dim(Text("line_item_line_item_type")));
        yield return ("currency", Dim(Text("line_item_currency_code")));
        yield return ("tag", $"NULLIF({CurTag()}, '')");
        yield return ("unblended", unblended);
        yield return ("net_unblended", Money("line_item_net_unblended_cost"));
        yield return ("amortized", Amortized(unblended));
        yield return ("public_on_demand", Money("pricing_public_on_demand_cost"));
        yield return ("usage_amount", Number("line_item_usage_amount"));
        yield return ("usage_end", Text("line_item_usage_end_date"));
        yield return ("invoice_id", Text("bill_invoice_id"));
    }

    /// <summary>The amortised (effective) cost rules of SPEC F7, line by line.</summary>
    private string Amortized(string unblended)
    {
        static string Zero(string e) => $"coalesce({e}, 0)";
        var type = Text("line_item_line_item_type");
        var riArn = Text("reservation_reservation_a_r_n");
        return $"""
            CASE {type}
                WHEN 'SavingsPlanCoveredUsage' THEN {Zero(Money("savings_plan_savings_plan_effective_cost"))}
                WHEN 'SavingsPlanRecurringFee' THEN {Zero(Money("savings_plan_total_commitment_to_date"))} - {Zero(Money("savings_plan_used_commitment"))}
                WHEN 'SavingsPlanNegation' THEN 0
                WHEN 'SavingsPlanUpfrontFee' THEN 0
                WHEN 'DiscountedUsage' THEN {Zero(Money("reservation_effective_cost"))}
                WHEN 'RIFee' THEN {Zero(Money("reservation_unused_amortized_upfront_fee_for_billing_period"))} + {Zero(Money("reservation_unused_recurring_fee"))}
                WHEN 'Fee' THEN CASE WHEN coalesce({riArn}, '') <> '' THEN 0 ELSE {unblended} END
                ELSE {unblended}
            END
            """;
    }

    private IEnumerable<(string, string)> Focus()
    {
        var start = Date("chargeperiodstart");
        yield return ("period", $"date_trunc('month', coalesce({Date("billingperiodstart")}, {start}))");
        yield return ("usage_account", First(Text("subaccountid"), Text("billingaccountid")));
        yield return ("usage_date", start);
        yield return ("product_code", Dim(First(Text("x_servicecode"), Text("servicename"))));
        yield return ("product_name", Dim(Text("servicename")));
        yield return ("usage_type", Dim(Text("x_usagetype")));
        yield return ("operation", Dim(Text("x_operation")));
        yield return ("region", Dim(First(Text("regionid"), Text("region"))));
        yield return ("availability_zone", Dim(Text("availabilityzone")));
        yield return ("line_item_type", Dim(Text("chargecategory")));
        yield return ("currency", Dim(Text("billingcurrency")));
        yield return ("tag", $"NULLIF({FocusTag()}, '')");
        yield return ("unblended", Money("billedcost"));
        yield return ("net_unblended", $"NULL::{MoneyType}");
        yield return ("amortized", Money("effectivecost"));
        yield return ("public_on_demand", Money("listcost"));
        yield return ("usage_amount", First(Number("consumedquantity"), Number("pricingquantity")));
        yield return ("usage_end", Text("chargeperiodend"));
        yield return ("invoice_id", Text("invoiceid"));
    }

    /// <summary>The tag key without a <c>user:</c> prefix, as the operator configured it.</summary>
    private string BareKey => tagKey.StartsWith("user:", StringComparison.Ordinal) ? tagKey[5..] : tagKey;

    /// <summary>Legacy CSV/Parquet: a column per tag; CUR 2.0: a <c>resource_tags</c> map keyed either way.</summary>
    private string CurTag()
    {
        var column = Text("resource_tags_user_" + ColumnNames.Snake(BareKey));
        var map = schema.Find("resource_tags") is { IsMap: true }
            ? First(MapValue("resource_tags", "user_" + ColumnNames.Snake(BareKey)), MapValue("resource_tags", "user:" + BareKey))
            : "NULL::VARCHAR";
        return First(column, map);
    }

    /// <summary>FOCUS <c>Tags</c>: a JSON object in CSV, a map in Parquet; AWS writes user tags with or without prefix.</summary>
    private string FocusTag()
    {
        string[] keys = [BareKey, "user:" + BareKey, "user_" + ColumnNames.Snake(BareKey)];
        var tags = schema.Find("tags");
        if (tags is null)
        {
            return "NULL::VARCHAR";
        }
        if (tags.IsMap)
        {
            return First([.. keys.Select(k => MapValue("tags", k))]);
        }
        var json = $"TRY_CAST({Quote(tags.Name)} AS JSON)";
        return First([.. keys.Select(k => $"json_extract_string({json}, {Literal("$." + JsonPathKey(k))})")]);
    }

    private static string JsonPathKey(string key) => "\"" + key.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private string Text(string normalized) => schema.Find(normalized) is { } c
        ? (c.IsText ? Quote(c.Name) : $"CAST({Quote(c.Name)} AS VARCHAR)")
        : "NULL::VARCHAR";

    private string Money(string normalized) => schema.Find(normalized) is { } c
        ? (c.IsText ? $"CAST(NULLIF(trim({Quote(c.Name)}), '') AS {MoneyType})" : $"CAST({Quote(c.Name)} AS {MoneyType})")
        : $"NULL::{MoneyType}";

    private string Number(string normalized) => schema.Find(normalized) is { } c
        ? (c.IsText ? $"CAST(NULLIF(trim({Quote(c.Name)}), '') AS DOUBLE)" : $"CAST({Quote(c.Name)} AS DOUBLE)")
        : "NULL::DOUBLE";

    /// <summary>The UTC day: ISO text keeps its first ten characters; timestamps are cast in a UTC session.</summary>
    private string Date(string normalized) => schema.Find(normalized) is { } c
        ? (c.IsTemporal ? $"CAST({Quote(c.Name)} AS DATE)" : $"CAST(substr(trim({Quote(c.Name)}), 1, 10) AS DATE)")
        : "NULL::DATE";

    private string MapValue(string normalized, string key) => schema.Find(normalized) is { IsMap: true } c
        ? $"{Quote(c.Name)}[{Literal(key)}]"
        : "NULL::VARCHAR";

    private static string Dim(string expression) => $"coalesce({expression}, '')";

    private static string First(params string[] expressions)
    {
        var present = expressions.Where(e => !e.StartsWith("NULL::", StringComparison.Ordinal)).ToList();
        return present.Count switch
        {
            0 => expressions[0],
            1 => present[0],
            _ => $"coalesce({string.Join(", ", present)})",
        };
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string FileList(IEnumerable<string> paths) =>
        "[" + string.Join(", ", paths.Select(Literal)) + "]";

    public static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
