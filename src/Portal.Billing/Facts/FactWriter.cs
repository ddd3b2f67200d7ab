using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;
using Portal.Billing.Reading;
using Portal.Core.Billing;
using Portal.Core.Data;

namespace Portal.Billing.Facts;

/// <summary>
/// Copies a delivery's aggregated facts from DuckDB into the portal database and replaces the facts of each
/// (payer, month) it covers in one transaction, so readers see the old month or the new one, never a mix
/// (docs/adr/0103-delivery-identity-and-atomic-replace.md).
/// </summary>
public sealed class FactWriter(PortalDbContext db, TimeProvider clock)
{
    private static readonly string[] FactColumns =
    [
        "period_id", "usage_account_id", "usage_date", "dimension_id", "tag_id", "unblended_cost", "net_unblended_cost",
        "amortized_cost", "public_on_demand_cost", "usage_amount", "line_count",
    ];

    /// <summary>
    /// Replaces the facts of <paramref name="months"/> (those found in the data plus the delivery's own month, even
    /// when empty); <paramref name="beforeCommit"/> runs inside the transaction just before it commits.
    /// </summary>
    public async Task<long> ReplaceAsync(
        DeliveryAggregator aggregate, BillingDelivery delivery, IReadOnlyList<AggregatedPeriod> months,
        Func<IngestionPhase, Task> beforeCommit, CancellationToken ct)
    {
        await ResolveDimensionsAsync(aggregate, ct);
        await ResolveTagsAsync(aggregate, ct);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async token =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                var periodIds = await UpsertPeriodsAsync(delivery, months, token);
                aggregate.Execute("CREATE OR REPLACE TEMP TABLE period_map (id INTEGER, month DATE)");
                using (var appender = aggregate.Connection.CreateAppender("period_map"))
                {
                    foreach (var (month, id) in periodIds)
                    {
                        appender.CreateRow().AppendValue(id).AppendValue(month).EndRow();
                    }
                }
                if (periodIds.Count > 0)
                {
                    await ExecuteAsync(
                        $"DELETE FROM billing_daily_facts WHERE period_id IN ({string.Join(",", periodIds.Values)})", transaction, token);
                }
                var written = db.Database.IsNpgsql()
                    ? await CopyPostgresAsync(aggregate, token)
                    : await InsertSqliteAsync(aggregate, token);
                delivery.State = DeliveryState.Completed;
                delivery.CompletedAt = clock.GetUtcNow();
                delivery.LeaseExpiresAt = null;
                await db.SaveChangesAsync(token);
                await beforeCommit(IngestionPhase.Committing);
                await transaction.CommitAsync(token);
                return written;
            }, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<Dictionary<DateOnly, int>> UpsertPeriodsAsync(
        BillingDelivery delivery, IReadOnlyList<AggregatedPeriod> months, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ids = new Dictionary<DateOnly, int>();
        foreach (var found in months)
        {
            var period = await db.BillingPeriods.SingleOrDefaultAsync(
                p => p.PayerAccountId == delivery.PayerAccountId && p.Month == found.Month, ct);
            if (period is null)
            {
                period = new BillingPeriod { PayerAccountId = delivery.PayerAccountId, Month = found.Month };
                db.BillingPeriods.Add(period);
            }
            period.SourceId = delivery.SourceId;
            period.DeliveryId = delivery.Id;
            period.LastAggregatedAt = now;
            period.DataCompleteThrough = found.DataCompleteThrough;
            period.IsFinal = found.IsFinal;
            period.LineCount = found.LineCount;
            period.FactCount = found.FactCount;
            await db.SaveChangesAsync(ct);
            ids[found.Month] = period.Id;
        }
        return ids;
    }

