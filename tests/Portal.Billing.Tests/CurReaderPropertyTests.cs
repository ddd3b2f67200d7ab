using System.Text;
using CsCheck;
using Portal.Billing.Reading;
using Portal.Core.Billing;

namespace Portal.Billing.Tests;

/// <summary>
/// Hostile billing files: the real AWS files from <c>../shared/data</c>, truncated, bit-flipped, with columns dropped,
/// renamed or swapped and cells replaced by junk, read the way ingestion reads them (inspect, then aggregate). Each
/// either reads or fails with a <see cref="BillingInputException"/> naming the file, within a time limit: never another
/// exception, never a hang.
/// </summary>
public sealed class CurReaderPropertyTests
{
    /// <summary>Generous: the machine is shared; a hang is minutes, not seconds.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static readonly string[] CsvFiles =
    [
        SharedData.PathOf("cur-legacy-csv", "test_cur.csv"),
        SharedData.PathOf("cur-legacy-csv", "aws", "2023-06-01.csv"),
        SharedData.PathOf("cur-legacy-csv", "aws", "2022-07-01-alt-columns.csv"),
        SharedData.PathOf("focus-1.0", "focus_sample.csv"),
    ];

    private static readonly string[] Junk = ["", "abc", "1e999", "-0", "NaN", "2023-13-45T99:00:00Z", "\"", "\0", "‮", "🙂🙂", "9999999999999999999999999999"];

    [Fact]
    public void CsvReports_TruncatedOrBitFlipped_ReadOrFailNamingTheFile()
    {
        var gen = Gen.Select(Gen.Int[0, CsvFiles.Length - 1], Gen.Int[0, 1], Gen.Int[0, int.MaxValue], Gen.Int[1, 40]);
        gen.Sample((file, kind, seed, flips) =>
        {
            var bytes = File.ReadAllBytes(CsvFiles[file]);
            AssertReadsOrFailsClearly(Path.GetFileName(CsvFiles[file]), kind == 0 ? Truncate(bytes, seed) : Flip(bytes, seed, flips));
        }, iter: 25, threads: 1);
    }

    [Fact]
    public void CsvReports_WithColumnsDroppedRenamedSwappedOrJunkCells_ReadOrFailNamingTheFile()
    {
        var gen = Gen.Select(Gen.Int[0, CsvFiles.Length - 1], Gen.Int[0, 3], Gen.Int[0, int.MaxValue]);
        gen.Sample((file, kind, seed) =>
        {
            var lines = File.ReadAllLines(CsvFiles[file]).Take(200).ToArray();
            AssertReadsOrFailsClearly(Path.GetFileName(CsvFiles[file]), Encoding.UTF8.GetBytes(string.Join("\n", Mangle(lines, kind, new Random(seed))) + "\n"));
        }, iter: 30, threads: 1);
    }

    [Fact]
    public void ParquetAndGzipReports_TruncatedOrBitFlipped_ReadOrFailNamingTheFile()
    {
        string[] files = [SharedData.PathOf("cur-legacy-parquet", "Oct2018-WorkshopCUR-00001.snappy.parquet"), SharedData.PathOf("cur-legacy-csv", "test_cur.csv.gz")];
        var contents = files.Select(File.ReadAllBytes).ToArray();
        var gen = Gen.Select(Gen.Int[0, files.Length - 1], Gen.Int[0, 1], Gen.Int[0, int.MaxValue], Gen.Int[1, 200]);
        gen.Sample((file, kind, seed, flips) =>
            AssertReadsOrFailsClearly(Path.GetFileName(files[file]), kind == 0 ? Truncate(contents[file], seed) : Flip(contents[file], seed, flips)),
            iter: 12, threads: 1);
    }

    /// <summary>
    /// Cases the properties once found, kept so they run every time: a bit-flipped gzip whose deflate stream names an
    /// unknown compression method made the header count throw before DuckDB saw the file.
    /// </summary>
    [Theory]
    [InlineData(329244567, 35)]
    public void GzipReport_WithDamagedDeflateStream_FailsNamingTheFile(int seed, int flips)
    {
        var file = SharedData.PathOf("cur-legacy-csv", "test_cur.csv.gz");
        AssertReadsOrFailsClearly(Path.GetFileName(file), Flip(File.ReadAllBytes(file), seed, flips));
    }

    /// <summary>A fresh folder holding only the mutated file, read as ingestion reads a delivery.</summary>
    private static void AssertReadsOrFailsClearly(string name, byte[] content)
    {
        var folder = TempFolder.Create("fuzz");
        var file = Path.Combine(folder, name);
        File.WriteAllBytes(file, content);
        var read = Task.Run(async () =>
        {
            using var aggregator = new DeliveryAggregator(new BillingOptions { TempDirectory = folder, DuckDbThreads = 1 });
            using var timeout = new CancellationTokenSource(Limit);
            var (format, schema) = aggregator.Inspect([file], ReportFormat.Auto);
            await aggregator.AggregateAsync([file], format, schema, BillingSource.DefaultTagKey, _ => Task.CompletedTask, timeout.Token);
        });
        try
        {
            Assert.True(read.Wait(Limit + TimeSpan.FromSeconds(10)), $"reading a mutated {name} did not finish within {Limit.TotalSeconds} s");
        }
        catch (AggregateException e) when (e.InnerException is BillingInputException error)
        {
            Assert.StartsWith(name + ":", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(folder, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            if (read.IsCompleted)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static byte[] Truncate(byte[] bytes, int seed) => bytes[..(seed % bytes.Length)];

    private static byte[] Flip(byte[] bytes, int seed, int flips)
    {
        var copy = (byte[])bytes.Clone();
        var random = new Random(seed);
        for (var i = 0; i < flips; i++)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }
        return copy;
    }

    /// <summary>0: drop a column, 1: rename one, 2: swap two header names, 3: junk in random cells.</summary>
    private static IEnumerable<string> Mangle(string[] lines, int kind, Random random)
    {
        // The files quote every field or none; splitting on commas is enough to move columns around for this purpose.
        var rows = lines.Select(l => l.Split(',').ToList()).ToList();
        var width = rows[0].Count;
        var column = random.Next(width);
        switch (kind)
        {
            case 0:
                rows.ForEach(r => { if (column < r.Count) { r.RemoveAt(column); } });
                break;
            case 1:
                rows[0][column] = "\"renamed_" + random.Next(1000) + "\"";
                break;
            case 2:
                var other = random.Next(width);
                (rows[0][column], rows[0][other]) = (rows[0][other], rows[0][column]);
                break;
            default:
                for (var i = 0; i < 20 && rows.Count > 1; i++)
                {
                    var row = rows[1 + random.Next(rows.Count - 1)];
                    row[random.Next(row.Count)] = Junk[random.Next(Junk.Length)];
                }
                break;
        }
        return rows.Select(r => string.Join(',', r));
    }
}
