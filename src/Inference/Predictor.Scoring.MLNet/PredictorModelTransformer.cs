using Microsoft.ML;
using Microsoft.ML.Data;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Compiled;
using Predictor.Scoring.Input;
using Predictor.Scoring.Serialization;

namespace Predictor.Scoring.MLNet;

/// <summary>
/// A model file of ours as an ML.NET <see cref="ITransformer"/>: adds the raw score (log-odds), the calibrated
/// probability and the predicted label at the model's threshold to every row of an <see cref="IDataView"/>, lazily,
/// as cursors move. A row-to-row mapper, so <c>PredictionEngine</c> works. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <see cref="Save"/> is not supported: ML.NET's model-saving API (writing into <see cref="ModelSaveContext"/> and
/// registering a loader) is internal to ML.NET. Keep the model file beside the saved pipeline and append this
/// transformer after loading it.
/// </remarks>
public sealed class PredictorModelTransformer : ITransformer
{
    private readonly PredictorModelOptions _options;
    private readonly CompiledEnsemble _compiled;
    private readonly InputBinder _binder;

    /// <summary>A transformer scoring with <paramref name="artifact"/> under <paramref name="options"/> (defaults when null).</summary>
    public PredictorModelTransformer(ModelArtifact artifact, PredictorModelOptions? options = null)
    {
        Artifact = artifact ?? throw new ArgumentNullException(nameof(artifact));
        _options = options ?? new PredictorModelOptions();
        _compiled = new CompiledEnsemble(artifact.Model);
        _binder = new InputBinder(artifact.Model, _options.Policy);
    }

    /// <summary>A transformer for the model file at <paramref name="modelPath"/> (checksum verified).</summary>
    public PredictorModelTransformer(string modelPath, PredictorModelOptions? options = null)
        : this(ModelJson.ReadArtifactFile(modelPath), options)
    {
    }

    /// <summary>The model file's contents.</summary>
    public ModelArtifact Artifact { get; }

    /// <summary>Always true: each output row depends only on its input row.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The input columns followed by the score, probability and predicted label (hiding input columns of those names).</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        InputSchemaCheck.Check(Artifact.Model, _options, inputSchema);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        foreach (var (name, type) in OutputColumns.Of(_options)) builder.AddColumn(name, type);
        return builder.ToSchema();
    }

    /// <summary>A view of <paramref name="input"/> with the three columns added; rows are scored when read.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ScoredDataView(input, (ScoringMapper)GetRowToRowMapper(input.Schema));
    }

    /// <summary>The mapper <c>PredictionEngine</c> uses.</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        new ScoringMapper(this, inputSchema, GetOutputSchema(inputSchema));

    /// <summary>Not supported (see the remarks on <see cref="PredictorModelTransformer"/>).</summary>
    public void Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("A Predictor.Scoring.MLNet transformer cannot be saved inside an ML.NET model zip " +
            "(ML.NET's API for saving custom transformers is internal). Save the pipeline before this transformer, keep the model file, and append the transformer after loading.");

    /// <summary>Scores the current row of <paramref name="reader"/>'s cursor.</summary>
    internal (double Raw, double Probability, bool Positive) Score(FeatureReader reader, long position, Span<double> row)
    {
        reader.Read(_binder, position, row);
        double raw = _compiled.PredictRaw(row);
        double probability = Artifact.Probability(raw);
        return (raw, probability, Artifact.IsPositive(probability));
    }

    internal PredictorModelOptions Options => _options;
}