    private const string FactQuery = """
        SELECT p.id, f.usage_account, f.usage_date, d.id AS dim_id, t.id AS tag_id, coalesce(f.unblended, 0) AS unblended,
               f.net_unblended, coalesce(f.amortized, 0) AS amortized, f.public_on_demand, f.usage_amount, f.line_count
        FROM facts f
        JOIN period_map p ON f.period = p.month
        JOIN dim_map d ON hash(f.product_code, f.product_name, f.usage_type, f.operation, f.region, f.availability_zone,
            f.line_item_type, f.currency) = d.dim_hash
        LEFT JOIN tag_map t ON f.tag = t.value
        ORDER BY 1, 2, 3
        """;

    private async Task<long> CopyPostgresAsync(DeliveryAggregator aggregate, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var import = await connection.BeginBinaryImportAsync(
            $"COPY billing_daily_facts ({string.Join(", ", FactColumns)}) FROM STDIN (FORMAT BINARY)", ct);
        long rows = 0;
        await using (var stream = new FactRowStream(aggregate))
        {
            await foreach (var batch in stream.ReadAllAsync(ct))
            {
                foreach (var row in batch)
                {
                    await import.StartRowAsync(ct);
                    import.Write(row.PeriodId, NpgsqlDbType.Integer);
                    import.Write(row.UsageAccountId, NpgsqlDbType.Varchar);
                    import.Write(row.UsageDate, NpgsqlDbType.Date);
                    import.Write(row.DimensionId, NpgsqlDbType.Integer);
                    Write(import, row.TagId, NpgsqlDbType.Integer);
                    import.Write(row.Unblended, NpgsqlDbType.Bigint);
                    Write(import, row.NetUnblended, NpgsqlDbType.Bigint);
                    import.Write(row.Amortized, NpgsqlDbType.Bigint);
                    Write(import, row.PublicOnDemand, NpgsqlDbType.Bigint);
                    import.Write(row.UsageAmount, NpgsqlDbType.Double);
                    import.Write(row.LineCount, NpgsqlDbType.Bigint);
                    rows++;
                }
            }
        }
        await import.CompleteAsync(ct);
        return rows;
    }

