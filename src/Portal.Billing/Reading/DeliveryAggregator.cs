using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;
using Portal.Core.Billing;

namespace Portal.Billing.Reading;

/// <summary>What a scan found for one billing month of a delivery.</summary>
public sealed record AggregatedPeriod(DateOnly Month, long LineCount, long FactCount, DateTimeOffset? DataCompleteThrough, bool IsFinal);

/// <summary>Progress of the DuckDB scan: its own estimate of the fraction done and the rows read so far.</summary>
public sealed record ScanProgress(double Fraction, long RowsRead);

/// <summary>
/// Scans a delivery's files with DuckDB and aggregates while reading into daily facts, held in a DuckDB temporary
/// table until <see cref="Facts.FactWriter"/> copies them into the portal database. One instance per delivery.
/// </summary>
public sealed class DeliveryAggregator : IDisposable
{
    private readonly DuckDBConnection _duck;

    public DeliveryAggregator(BillingOptions options)
    {
        _duck = new DuckDBConnection("Data Source=:memory:");
        _duck.Open();
        var spill = Path.Combine(options.ScratchRoot, "portal-duckdb");
        Directory.CreateDirectory(spill);
        Execute($"SET memory_limit = {LineSql.Literal(options.DuckDbMemoryLimit)}");
        Execute($"SET temp_directory = {LineSql.Literal(spill)}");
        // Row order is irrelevant to sums; dropping it lets DuckDB stream and keeps memory flat.
        Execute("SET preserve_insertion_order = false");
        Execute("SET enable_progress_bar = true");
        Execute("SET enable_progress_bar_print = false");
        Execute("SET TimeZone = 'UTC'");
        if (options.DuckDbThreads > 0)
        {
            Execute(LineSql.Invariant($"SET threads = {options.DuckDbThreads}"));
        }
    }

    public DuckDBConnection Connection => _duck;

    /// <summary>Reads each file's header and returns the delivery's format and the union of its columns.</summary>
    /// <exception cref="BillingInputException">A file is unreadable, of another or unknown format, or lacks a required column.</exception>
    public (ReportFormat Format, ReportSchema Schema) Inspect(IReadOnlyList<string> files, ReportFormat forced)
    {
        ReportFormat? format = forced == ReportFormat.Auto ? null : forced;
        var columns = new List<ReportColumn>();
        var padding = false;
        foreach (var file in files)
        {
            var parquet = IsParquet(file);
            if (parquet && format == ReportFormat.CurCsv)
            {
                throw new BillingInputException(Path.GetFileName(file), "is Parquet but the source's format is cur-csv.");
            }
            if (!parquet && format is ReportFormat.CurParquet or ReportFormat.Cur2)
            {
                throw new BillingInputException(Path.GetFileName(file), $"is not Parquet but the source's format is {format}.");
            }
            var fileColumns = Describe(file, parquet, padded: false);
            if (!parquet && fileColumns.Count < HeaderFieldCount(file))
            {
                fileColumns = Describe(file, parquet, padded: true);
                padding = true;
            }
            var schema = new ReportSchema(fileColumns);
            var detected = schema.Detect(parquet) ?? throw new BillingInputException(Path.GetFileName(file),
                "is not a cost report this portal reads (no lineItem/UnblendedCost, line_item_unblended_cost or FOCUS BilledCost column).");
            var family = detected == ReportFormat.Cur2 && format == ReportFormat.CurParquet ? ReportFormat.CurParquet : detected;
            format ??= family;
            if (Family(format.Value) != Family(family))
            {
                throw new BillingInputException(Path.GetFileName(file), $"is {family} but the delivery is {format}.");
            }
            foreach (var required in LineSql.RequiredColumns(format.Value))
            {
                if (!schema.Has(required))
                {
                    throw new BillingInputException(Path.GetFileName(file), $"the required column {required} is missing.");
                }
            }
            columns.AddRange(fileColumns);
        }
        return (format ?? ReportFormat.CurCsv, new ReportSchema(columns, padding));
    }

    private static int Family(ReportFormat f) => f == ReportFormat.Focus ? 1 : 0;

