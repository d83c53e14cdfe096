using Predictor.Scoring.Artifact;
using Predictor.Training.DataSets;
using Predictor.Training.Gbdt;
using Predictor.Training.Pipeline;
using Predictor.Training.SampleSize;
using Predictor.Training.Validation;

namespace Predictor.Reports.Training;

/// <summary>Everything the training report shows: the data as given to the pipeline and what the pipeline made of it.</summary>
/// <param name="Source">Name of the data file (shown as given; never a patient's data).</param>
/// <param name="Label">The label column.</param>
/// <param name="Data">The training set passed to <see cref="ClinicalPipeline.Fit"/> (before its audit dropped anything).</param>
/// <param name="Result">The pipeline's result, with its out-of-fold probabilities.</param>
/// <param name="Options">The pipeline options (seed, folds, threshold rule).</param>
/// <param name="SampleSize">Riley et al. minimum sample size for this cohort.</param>
/// <param name="Bootstrap">The optimism bootstrap, when it was run.</param>
public sealed record TrainingReportInput(
    string Source,
    string Label,
    TrainingSet Data,
    PipelineResult Result,
    PipelineOptions Options,
    SampleSizeRequirement SampleSize,
    OptimismResult? Bootstrap)
{
    /// <summary>
    /// Level names of ordered categories (BCLC stage), which <see cref="Data"/> holds as numeric codes only; without them
    /// Table 1 counts such a feature per code. <see cref="TrainingSetBuilder.OrderedLevels"/> reads them off the loaded table.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> OrderedLevels { get; init; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>The pipeline models of the optimism bootstrap's replicates (<see cref="ReplicateModels"/>), for the linear terms' intervals; empty without them.</summary>
    public IReadOnlyList<PipelineModel> ReplicateModels { get; init; } = [];

    /// <summary>The fingerprint the model file records for the same data.</summary>
    public DataFingerprint Fingerprint => TrainingProvenance.Fingerprint(Data);

    /// <summary>Labels in row order.</summary>
    public IReadOnlyList<double> Labels => Data.Labels;

    /// <summary>The calibrated out-of-fold probabilities, checked to line up with the rows.</summary>
    public double[] OutOfFold()
    {
        if (Result.OutOfFold.Count != Data.RowCount)
            throw new ArgumentException($"The result has {Result.OutOfFold.Count} out-of-fold probabilities for {Data.RowCount} rows; it was not fitted on this data.");
        return [.. Result.OutOfFold];
    }
}
