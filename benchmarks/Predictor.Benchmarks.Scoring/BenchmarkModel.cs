using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;

namespace Predictor.Benchmarks.Scoring;

/// <summary>
/// The benchmark's model and patients: 20 numeric features (values exactly representable as float32, so XGBoost and
/// ONNX Runtime, which read float32, see the same numbers), 5% missing, and a FastTree-shaped model (100 trees x 20
/// leaves) trained by the project's learner on a non-linear signal.
/// </summary>
internal static class BenchmarkModel
{
    public const int Width = 20;

    public static TreeEnsemble Train(int rows, ulong seed) =>
        Train(rows, GbdtPresets.FastTree with { Trees = 100, Leaves = 20, Threads = 1, Seed = seed });

    /// <summary>A model trained with <paramref name="options"/> on <paramref name="rows"/> patients drawn with its seed.</summary>
    public static TreeEnsemble Train(int rows, GbdtOptions options)
    {
        ulong seed = options.Seed;
        var (values, labels) = Patients(rows, seed, withLabels: true);
        var columns = Enumerable.Range(0, Width).Select(f =>
        {
            var column = new double[rows];
            for (int r = 0; r < rows; r++) column[r] = values[r * Width + f];
            return new FeatureColumn($"f{f:D2}", column);
        }).ToList();
        return BoostingTrainer.Train(new TrainingSet(columns, labels!), options).Model;
    }

    /// <summary>Row-major patients (and labels drawn from a logistic model with interactions when asked for).</summary>
    public static (double[] Rows, double[]? Labels) Patients(int rows, ulong seed, bool withLabels)
    {
        var random = new Random((int)seed);
        var values = new double[rows * Width];
        var labels = withLabels ? new double[rows] : null;
        for (int r = 0; r < rows; r++)
        {
            for (int f = 0; f < Width; f++)
                values[r * Width + f] = random.NextDouble() < 0.05 ? double.NaN : (float)(random.NextDouble() * 300);
            if (labels is null) continue;
            double Value(int f) => double.IsNaN(values[r * Width + f]) ? 150 : values[r * Width + f];
            double logit = (Value(0) - 150) / 60 + (Value(1) > 200 ? 1.2 : -0.4) + (Value(2) - 150) * (Value(3) - 150) / 20000
                + Math.Sin(Value(4) / 40) + 0.3 * (Value(5) > 100 ? 1 : 0);
            labels[r] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
        }
        return (values, labels);
    }
}
