using System.Globalization;

namespace Predictor.Training.Validation;

/// <summary>One metric's Efron-Gong optimism correction: corrected = apparent − mean optimism (NaN when not estimable).</summary>
/// <param name="Name">Metric name (auc, brier, calibration_intercept, calibration_slope).</param>
/// <param name="Apparent">The final model's metric on the data it was fitted on.</param>
/// <param name="Optimism">Mean over replicates of (metric on the bootstrap sample − metric on the original data).</param>
/// <param name="Replicates">Replicates in which the metric was estimable on both the sample and the original data.</param>
/// <param name="Excluded">
/// Completed replicates in which it was not: the replicate's model separates the outcomes (the calibration slope is then
/// infinite) or the calibration fit does not converge (near-separation). They are left out of the mean.
/// </param>
public sealed record BootstrapMetric(string Name, double Apparent, double Optimism, int Replicates, int Excluded = 0)
{
    /// <summary>
    /// Apparent − optimism, or NaN when more replicates were excluded than counted: the excluded replicates are the most
    /// overfitted ones, so a mean over the few left would understate the optimism and is not reported.
    /// </summary>
    public double Corrected => Estimable ? Apparent - Optimism : double.NaN;

    /// <summary>At least half of the completed replicates could estimate the metric (and its apparent value is finite).</summary>
    public bool Estimable => Replicates > 0 && Excluded <= Replicates && double.IsFinite(Apparent) && double.IsFinite(Optimism);

    /// <summary>Why <see cref="Corrected"/> is NaN, in one sentence, or null when it is not.</summary>
    public string? NotEstimableReason => Estimable ? null
        : !double.IsFinite(Apparent) ? $"{Name}: no optimism-corrected value (NA): not estimable on the final model's own predictions (they separate the outcomes)."
        : string.Create(CultureInfo.InvariantCulture,
            $"{Name}: no optimism-corrected value (NA): not estimable in {Excluded} of {Replicates + Excluded} bootstrap replicates (the replicate's model separates the outcomes, or its calibration fit does not converge); it needs at least half of them.");
}

/// <summary>The optimism bootstrap's outcome.</summary>
/// <param name="Replicates">Replicates that completed.</param>
/// <param name="Skipped">Replicates whose sample had too few of a class to run the pipeline (left out of the means).</param>
/// <param name="Metrics">Each metric's apparent value and optimism.</param>
public sealed record OptimismResult(int Replicates, int Skipped, IReadOnlyList<BootstrapMetric> Metrics)
{
    public BootstrapMetric this[string name] => Metrics.First(m => string.Equals(m.Name, name, StringComparison.Ordinal));
}
