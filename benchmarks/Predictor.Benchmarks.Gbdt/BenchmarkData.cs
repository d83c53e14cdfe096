using System.Globalization;
using System.Text;
using Predictor.Data.Contract;
using Predictor.Data.Simulation;
using Predictor.Data.Tables;

namespace Predictor.Benchmarks.Gbdt;

/// <summary>
/// Writes a simulated cohort as plain numeric CSV that both learners read the same way: label first, then every
/// contract feature, categories as level codes, booleans as 0/1, empty = missing.
/// </summary>
internal static class BenchmarkData
{
    public const int TestRows = 50_000;

    public static int Prepare(int rows, ulong seed, string dir)
    {
        Directory.CreateDirectory(dir);
        var cohort = CohortSimulator.Generate(new SimulationOptions { Patients = rows + TestRows, Seed = seed, TreatedFraction = 1.0 });
        var features = CohortContract.Features.Select(c => c.Name).Where(cohort.Contains).ToList();
        Write(cohort, features, 0, rows, Path.Combine(dir, "train.csv"));
        Write(cohort, features, rows, rows + TestRows, Path.Combine(dir, "test.csv"));
        return 0;
    }

    private static void Write(DataTable table, List<string> features, int from, int to, string path)
    {
        var columns = features.Select(f => Numeric(table[f])).ToList();
        var label = Numeric(table[CohortContract.ResistantAt6Months]);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write(CohortContract.ResistantAt6Months);
        foreach (var f in features) writer.Write("," + f);
        writer.Write('\n');
        for (int r = from; r < to; r++)
        {
            writer.Write(label[r].ToString("R", CultureInfo.InvariantCulture));
            foreach (var column in columns)
            {
                writer.Write(',');
                if (!double.IsNaN(column[r])) writer.Write(column[r].ToString("R", CultureInfo.InvariantCulture));
            }
            writer.Write('\n');
        }
    }

    private static double[] Numeric(Column column) => column switch
    {
        NumericColumn n => n.Values.ToArray(),
        BooleanColumn b => b.ToDoubles(),
        CategoricalColumn c => [.. Enumerable.Range(0, c.Length).Select(i => c.Codes[i] < 0 ? double.NaN : c.Codes[i])],
        _ => throw new NotSupportedException($"Column {column.Name} is not numeric."),
    };
}
