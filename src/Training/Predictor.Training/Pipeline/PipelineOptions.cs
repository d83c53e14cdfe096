using Predictor.Training.Gbdt;
using Predictor.Training.Thresholds;

namespace Predictor.Training.Pipeline;

/// <summary>Settings of the default training pipeline (<see cref="ClinicalPipeline"/>).</summary>
public sealed record PipelineOptions
{
    /// <summary>Cross-validation folds for tuning, calibration and the threshold (fewer when the rarer class is smaller).</summary>
    public int Folds { get; init; } = 5;

    public ulong Seed { get; init; } = 42;

    public int Threads { get; init; } = Environment.ProcessorCount;

    public ThresholdRule Threshold { get; init; } = ThresholdRule.Youden;

    /// <summary>Settings the tuning grid starts from (monotone constraints, categorical handling, bins).</summary>
    public GbdtOptions Start { get; init; } = GbdtPresets.Default;
}
