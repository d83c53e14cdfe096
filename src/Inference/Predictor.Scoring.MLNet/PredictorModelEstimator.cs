using Microsoft.ML;
using Microsoft.ML.Data;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Serialization;

namespace Predictor.Scoring.MLNet;

/// <summary>
/// An ML.NET estimator for a model file of ours. The model is already trained, so <see cref="Fit"/> learns nothing:
/// it checks the data's schema against the model's features and returns the <see cref="PredictorModelTransformer"/>.
/// Append it to a pipeline like any trainer (<c>mlContext.Transforms.ScoreWithPredictorModel(...)</c>).
/// </summary>
public sealed class PredictorModelEstimator : IEstimator<PredictorModelTransformer>
{
    private readonly ModelArtifact _artifact;
    private readonly PredictorModelOptions _options;

    /// <summary>An estimator that scores with <paramref name="artifact"/> under <paramref name="options"/> (defaults when null).</summary>
    public PredictorModelEstimator(ModelArtifact artifact, PredictorModelOptions? options = null)
    {
        _artifact = artifact ?? throw new ArgumentNullException(nameof(artifact));
        _options = options ?? new PredictorModelOptions();
    }

    /// <summary>An estimator for the model file at <paramref name="modelPath"/> (checksum verified; see <see cref="ModelJson"/>).</summary>
    public PredictorModelEstimator(string modelPath, PredictorModelOptions? options = null)
        : this(ModelJson.ReadArtifactFile(modelPath), options)
    {
    }

    /// <summary>Checks <paramref name="input"/>'s schema and returns the transformer.</summary>
    public PredictorModelTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var transformer = new PredictorModelTransformer(_artifact, _options);
        transformer.GetOutputSchema(input.Schema);
        return transformer;
    }

    /// <summary>The input columns plus the score, probability and predicted label; throws when a feature column is unusable.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        InputSchemaCheck.Check(_artifact.Model, _options, inputSchema);
        // SchemaShape's constructors are internal to ML.NET; a custom mapping that reads nothing and writes the three
        // columns under their configured names is the public way to describe them.
        var columns = SchemaDefinition.Create(typeof(ScoreColumns));
        columns[nameof(ScoreColumns.Score)].ColumnName = _options.ScoreColumnName;
        columns[nameof(ScoreColumns.Probability)].ColumnName = _options.ProbabilityColumnName;
        columns[nameof(ScoreColumns.PredictedLabel)].ColumnName = _options.PredictedLabelColumnName;
        return new MLContext().Transforms.CustomMapping<NoColumns, ScoreColumns>((_, _) => { }, contractName: null, outputSchemaDefinition: columns)
            .GetOutputSchema(inputSchema);
    }

    /// <summary>Reads no input column.</summary>
    private sealed class NoColumns;

    /// <summary>The added columns' types (names come from the options).</summary>
    private sealed class ScoreColumns
    {
        public double Score { get; set; }

        public double Probability { get; set; }

        public bool PredictedLabel { get; set; }
    }
}