    /// <summary>
    /// Runs the GROUP BY into the temporary table <c>facts</c>; <paramref name="onProgress"/> is polled from the
    /// caller's thread while DuckDB works.
    /// </summary>
    public async Task<IReadOnlyList<AggregatedPeriod>> AggregateAsync(
        IReadOnlyList<string> files, ReportFormat format, ReportSchema schema, string tagKey,
        Func<ScanProgress, Task> onProgress, CancellationToken ct)
    {
        var sql = AggregationSql(files, format, schema, tagKey, "CREATE OR REPLACE TEMP TABLE facts AS ");
        using var command = _duck.CreateCommand();
        command.CommandText = sql;
        var scan = Task.Run(() => command.ExecuteNonQuery(), ct);
        using (ct.Register(command.Cancel))
        {
            while (!scan.IsCompleted)
            {
                await Task.WhenAny(scan, Task.Delay(250, ct));
                if (!scan.IsCompleted)
                {
                    var p = _duck.GetQueryProgress();
                    await onProgress(new ScanProgress(Math.Clamp(p.Percentage / 100.0, 0, 1), (long)p.RowsProcessed));
                }
            }
            try
            {
                await scan;
            }
            catch (DuckDBException e)
            {
                throw Explain(files, e);
            }
        }
        return Periods(files);
    }

    /// <summary>
    /// Writes the delivery's lines, reduced to the usage-detail columns, as Parquet partitioned by month and usage
    /// account under <paramref name="folder"/> (docs/adr/0102). This is a second pass over the files.
    /// </summary>
    public void WriteLineExtract(IReadOnlyList<string> files, ReportFormat format, ReportSchema schema, string tagKey, string folder)
    {
        var lines = new LineSql(schema, format, tagKey);
        Directory.CreateDirectory(folder);
        try
        {
            Execute($"COPY (SELECT {lines.DetailSelectList()} FROM {Reader(files, format, schema.NeedsNullPadding)}) " +
                $"TO {LineSql.Literal(folder)} (FORMAT parquet, PARTITION_BY (period, usage_account), OVERWRITE_OR_IGNORE true)");
        }
        catch (DuckDBException e)
        {
            throw Explain(files, e);
        }
    }

    /// <summary>The bare GROUP BY of a delivery, for the benchmark baseline and the tests.</summary>
    public static string AggregationSql(IReadOnlyList<string> files, ReportFormat format, ReportSchema schema, string tagKey, string prefix)
    {
        var lines = new LineSql(schema, format, tagKey);
        var reader = Reader(files, format, schema.NeedsNullPadding);
        return $"""
            {prefix}
            SELECT period, usage_account, usage_date, product_code, product_name, usage_type, operation, region,
                   availability_zone, line_item_type, currency, tag,
                   CAST(sum(unblended) * 10000000000 AS BIGINT) AS unblended,
                   CAST(sum(net_unblended) * 10000000000 AS BIGINT) AS net_unblended,
                   CAST(sum(amortized) * 10000000000 AS BIGINT) AS amortized,
                   CAST(sum(public_on_demand) * 10000000000 AS BIGINT) AS public_on_demand,
                   coalesce(sum(usage_amount), 0) AS usage_amount,
                   count(*) AS line_count,
                   max(usage_end) AS usage_end,
                   max(invoice_id) AS invoice_id
            FROM (SELECT {lines.SelectList()} FROM {reader})
            GROUP BY ALL
            """;
    }

    /// <summary>The DuckDB table function that reads the files, with the options the real files need (NOTES.md).</summary>
    public static string Reader(IReadOnlyList<string> files, ReportFormat format, bool nullPadding)
    {
        var list = LineSql.FileList(files);
        if (files.All(IsParquet))
        {
            return $"read_parquet({list}, union_by_name = true)";
        }
        // Months differ in columns, and FOCUS exports write NULL literally.
        var nulls = format == ReportFormat.Focus ? ", nullstr = ['', 'NULL']" : "";
        var padding = nullPadding ? "true" : "false";
        return $"read_csv({list}, header = true, all_varchar = true, null_padding = {padding}, union_by_name = true{nulls})";
    }

