using System.Diagnostics;
using System.Globalization;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Tables;

// One measurement per process, so peak memory belongs to that operation alone:
//   read FILE [--cold]        time ParquetTableReader.Read (all columns into a DataTable)
//   write FILE OUT [--cold]   read FILE (untimed), then time ParquetTableWriter.Write with default options except
//                             the row group size, set to DuckDB's default (122,880 rows) so both write the same layout
// By default the JIT is warmed first (the same code on a 10,000-row slice, ten times, then a pause for tiered
// compilation to finish), so the figure is the library's steady state; --cold skips that and measures what a
// one-shot process such as the CLI sees, JIT compilation included.
// Prints one JSON line: operation, wall seconds, CPU seconds (all threads; steadier than wall time on a shared
// machine), peak working set, size of the decoded table.
if (args.Length < 2 || args[0] is not ("read" or "write") || (args[0] == "write" && args.Length < 3))
{
    Console.Error.WriteLine("usage: read FILE [--cold] | write FILE OUT [--cold]");
    return 2;
}
string file = args[1];
bool cold = args[^1] == "--cold";
if (!cold) WarmUp(file, args[0] == "write" ? args[2] + ".warm" : null);
var stopwatch = new Stopwatch();
using var process = Process.GetCurrentProcess();
TimeSpan cpuStart;
DataTable table;
if (args[0] == "read")
{
    cpuStart = process.TotalProcessorTime;
    stopwatch.Start();
    table = ParquetTableReader.Read(file);
    stopwatch.Stop();
}
else
{
    table = ParquetTableReader.Read(file);
    process.Refresh();
    cpuStart = process.TotalProcessorTime;
    stopwatch.Start();
    ParquetTableWriter.Write(table, args[2], new ParquetWriteOptions { RowGroupSize = 122_880 });
    stopwatch.Stop();
}
process.Refresh();
double cpuSeconds = (process.TotalProcessorTime - cpuStart).TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{{\"engine\":\"predictor\",\"op\":\"{args[0]}\",\"rows\":{table.RowCount},\"seconds\":{stopwatch.Elapsed.TotalSeconds:F3},\"cpu_seconds\":{cpuSeconds:F3},\"peak_mb\":{process.PeakWorkingSet64 / 1048576.0:F0},\"decoded_mb\":{DecodedBytes(table) / 1048576.0:F0}}}"));
return 0;

static void WarmUp(string file, string? writeTo)
{
    for (int i = 0; i < 10; i++)
    {
        var slice = ParquetTableReader.ReadRowGroups(file).First();
        slice = slice.SelectRows(Enumerable.Range(0, Math.Min(10_000, slice.RowCount)).ToArray());
        if (writeTo is null) continue;
        ParquetTableWriter.Write(slice, writeTo);
        File.Delete(writeTo);
    }
    Thread.Sleep(1000);
    GC.Collect();
}

// Bytes the decoded table holds: 8 per number, 1 per boolean, 4 per category code, and for text a reference per
// row plus each distinct string object once (rows share strings decoded from a dictionary).
static long DecodedBytes(DataTable table)
{
    long total = 0;
    foreach (var column in table.Columns)
    {
        switch (column)
        {
            case NumericColumn n: total += 8L * n.Length; break;
            case BooleanColumn b: total += b.Length; break;
            case CategoricalColumn c: total += 4L * c.Length; break;
            case TextColumn t:
                {
                    total += 8L * t.Length;
                    var seen = new HashSet<string>(ReferenceEqualityComparer.Instance);
                    foreach (var s in t.Values)
                    {
                        if (s is not null && seen.Add(s)) total += 22 + 2L * s.Length;
                    }
                    break;
                }
        }
    }
    return total;
}
