using System.Diagnostics;
using System.Globalization;
using Predictor.Training.DataSets;
using Predictor.Training.Evaluation;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;

namespace Predictor.Benchmarks.Gbdt;

/// <summary>
/// Trains the fasttree preset on prepared data and prints wall time, CPU time (all threads), peak memory and held-out
/// AUC as JSON. With more than one fit, the same process trains again: the first fit pays the one-off start (method
/// compilation, thread pool), the later ones show what each of the many fits of the clinical pipeline costs.
/// </summary>
internal static class TrainRun
{
    public static int Run(string dir, int threads, int fits)
    {
        var train = ReadNumericCsv(Path.Combine(dir, "train.csv"));
        var test = ReadNumericCsv(Path.Combine(dir, "test.csv"));
        var options = GbdtPresets.FastTree with { Threads = threads };
        var walls = new List<double>();
        var cpus = new List<double>();
        Predictor.Scoring.Trees.TreeEnsemble model = null!;
        for (int fit = 0; fit < Math.Max(1, fits); fit++)
        {
            // Timed from the data already in memory, like XGBoost's side (DMatrix construction + training).
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var clock = Stopwatch.StartNew();
            model = BoostingTrainer.Train(train, options).Model;
            walls.Add(clock.Elapsed.TotalSeconds);
            cpus.Add((Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds);
        }
        var scores = new double[test.RowCount];
        for (int i = 0; i < scores.Length; i++) scores[i] = model.Predict(test.Row(i));
        double auc = RocAuc.Compute(scores, test.Labels);
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        string warm = walls.Count > 1
            ? string.Create(CultureInfo.InvariantCulture, $",\"warm_seconds\":{Median(walls.Skip(1)):R},\"warm_cpu_seconds\":{Median(cpus.Skip(1)):R}")
            : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"learner\":\"predictor\",\"rows\":{train.RowCount},\"trees\":{model.Trees.Count},\"seconds\":{walls[0]:R},\"cpu_seconds\":{cpus[0]:R},\"peak_mb\":{peak / 1048576.0:F1},\"auc\":{auc:R}{warm}}}"));
        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static TrainingSet ReadNumericCsv(string path)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine()!.Split(',');
        var columns = Enumerable.Range(0, header.Length).Select(_ => new List<double>()).ToArray();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var span = line.AsSpan();
            int c = 0;
            foreach (var range in span.Split(','))
            {
                var field = span[range];
                columns[c++].Add(field.IsEmpty ? double.NaN : double.Parse(field, CultureInfo.InvariantCulture));
            }
        }
        var features = Enumerable.Range(1, header.Length - 1).Select(i => new FeatureColumn(header[i], [.. columns[i]])).ToList();
        return new TrainingSet(features, [.. columns[0]]);
    }
}
