using Microsoft.ML;
using Microsoft.ML.Data;
using Predictor.Scoring.Input;
using Predictor.Scoring.Trees;

namespace Predictor.Scoring.MLNet;

/// <summary>
/// Which input column types the transformer reads, checked once against a schema so that a wrong column fails before
/// any row is read, with one line naming the column and what was expected.
/// </summary>
internal static class InputSchemaCheck
{
    /// <summary>What the checks need to know about a column, from either kind of ML.NET schema.</summary>
    private readonly record struct ColumnShape(bool IsVector, int VectorSize, DataViewType ItemType, bool IsKey);

    public static void Check(TreeEnsemble model, PredictorModelOptions options, DataViewSchema schema) =>
        Check(model, options, name => schema.GetColumnOrNull(name) is { } column ? Shape(column.Type) : null);

    public static void Check(TreeEnsemble model, PredictorModelOptions options, SchemaShape shape) =>
        Check(model, options, name => shape.Where(c => c.Name == name).Select(c => (ColumnShape?)new ColumnShape(c.Kind != SchemaShape.Column.VectorKind.Scalar, 0, c.ItemType, c.IsKey)).LastOrDefault());

    public static bool IsNumber(DataViewType type) =>
        type == NumberDataViewType.Single || type == NumberDataViewType.Double || type == NumberDataViewType.Int32 ||
        type == NumberDataViewType.Int64 || type == NumberDataViewType.Int16 || type == NumberDataViewType.Byte;

    private static ColumnShape Shape(DataViewType type) => type is VectorDataViewType vector
        ? new ColumnShape(true, vector.Size, vector.ItemType, vector.ItemType is KeyDataViewType)
        : new ColumnShape(false, 0, type, type is KeyDataViewType);

    private static void Check(TreeEnsemble model, PredictorModelOptions options, Func<string, ColumnShape?> find)
    {
        if (options.FeaturesColumnName is { } vectorName)
        {
            var column = find(vectorName) ?? throw new ArgumentOutOfRangeException(nameof(options),
                $"The input has no column '{vectorName}' (the features vector named in {nameof(PredictorModelOptions.FeaturesColumnName)}).");
            if (!column.IsVector || (column.ItemType != NumberDataViewType.Single && column.ItemType != NumberDataViewType.Double) ||
                (column.VectorSize != 0 && column.VectorSize != model.Features.Count))
            {
                throw new ArgumentOutOfRangeException(nameof(options),
                    $"Column '{vectorName}' must be a vector of {model.Features.Count} Single or Double values (the model's features in order), not {Describe(column)}.");
            }
            return;
        }
        foreach (var feature in model.Features)
        {
            if (find(feature.Name) is not { } column)
            {
                if (options.Policy.MissingColumn == MissingColumnRule.Reject)
                    throw new ArgumentOutOfRangeException(nameof(options), $"The input has no column '{feature.Name}', a feature of the model (policy: absent features are refused).");
                continue;
            }
            bool usable = !column.IsVector && !column.IsKey && (IsNumber(column.ItemType) || column.ItemType == BooleanDataViewType.Instance ||
                (feature.Kind == FeatureKind.Categorical && column.ItemType is TextDataViewType));
            if (!usable)
            {
                string expected = feature.Kind == FeatureKind.Categorical
                    ? "Text (the level name) or a number (the level code)"
                    : "a number or Boolean";
                throw new ArgumentOutOfRangeException(nameof(options), $"Column '{feature.Name}' must be {expected}, not {Describe(column)}.");
            }
        }
    }

    private static string Describe(ColumnShape column) =>
        (column.IsVector ? "a vector of " : "") + (column.IsKey ? "key " : "") + column.ItemType;
}
