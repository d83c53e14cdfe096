using Predictor.Data.Contract;
using Predictor.Data.Tables;

namespace Predictor.Data.Simulation;

/// <summary>
/// Simulates cohorts calibrated to the seed study (see <see cref="CohortModel"/> and data/README.md). The data are
/// simulated, not patients. Patients are generated in fixed-size batches in parallel; the same options and seed give
/// the same cohort (and the same CSV bytes) on any machine and any number of threads.
/// </summary>
public static class CohortSimulator
{
    internal const int BatchSize = 16_384;

    /// <summary>The simulated cohort as a table with the contract's columns, in contract order.</summary>
    public static DataTable Generate(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var batches = new PatientBatch[BatchCount(options)];
        var treated = ChooseTreated(options);
        var generator = new PatientGenerator(options.Model);
        Parallel.For(0, batches.Length, k => batches[k] = GenerateBatch(generator, options, treated, k));
        return CohortTableBuilder.Build(batches, options.Patients);
    }

    /// <summary>Writes the simulated cohort as CSV (header, LF line ends, empty fields for missing values).</summary>
    public static void WriteCsv(SimulationOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        options.Validate();
        var treated = ChooseTreated(options);
        var generator = new PatientGenerator(options.Model);
        var formatter = new CohortCsvFormatter(options.Patients);
        output.Write(formatter.Header);

        int batchCount = BatchCount(options);
        int window = Math.Max(2, Environment.ProcessorCount * 2);
        var chunks = new byte[window][];
        var lengths = new int[window];
        for (int first = 0; first < batchCount; first += window)
        {
            int count = Math.Min(window, batchCount - first);
            Parallel.For(0, count, j =>
            {
                var batch = GenerateBatch(generator, options, treated, first + j);
                (chunks[j], lengths[j]) = formatter.Format(batch, chunks[j]);
            });
            for (int j = 0; j < count; j++) output.Write(chunks[j], 0, lengths[j]);
        }
    }

    private static int BatchCount(SimulationOptions options) => (options.Patients + BatchSize - 1) / BatchSize;

    private static PatientBatch GenerateBatch(PatientGenerator generator, SimulationOptions options, bool[] treated, int k)
    {
        int start = k * BatchSize;
        int count = Math.Min(BatchSize, options.Patients - start);
        return generator.Generate(options.Seed, k, start, count, treated.AsSpan(start, count));
    }

    /// <summary>
    /// Chooses exactly <see cref="SimulationOptions.TreatedPatients"/> patients, each subset equally likely
    /// (selection sampling, Knuth's algorithm S), from a random stream of its own.
    /// </summary>
    internal static bool[] ChooseTreated(SimulationOptions options)
    {
        var rng = new RandomStream(options.Seed, 0);
        var treated = new bool[options.Patients];
        int needed = options.TreatedPatients;
        for (int i = 0; i < treated.Length && needed > 0; i++)
        {
            if (rng.NextDouble() * (treated.Length - i) < needed)
            {
                treated[i] = true;
                needed--;
            }
        }
        return treated;
    }

    /// <summary>Patient identifiers: SIM- and a zero-padded number, so that they sort in file order.</summary>
    internal static string PatientId(long index, int patients) =>
        "SIM-" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(Math.Max(5, patients.ToString(System.Globalization.CultureInfo.InvariantCulture).Length), '0');

    internal static IReadOnlyList<string> ColumnOrder { get; } = CohortContract.Columns.Select(c => c.Name).ToList();
}
