using System.Diagnostics;
using System.Globalization;
using Predictor.Training.Evaluation;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;
using Predictor.Training.Gbdt.Data;

namespace Predictor.Benchmarks.Gbdt;

/// <summary>
/// Trains the fasttree preset on prepared data and prints wall time, CPU time (all threads), peak memory and held-out
/// AUC as JSON.
/// </summary>
internal static class TrainRun
{
    public static int Run(string dir, int threads)
    {
        var train = ReadNumericCsv(Path.Combine(dir, "train.csv"));
        var test = ReadNumericCsv(Path.Combine(dir, "test.csv"));
        var options = GbdtPresets.FastTree with { Threads = threads };
        // Timed from the data already in memory, like XGBoost's side (DMatrix construction + training).
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        var model = BoostingTrainer.Train(train, options).Model;
        double seconds = clock.Elapsed.TotalSeconds;
        double cpuSeconds = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
        var scores = new double[test.RowCount];
        for (int i = 0; i < scores.Length; i++) scores[i] = model.Predict(test.Row(i));
        double auc = RocAuc.Compute(scores, test.Labels);
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"learner\":\"predictor\",\"rows\":{train.RowCount},\"trees\":{model.Trees.Count},\"seconds\":{seconds:R},\"cpu_seconds\":{cpuSeconds:R},\"peak_mb\":{peak / 1048576.0:F1},\"auc\":{auc:R}}}"));
        return 0;
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
