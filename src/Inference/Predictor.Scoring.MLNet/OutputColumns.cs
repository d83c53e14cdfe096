using Microsoft.ML.Data;

namespace Predictor.Scoring.MLNet;

/// <summary>The three columns the transformer adds, in order.</summary>
internal static class OutputColumns
{
    public const int Score = 0, Probability = 1, PredictedLabel = 2;

    // Double rather than ML.NET's usual Single: the scores are Predictor.Scoring's to the last bit.
    public static (string Name, DataViewType Type)[] Of(PredictorModelOptions options) =>
    [
        (options.ScoreColumnName, NumberDataViewType.Double),
        (options.ProbabilityColumnName, NumberDataViewType.Double),
        (options.PredictedLabelColumnName, BooleanDataViewType.Instance),
    ];
}