    public static bool IsParquet(string file) => file.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    /// <summary>The number of names in a CSV file's first line (read through gzip when compressed).</summary>
    private static int HeaderFieldCount(string file)
    {
        using var stream = File.OpenRead(file);
        using var text = file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new StreamReader(new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress))
            : new StreamReader(stream);
        string header;
        try
        {
            header = text.ReadLine() ?? "";
        }
        catch (InvalidDataException)
        {
            // A damaged gzip stream fails here before DuckDB sees it; say which file.
            throw new BillingInputException(Path.GetFileName(file), "the compressed data is damaged and cannot be read.");
        }
        return header.Length == 0 ? 0 : header.Count(c => c == ',') + 1;
    }

    private List<ReportColumn> Describe(string file, bool parquet, bool padded)
    {
        if (!File.Exists(file))
        {
            throw new BillingInputException(Path.GetFileName(file), "the file is missing.");
        }
        var reader = parquet
            ? $"read_parquet({LineSql.Literal(file)})"
            : $"read_csv({LineSql.Literal(file)}, header = true, all_varchar = true, null_padding = {(padded ? "true" : "false")})";
        try
        {
            using var command = _duck.CreateCommand();
            command.CommandText = $"DESCRIBE SELECT * FROM {reader}";
            using var result = command.ExecuteReader();
            var columns = new List<ReportColumn>();
            while (result.Read())
            {
                columns.Add(new ReportColumn(result.GetString(0), result.GetString(1)));
            }
            return columns;
        }
        catch (Exception e) when (e is DuckDBException or InvalidOperationException)
        {
            throw new BillingInputException(Path.GetFileName(file), Clean(e.Message, [file]), e);
        }
    }

    /// <summary>
    /// DuckDB names the file in most errors but not all (scattered corruption surfaces as a Thrift "Invalid data").
    /// Reading each file on its own finds the culprit so that the message always names it.
    /// </summary>
    private BillingInputException Explain(IReadOnlyList<string> files, DuckDBException error)
    {
        var named = files.FirstOrDefault(f => error.Message.Contains(Path.GetFileName(f), StringComparison.Ordinal));
        if (named is null && files.Count == 1)
        {
            named = files[0];
        }
        if (named is null)
        {
            foreach (var file in files)
            {
                try
                {
                    Execute($"SELECT count(*) FROM {Reader([file], ReportFormat.CurCsv, nullPadding: false)}");
                }
                catch (DuckDBException)
                {
                    named = file;
                    break;
                }
            }
        }
        return named is null
            ? new BillingInputException(string.Join(", ", files.Select(Path.GetFileName)), Clean(error.Message, files), error)
            : new BillingInputException(Path.GetFileName(named), Clean(error.Message, files), error);
    }

    /// <summary>
    /// DuckDB's first paragraph says what is wrong; the rest quotes the SQL. Paths of this machine (scratch folders,
    /// mounts) are cut down to file names: the message goes to operators and the staff console.
    /// </summary>
    private static string Clean(string message, IEnumerable<string> files)
    {
        var text = message.Split("\n\n", 2)[0].Split("\nLINE ", 2)[0].Trim();
        foreach (var file in files)
        {
            text = text.Replace(file, Path.GetFileName(file), StringComparison.Ordinal);
        }
        return text;
    }

    /// <param name="files">To name in the error: a delivery of one file names it, a larger one lists its files.</param>
    private List<AggregatedPeriod> Periods(IReadOnlyList<string> files)
    {
        var named = files.Count is > 0 and <= 3 ? string.Join(", ", files.Select(Path.GetFileName)) : "(delivery)";
        using var command = _duck.CreateCommand();
        command.CommandText = """
            SELECT period, CAST(sum(line_count) AS BIGINT), count(*), max(usage_end), coalesce(max(invoice_id), '') <> ''
            FROM facts GROUP BY period ORDER BY period
            """;
        using var reader = command.ExecuteReader();
        var periods = new List<AggregatedPeriod>();
        while (reader.Read())
        {
            var month = reader.IsDBNull(0) ? throw new BillingInputException(named, "lines without a usage start date (a cut or damaged file?)")
                : DateOnly.FromDateTime(reader.GetDateTime(0));
            periods.Add(new AggregatedPeriod(month, reader.GetInt64(1),
                reader.GetInt64(2), ParseTime(reader.IsDBNull(3) ? null : reader.GetString(3)), reader.GetBoolean(4)));
        }
        return periods;
    }

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : null;

    public void Execute(string sql)
    {
        using var command = _duck.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public T Scalar<T>(string sql)
    {
        using var command = _duck.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    public DbDataReader Query(string sql)
    {
        var command = _duck.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteReader();
    }

    public void Dispose() => _duck.Dispose();
}
