using Predictor.Data.Errors;
using Predictor.Training.Concurrency;
using Predictor.Training.DataSets;
using Predictor.Training.Evaluation;
using Predictor.Training.Progress;
using Predictor.Training.Statistics;

namespace Predictor.Training.Validation;

/// <summary>
/// Efron-Gong optimism bootstrap (Harrell, Regression Modeling Strategies §5.3): for each replicate, draw n rows with
/// replacement, run the WHOLE pipeline on them (tuning and calibration included, so their optimism is counted too),
/// and measure the model on the bootstrap sample and on the original data; the mean difference is the optimism that
/// is subtracted from the apparent performance.
/// </summary>
public static class OptimismBootstrap
{
    /// <summary>Replicates run by default on cohorts of up to <see cref="DefaultMaxRows"/> rows.</summary>
    public const int DefaultReplicates = 200;

    /// <summary>
    /// Largest cohort the bootstrap runs on by default: it refits the whole pipeline <see cref="DefaultReplicates"/>
    /// times, which on larger cohorts takes too long to be a default (train's <c>--bootstrap B</c> asks for it).
    /// </summary>
    public const int DefaultMaxRows = 300;

    /// <summary>Replicates to run when none were asked for: <see cref="DefaultReplicates"/> up to <see cref="DefaultMaxRows"/> rows, else none.</summary>
    public static int DefaultFor(int rows) => rows <= DefaultMaxRows ? DefaultReplicates : 0;

    /// <summary>Metric names in the result, in order.</summary>
    public static IReadOnlyList<string> MetricNames { get; } = ["auc", "brier", "calibration_intercept", "calibration_slope"];

    /// <summary>Runs the replicates one after another with a learner that takes no thread budget.</summary>
    public static OptimismResult Run(TrainingSet data, Func<TrainingSet, Func<TrainingSet, double[]>> fit, int replicates, ulong seed,
        IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return Run(data, (train, _) => fit(train), replicates, seed, threads: 1, progress);
    }

    /// <param name="data">The original data.</param>
    /// <param name="fit">Runs the pipeline on a training set and returns a function giving probabilities for any set.</param>
    /// <param name="replicates">Bootstrap replicates B.</param>
    /// <param name="seed">Seed for the resampling.</param>
    /// <param name="threads">
    /// Threads for the whole run: the fit on the original data gets them all, then the replicates run side by side, each
    /// fit given its share. The result does not depend on it.
    /// </param>
    /// <param name="progress">Receives (done, total) after each replicate, counting replicates finished in any order.</param>
    public static OptimismResult Run(TrainingSet data, LearnerFit fit, int replicates, ulong seed, int threads,
        IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(fit);
        if (replicates < 1) throw new ArgumentOutOfRangeException(nameof(replicates), "At least one bootstrap replicate is needed.");
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var apparent = Measure(fit(data, threads)(data), data.Labels);
        // Samples are drawn in replicate order from one stream, before any fit, so replicate b sees the same rows
        // however the fits are scheduled.
        var random = new SplitMix64(SplitMix64.Derive(seed, 0xB007UL));
        var samples = new int[replicates][];
        for (int b = 0; b < replicates; b++)
        {
            var rows = new int[data.RowCount];
            for (int i = 0; i < rows.Length; i++) rows[i] = random.NextInt(data.RowCount);
            Array.Sort(rows);
            samples[b] = rows;
        }
        var counter = new ProgressCounter(progress is null ? null : new PairProgress(progress), "bootstrap", replicates);
        var differences = IndependentFits.Run(replicates, threads, (b, threadsEach) =>
        {
            var difference = Replicate(data, data.SelectRows(samples[b]), fit, threadsEach);
            counter.Done();
            return difference;
        });

        // Summed in replicate order, so the means are the same bit for bit whatever the thread count.
        var optimism = new double[MetricNames.Count];
        // Calibration is not estimable on a perfectly separated sample; such replicates are left out of that metric's mean.
        var counted = new int[MetricNames.Count];
        int done = 0, skipped = 0;
        foreach (var difference in differences)
        {
            if (difference is null)
            {
                skipped++;
                continue;
            }
            done++;
            for (int m = 0; m < optimism.Length; m++)
            {
                if (!double.IsFinite(difference[m])) continue;
                optimism[m] += difference[m];
                counted[m]++;
            }
        }
        if (done == 0) throw new PredictorInputException("No bootstrap replicate could run the pipeline: the rarer outcome is too rare.");
        return new OptimismResult(done, skipped, [.. MetricNames.Select((name, m) => new BootstrapMetric(name, apparent[m], counted[m] == 0 ? double.NaN : optimism[m] / counted[m], counted[m]))]);
    }

    /// <summary>Each metric on the bootstrap sample minus on the original data; null when the sample cannot be fitted.</summary>
    private static double[]? Replicate(TrainingSet data, TrainingSet sample, LearnerFit fit, int threads)
    {
        try
        {
            var predict = fit(sample, threads);
            var onSample = Measure(predict(sample), sample.Labels);
            var onOriginal = Measure(predict(data), data.Labels);
            return [.. onSample.Select((value, m) => value - onOriginal[m])];
        }
        catch (PredictorInputException)
        {
            // A resample can hold too few of the rarer class for the pipeline; it says nothing about optimism.
            return null;
        }
    }

    private static double[] Measure(double[] probabilities, double[] labels)
    {
        if (RarerClass.Count(labels) == 0) throw new PredictorInputException("A bootstrap sample has one class only.");
        var calibration = CalibrationSummary.Compute(probabilities, labels);
        return [RocAuc.Compute(probabilities, labels), BrierScore.Compute(probabilities, labels), calibration.Intercept, calibration.Slope];
    }

    private sealed class PairProgress(IProgress<(int Done, int Total)> inner) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => inner.Report((value.Done, value.Total));
    }
}
