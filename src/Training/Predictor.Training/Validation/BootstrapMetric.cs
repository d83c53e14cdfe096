namespace Predictor.Training.Validation;

/// <summary>One metric's Efron-Gong optimism correction: corrected = apparent − mean optimism (NaN when not estimable).</summary>
/// <param name="Name">Metric name (auc, brier, calibration_intercept, calibration_slope).</param>
/// <param name="Apparent">The final model's metric on the data it was fitted on.</param>
/// <param name="Optimism">Mean over replicates of (metric on the bootstrap sample − metric on the original data).</param>
/// <param name="Replicates">Replicates in which the metric was estimable on both the sample and the original data.</param>
public sealed record BootstrapMetric(string Name, double Apparent, double Optimism, int Replicates)
{
    public double Corrected => Apparent - Optimism;
}

/// <summary>The optimism bootstrap's outcome.</summary>
/// <param name="Replicates">Replicates that completed.</param>
/// <param name="Skipped">Replicates whose sample had too few of a class to run the pipeline (left out of the means).</param>
/// <param name="Metrics">Each metric's apparent value and optimism.</param>
public sealed record OptimismResult(int Replicates, int Skipped, IReadOnlyList<BootstrapMetric> Metrics)
{
    public BootstrapMetric this[string name] => Metrics.First(m => string.Equals(m.Name, name, StringComparison.Ordinal));
}
