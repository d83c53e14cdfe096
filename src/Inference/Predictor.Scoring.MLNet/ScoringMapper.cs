using Microsoft.ML;
using Microsoft.ML.Data;

namespace Predictor.Scoring.MLNet;

/// <summary>The transformer bound to one input schema: which input columns an output needs, and scored rows.</summary>
internal sealed class ScoringMapper : IRowToRowMapper
{
    public ScoringMapper(PredictorModelTransformer transformer, DataViewSchema inputSchema, DataViewSchema outputSchema)
    {
        Transformer = transformer;
        InputSchema = inputSchema;
        OutputSchema = outputSchema;
    }

    public PredictorModelTransformer Transformer { get; }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    /// <summary>Whether an output column is one this mapper adds (the rest pass through from the input).</summary>
    public bool IsAdded(DataViewSchema.Column column) => column.Index >= InputSchema.Count;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        ArgumentNullException.ThrowIfNull(dependingColumns);
        var needed = new HashSet<int>();
        foreach (var column in dependingColumns)
        {
            if (IsAdded(column))
            {
                foreach (var feature in FeatureReader.Dependencies(Transformer.Artifact.Model, Transformer.Options, InputSchema)) needed.Add(feature.Index);
            }
            else
            {
                needed.Add(column.Index);
            }
        }
        return needed.Order().Select(i => InputSchema[i]).ToList();
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(activeColumns);
        return new ScoredRow(this, input, activeColumns);
    }
}