    private static void Write<T>(NpgsqlBinaryImporter import, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is { } v)
        {
            import.Write(v, type);
        }
        else
        {
            import.WriteNull();
        }
    }

    /// <summary>
    /// SQLite has no COPY, and ADO.NET parameters are bound by name on every execution, which costs more than
    /// SQLite's own insert. One prepared statement is therefore bound by position through SQLitePCL (the library
    /// under Microsoft.Data.Sqlite) on the same connection, inside the same transaction. DuckDB produces the rows on
    /// another thread, so reading and inserting overlap on two cores.
    /// </summary>
    private async Task<long> InsertSqliteAsync(DeliveryAggregator aggregate, CancellationToken ct)
    {
        await using var stream = new FactRowStream(aggregate);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var handle = connection.Handle!;
        var sql = $"INSERT INTO billing_daily_facts ({string.Join(", ", FactColumns)}) VALUES ({string.Join(", ", FactColumns.Select(_ => "?"))})";
        Check(handle, raw.sqlite3_prepare_v2(handle, sql, out var statement));
        long rows = 0;
        try
        {
            await foreach (var batch in stream.ReadAllAsync(ct))
            {
                foreach (var row in batch)
                {
                    raw.sqlite3_bind_int(statement, 1, row.PeriodId);
                    raw.sqlite3_bind_text(statement, 2, row.UsageAccountId);
                    raw.sqlite3_bind_text(statement, 3, row.UsageDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    raw.sqlite3_bind_int(statement, 4, row.DimensionId);
                    Bind(statement, 5, row.TagId);
                    raw.sqlite3_bind_int64(statement, 6, row.Unblended);
                    Bind(statement, 7, row.NetUnblended);
                    raw.sqlite3_bind_int64(statement, 8, row.Amortized);
                    Bind(statement, 9, row.PublicOnDemand);
                    raw.sqlite3_bind_double(statement, 10, row.UsageAmount);
                    raw.sqlite3_bind_int64(statement, 11, row.LineCount);
                    var step = raw.sqlite3_step(statement);
                    if (step != raw.SQLITE_DONE)
                    {
                        Check(handle, step);
                    }
                    raw.sqlite3_reset(statement);
                    rows++;
                }
            }
        }
        finally
        {
            statement.Dispose();
        }
        return rows;
    }

    private readonly record struct FactRow(
        int PeriodId, string UsageAccountId, DateOnly UsageDate, int DimensionId, int? TagId, long Unblended, long? NetUnblended,
        long Amortized, long? PublicOnDemand, double UsageAmount, long LineCount);

    /// <summary>
    /// Reads the fact rows from DuckDB on another thread in batches, so that reading and writing into the portal
    /// database overlap on two cores. Disposing it stops the reader before the aggregator goes away.
    /// </summary>
    private sealed class FactRowStream : IAsyncDisposable
    {
        private const int BatchRows = 8_192;
        private readonly Channel<FactRow[]> _batches = Channel.CreateBounded<FactRow[]>(4);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _producer;

        public FactRowStream(DeliveryAggregator aggregate) => _producer = Task.Run(() => ProduceAsync(aggregate));

        public IAsyncEnumerable<FactRow[]> ReadAllAsync(CancellationToken ct) => _batches.Reader.ReadAllAsync(ct);

        private async Task ProduceAsync(DeliveryAggregator aggregate)
        {
            try
            {
                using var reader = aggregate.Query(FactQuery);
                var batch = new List<FactRow>(BatchRows);
                while (reader.Read())
                {
                    batch.Add(new FactRow(reader.GetInt32(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetInt32(3),
                        reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.GetInt64(5), NullableInt64(reader, 6), reader.GetInt64(7),
                        NullableInt64(reader, 8), reader.GetDouble(9), reader.GetInt64(10)));
                    if (batch.Count == BatchRows)
                    {
                        await _batches.Writer.WriteAsync([.. batch], _stop.Token);
                        batch.Clear();
                    }
                }
                if (batch.Count > 0)
                {
                    await _batches.Writer.WriteAsync([.. batch], _stop.Token);
                }
                _batches.Writer.Complete();
            }
            catch (Exception e)
            {
                _batches.Writer.Complete(e);
            }
        }

        private static long? NullableInt64(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _producer;
            _stop.Dispose();
        }
    }

    private static void Bind(sqlite3_stmt statement, int index, long? value)
    {
        if (value is { } v)
        {
            raw.sqlite3_bind_int64(statement, index, v);
        }
        else
        {
            raw.sqlite3_bind_null(statement, index);
        }
    }

    private static void Check(sqlite3 handle, int code)
    {
        if (code != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), code);
        }
    }

    private async Task ExecuteAsync(string sql, IDbContextTransaction transaction, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Adds the delivery's new dimension rows (idempotent across workers) and maps them for the copy.</summary>
    private async Task ResolveDimensionsAsync(DeliveryAggregator aggregate, CancellationToken ct)
    {
        // The copy joins on one 64-bit hash of the eight columns instead of eight strings; a collision between two
        // dimensions of the same delivery (odds ~1e-11) is detected here and fails the run rather than mislabel cost.
        var wanted = new List<BillingDimension>();
        var hashes = new List<ulong>();
        using (var reader = aggregate.Query("""
            SELECT DISTINCT product_code, product_name, usage_type, operation, region, availability_zone, line_item_type, currency,
                hash(product_code, product_name, usage_type, operation, region, availability_zone, line_item_type, currency)
            FROM facts
            """))
        {
            while (reader.Read())
            {
                hashes.Add(reader.GetFieldValue<ulong>(8));
                wanted.Add(new BillingDimension
                {
                    ProductCode = reader.GetString(0), ProductName = reader.GetString(1), UsageType = reader.GetString(2),
                    Operation = reader.GetString(3), Region = reader.GetString(4), AvailabilityZone = reader.GetString(5),
                    LineItemType = reader.GetString(6), Currency = reader.GetString(7),
                });
            }
        }
        var known = await LoadDimensionsAsync(ct);
        var missing = wanted.Where(d => !known.ContainsKey(Key(d))).ToList();
        if (missing.Count > 0)
        {
            await InsertIgnoringDuplicatesAsync("billing_dimensions",
                ["product_code", "product_name", "usage_type", "operation", "region", "availability_zone", "line_item_type", "currency"],
                missing.Select(d => new object[] { d.ProductCode, d.ProductName, d.UsageType, d.Operation, d.Region, d.AvailabilityZone, d.LineItemType, d.Currency }),
                ct);
            known = await LoadDimensionsAsync(ct);
        }
        if (hashes.Distinct().Count() != hashes.Count)
        {
            throw new InvalidOperationException("Two dimensions of this delivery share a 64-bit hash, so its facts cannot be labelled safely.");
        }
        aggregate.Execute("CREATE OR REPLACE TEMP TABLE dim_map (id INTEGER, dim_hash UBIGINT)");
        using var appender = aggregate.Connection.CreateAppender("dim_map");
        for (var i = 0; i < wanted.Count; i++)
        {
            appender.CreateRow().AppendValue(known[Key(wanted[i])]).AppendValue(hashes[i]).EndRow();
        }
    }

    private async Task<Dictionary<string, int>> LoadDimensionsAsync(CancellationToken ct) =>
        await db.BillingDimensions.AsNoTracking().ToDictionaryAsync(Key, d => d.Id, ct);

    private static string Key(BillingDimension d) => string.Join('\u001f',
        d.ProductCode, d.ProductName, d.UsageType, d.Operation, d.Region, d.AvailabilityZone, d.LineItemType, d.Currency);

    /// <summary>
    /// Multi-row <c>INSERT … ON CONFLICT DO NOTHING</c> in one transaction (both databases have it): another worker may
    /// add the same rows at the same time, and the unique index keeps one.
    /// </summary>
    private async Task InsertIgnoringDuplicatesAsync(string table, string[] columns, IEnumerable<object[]> rows, CancellationToken ct)
    {
        const int RowsPerStatement = 100;
        var all = rows.ToList();
        if (all.Count == 0)
        {
            return;
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(ct);
            foreach (var chunk in all.Chunk(RowsPerStatement))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                var tuples = new List<string>(chunk.Length);
                for (var r = 0; r < chunk.Length; r++)
                {
                    var names = new string[columns.Length];
                    for (var c = 0; c < columns.Length; c++)
                    {
                        names[c] = $"@p{r}_{c}";
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = names[c];
                        parameter.Value = chunk[r][c];
                        command.Parameters.Add(parameter);
                    }
                    tuples.Add("(" + string.Join(",", names) + ")");
                }
                command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES {string.Join(",", tuples)} ON CONFLICT DO NOTHING";
                await command.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task ResolveTagsAsync(DeliveryAggregator aggregate, CancellationToken ct)
    {
        var wanted = new List<string>();
        using (var reader = aggregate.Query("SELECT DISTINCT tag FROM facts WHERE tag IS NOT NULL"))
        {
            while (reader.Read())
            {
                wanted.Add(reader.GetString(0));
            }
        }
        var known = await db.BillingTags.AsNoTracking().Where(t => wanted.Contains(t.Value)).ToDictionaryAsync(t => t.Value, t => t.Id, StringComparer.Ordinal, ct);
        await InsertIgnoringDuplicatesAsync("billing_tags", ["value"], wanted.Where(v => !known.ContainsKey(v)).Select(v => new object[] { v }), ct);
        if (known.Count < wanted.Count)
        {
            known = await db.BillingTags.AsNoTracking().Where(t => wanted.Contains(t.Value)).ToDictionaryAsync(t => t.Value, t => t.Id, StringComparer.Ordinal, ct);
        }
        aggregate.Execute("CREATE OR REPLACE TEMP TABLE tag_map (id INTEGER, value VARCHAR)");
        using var appender = aggregate.Connection.CreateAppender("tag_map");
        foreach (var (value, id) in known)
        {
            appender.CreateRow().AppendValue(id).AppendValue(value).EndRow();
        }
    }
}
