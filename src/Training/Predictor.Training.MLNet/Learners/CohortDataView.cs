using Microsoft.ML;
using Microsoft.ML.Data;
using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;
using Predictor.Training.MLNet.Conversion;

namespace Predictor.Training.MLNet.Learners;

/// <summary>One row as ML.NET reads it: the label, the weight, and every feature as one float vector.</summary>
public sealed class CohortRow
{
    public bool Label { get; set; }

    public float Weight { get; set; }

    /// <summary>Numeric features as they are (NaN = missing), then each categorical feature one-hot (missing = all zeros).</summary>
#pragma warning disable CA1819 // ML.NET reads vector columns from array properties.
    public float[] Raw { get; set; } = [];
#pragma warning restore CA1819
}

/// <summary>
/// A training set as an ML.NET <see cref="IDataView"/> with the feature preparation an ML.NET user writes for data with
/// missing values and categories: categorical features one-hot encoded (a missing or unseen level is all zeros, as
/// ML.NET's <c>OneHotEncoding</c> makes it); numeric features with missing values replaced by the training mean
/// (<c>ReplaceMissingValues</c>, mode Mean) plus a missing indicator per feature (<c>IndicateMissingValues</c>), all
/// concatenated into <c>Features</c>. Mean plus indicator, not the trainers' own NaN handling, because FastTree skips
/// every training row with a missing feature (a cohort with scattered missing labs would lose most of its patients),
/// and the indicator lets the trees still learn from missingness itself; both trainers get the same preparation so
/// that they are compared like for like.
/// </summary>
public static class CohortDataView
{
    public const string Features = "Features";

    /// <summary>Each slot of the <c>Raw</c> vector: the numeric features, then one slot per level of each categorical feature.</summary>
    public static IReadOnlyList<FeatureSlot> RawSlots(IReadOnlyList<ModelFeature> schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var slots = new List<FeatureSlot>();
        for (int f = 0; f < schema.Count; f++)
        {
            if (schema[f].Kind == FeatureKind.Numeric) slots.Add(new FeatureSlot(f, SlotKind.Value));
        }
        for (int f = 0; f < schema.Count; f++)
        {
            if (schema[f].Kind != FeatureKind.Categorical) continue;
            for (int l = 0; l < schema[f].Levels.Count; l++) slots.Add(new FeatureSlot(f, SlotKind.LevelIndicator, l));
        }
        return slots;
    }

    public static IDataView Load(MLContext ml, TrainingSet data, IReadOnlyList<FeatureSlot> rawSlots)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rawSlots);
        var rows = new CohortRow[data.RowCount];
        for (int r = 0; r < rows.Length; r++)
        {
            var raw = new float[rawSlots.Count];
            for (int s = 0; s < raw.Length; s++)
            {
                var slot = rawSlots[s];
                double v = data.Features[slot.Feature].Values[r];
                raw[s] = slot.Kind == SlotKind.LevelIndicator ? (v == slot.Level ? 1f : 0f) : (float)v;
            }
            rows[r] = new CohortRow { Label = data.Labels[r] == 1, Weight = (float)(data.Weights?[r] ?? 1.0), Raw = raw };
        }
        var schema = SchemaDefinition.Create(typeof(CohortRow));
        schema[nameof(CohortRow.Raw)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, rawSlots.Count);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>Mean replacement, missing indicators and the concatenation into <c>Features</c> (imputed slots, then indicators).</summary>
    public static IEstimator<ITransformer> Preparation(MLContext ml)
    {
        ArgumentNullException.ThrowIfNull(ml);
        return ml.Transforms.ReplaceMissingValues("Imputed", nameof(CohortRow.Raw), Microsoft.ML.Transforms.MissingValueReplacingEstimator.ReplacementMode.Mean)
            .Append(ml.Transforms.IndicateMissingValues("IsMissing", nameof(CohortRow.Raw)))
            .Append(ml.Transforms.Conversion.ConvertType("MissingFlag", "IsMissing", DataKind.Single))
            .Append(ml.Transforms.Concatenate(Features, "Imputed", "MissingFlag"));
    }

    /// <summary>
    /// The slots of <c>Features</c> after <see cref="Preparation"/>, with the value each missing number was replaced by.
    /// The replacements are read back by sending one all-missing row through the fitted preparation, so they are
    /// ML.NET's own float means, not a recomputation.
    /// </summary>
    public static IReadOnlyList<FeatureSlot> FeatureSlots(MLContext ml, ITransformer preparation, IReadOnlyList<FeatureSlot> rawSlots)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(preparation);
        ArgumentNullException.ThrowIfNull(rawSlots);
        var probe = new CohortRow { Label = false, Weight = 1f, Raw = [.. rawSlots.Select(s => s.Kind == SlotKind.LevelIndicator ? 0f : float.NaN)] };
        var schema = SchemaDefinition.Create(typeof(CohortRow));
        schema[nameof(CohortRow.Raw)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, rawSlots.Count);
        var transformed = preparation.Transform(ml.Data.LoadFromEnumerable([probe], schema));
        var imputed = transformed.GetColumn<float[]>("Imputed").Single();
        var slots = new List<FeatureSlot>(2 * rawSlots.Count);
        for (int s = 0; s < rawSlots.Count; s++)
            slots.Add(rawSlots[s].Kind == SlotKind.Value ? rawSlots[s] with { Replacement = imputed[s] } : rawSlots[s]);
        // Indicators of one-hot slots are always 0 (those slots are never missing), so no tree can split on them.
        foreach (var raw in rawSlots)
            slots.Add(raw.Kind == SlotKind.Value ? new FeatureSlot(raw.Feature, SlotKind.MissingIndicator) : new FeatureSlot(raw.Feature, SlotKind.LevelIndicator, -1));
        return slots;
    }
}
