using System.Globalization;
using DuckDB.NET.Data;
using Portal.Billing.Facts;

namespace Portal.Billing.Tests;

/// <summary>A sum per account × line item type × tag, keyed the same way for stored and expected values.</summary>
public sealed record GoldenRow(string Account, string Type, string Tag, decimal Unblended, decimal Amortized, long Lines);

/// <summary>
/// Expected values computed straight from the raw files with hand-written DuckDB SQL — independent of the engine's
/// column mapping — and the comparison with what the engine stored.
/// </summary>
public static class Expected
{
    /// <summary>
    /// <paramref name="sql"/> must return account, type, tag, unblended, amortized, lines; money columns as
    /// DECIMAL(38,10) sums of per-line DECIMAL(38,10) casts (the engine's documented precision).
    /// </summary>
    public static List<GoldenRow> Query(string sql)
    {
        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<GoldenRow>();
        while (reader.Read())
        {
            rows.Add(new GoldenRow(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2),
                reader.IsDBNull(3) ? 0 : reader.GetDecimal(3), reader.IsDBNull(4) ? 0 : reader.GetDecimal(4),
                Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture)));
        }
        return rows;
    }

    public static string Scalar(string sql)
    {
        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    public static List<GoldenRow> Stored(IEnumerable<FactSum> sums) =>
        [.. sums.Select(s => new GoldenRow(s.UsageAccountId!, s.LineItemType!, s.Tag!, s.Unblended, s.Amortized, s.LineCount))];

    /// <summary>Asserts the same keys and exactly the same sums; also that the data is not trivially empty.</summary>
    public static void Equal(List<GoldenRow> expected, List<GoldenRow> stored, bool allowEmpty = false)
    {
        if (!allowEmpty)
        {
            Assert.NotEmpty(expected);
        }
        var want = expected.OrderBy(r => r.Account, StringComparer.Ordinal).ThenBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.Tag, StringComparer.Ordinal).ToList();
        var got = stored.OrderBy(r => r.Account, StringComparer.Ordinal).ThenBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.Tag, StringComparer.Ordinal).ToList();
        Assert.Equal(want.Count, got.Count);
        for (var i = 0; i < want.Count; i++)
        {
            // decimal equality ignores trailing zeros: 1.50 == 1.5000000000.
            Assert.Equal(want[i], got[i]);
        }
    }
}
