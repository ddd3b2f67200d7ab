using Portal.Core.Billing;

namespace Portal.Billing.Reading;

/// <summary>A column as DuckDB reports it: its name in the file and its DuckDB type.</summary>
public sealed record ReportColumn(string Name, string Type)
{
    public bool IsText => Type == "VARCHAR";

    public bool IsMap => Type.StartsWith("MAP(", StringComparison.Ordinal);

    public bool IsTemporal => Type.StartsWith("TIMESTAMP", StringComparison.Ordinal) || Type == "DATE";
}

/// <summary>The columns of a delivery's files, looked up by normalized name.</summary>
public sealed class ReportSchema
{
    private readonly Dictionary<string, ReportColumn> _byNormalized = new(StringComparer.Ordinal);

    public ReportSchema(IEnumerable<ReportColumn> columns, bool needsNullPadding = false)
    {
        NeedsNullPadding = needsNullPadding;
        foreach (var column in columns)
        {
            _byNormalized.TryAdd(ColumnNames.Normalize(column.Name), column);
        }
    }

    public IReadOnlyCollection<string> NormalizedNames => _byNormalized.Keys;

    /// <summary>
    /// Some CSV rows are shorter than the header (koku's files): DuckDB must pad them, which also hides a truncated
    /// last line, so it is switched on only for such deliveries.
    /// </summary>
    public bool NeedsNullPadding { get; }

    public ReportColumn? Find(string normalized) => _byNormalized.GetValueOrDefault(normalized);

    public bool Has(string normalized) => _byNormalized.ContainsKey(normalized);

    /// <summary>The report family these columns belong to, or null when they match none.</summary>
    public ReportFormat? Detect(bool parquet)
    {
        if (Has("billedcost") && Has("effectivecost"))
        {
            return ReportFormat.Focus;
        }
        if (Has("line_item_unblended_cost"))
        {
            if (!parquet)
            {
                return ReportFormat.CurCsv;
            }
            return Find("resource_tags") is { IsMap: true } || Find("product") is { IsMap: true }
                ? ReportFormat.Cur2
                : ReportFormat.CurParquet;
        }
        return null;
    }
}
