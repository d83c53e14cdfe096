using Predictor.Data.Errors;
using Predictor.Training.Evaluation;
using Predictor.Training.Gbdt.Data;
using Predictor.Training.Gbdt.Sampling;

namespace Predictor.Training.Validation;

/// <summary>
/// Efron-Gong optimism bootstrap (Harrell, Regression Modeling Strategies §5.3): for each replicate, draw n rows with
/// replacement, run the WHOLE pipeline on them (tuning and calibration included, so their optimism is counted too),
/// and measure the model on the bootstrap sample and on the original data; the mean difference is the optimism that
/// is subtracted from the apparent performance.
/// </summary>
public static class OptimismBootstrap
{
    /// <summary>Metric names in the result, in order.</summary>
    public static IReadOnlyList<string> MetricNames { get; } = ["auc", "brier", "calibration_intercept", "calibration_slope"];

    /// <param name="data">The original data.</param>
    /// <param name="fit">Runs the pipeline on a training set and returns a function giving probabilities for any set.</param>
    /// <param name="replicates">Bootstrap replicates B.</param>
    /// <param name="seed">Seed for the resampling.</param>
    /// <param name="progress">Receives (done, total) after each replicate.</param>
    public static OptimismResult Run(TrainingSet data, Func<TrainingSet, Func<TrainingSet, double[]>> fit, int replicates, ulong seed,
        IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(fit);
        if (replicates < 1) throw new ArgumentOutOfRangeException(nameof(replicates), "At least one bootstrap replicate is needed.");
        var apparent = Measure(fit(data)(data), data.Labels);
        var optimism = new double[MetricNames.Count];
        // Calibration is not estimable on a perfectly separated sample; such replicates are left out of that metric's mean.
        var counted = new int[MetricNames.Count];
        int done = 0, skipped = 0;
        var random = new SplitMix64(SplitMix64.Derive(seed, 0xB007UL));
        for (int b = 0; b < replicates; b++)
        {
            var rows = new int[data.RowCount];
            for (int i = 0; i < rows.Length; i++) rows[i] = random.NextInt(data.RowCount);
            Array.Sort(rows);
            var sample = data.SelectRows(rows);
            try
            {
                var predict = fit(sample);
                var onSample = Measure(predict(sample), sample.Labels);
                var onOriginal = Measure(predict(data), data.Labels);
                for (int m = 0; m < optimism.Length; m++)
                {
                    double difference = onSample[m] - onOriginal[m];
                    if (!double.IsFinite(difference)) continue;
                    optimism[m] += difference;
                    counted[m]++;
                }
                done++;
            }
            catch (PredictorInputException)
            {
                // A resample can hold too few of the rarer class for the pipeline; it says nothing about optimism.
                skipped++;
            }
            progress?.Report((b + 1, replicates));
        }
        if (done == 0) throw new PredictorInputException("No bootstrap replicate could run the pipeline: the rarer outcome is too rare.");
        return new OptimismResult(done, skipped, [.. MetricNames.Select((name, m) => new BootstrapMetric(name, apparent[m], counted[m] == 0 ? double.NaN : optimism[m] / counted[m], counted[m]))]);
    }

    private static double[] Measure(double[] probabilities, double[] labels)
    {
        if (RarerClass.Count(labels) == 0) throw new PredictorInputException("A bootstrap sample has one class only.");
        var calibration = CalibrationSummary.Compute(probabilities, labels);
        return [RocAuc.Compute(probabilities, labels), BrierScore.Compute(probabilities, labels), calibration.Intercept, calibration.Slope];
    }
}
