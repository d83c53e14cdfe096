using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Predictor.Data.Errors;

namespace Predictor.Training.MLNet.Import;

/// <summary>
/// A loaded ML.NET model taken apart: the feature transforms, in order, and the prediction transformer at the end.
/// Only transforms whose effect on each feature slot the importer can reproduce are accepted; each one is a copy, a
/// one-hot indicator, a missing-value replacement or indicator of named input columns (see <see cref="FeatureLayout"/>
/// for how their effect is read back from ML.NET itself).
/// </summary>
internal sealed record MLNetPipeline(IReadOnlyList<ITransformer> Transforms, ISingleFeaturePredictionTransformer<object> Predictor)
{
    /// <summary>The transforms imported, by what an ML.NET user calls them.</summary>
    public const string Supported = "Concatenate, ReplaceMissingValues, IndicateMissingValues, OneHotEncoding (indicator or bag), ConvertType, CopyColumns, SelectColumns/DropColumns";

    private static readonly HashSet<Type> Imported =
    [
        typeof(ColumnConcatenatingTransformer),
        typeof(MissingValueReplacingTransformer),
        typeof(MissingValueIndicatorTransformer),
        typeof(ValueToKeyMappingTransformer),
        typeof(KeyToVectorMappingTransformer),
        typeof(OneHotEncodingTransformer),
        typeof(TypeConvertingTransformer),
        typeof(ColumnCopyingTransformer),
        typeof(ColumnSelectingTransformer),
    ];

    /// <summary>The feature transforms as one transformer (what feeds the trainer's feature column).</summary>
    public ITransformer Features => new TransformerChain<ITransformer>([.. Transforms]);

    public static MLNetPipeline Read(ITransformer model, string name)
    {
        var steps = new List<ITransformer>();
        Flatten(model, steps);
        if (steps.Count == 0 || steps[^1] is not ISingleFeaturePredictionTransformer<object> predictor)
        {
            string after = steps.Any(s => s is ISingleFeaturePredictionTransformer<object>) ? $" (transform {TypeName(steps[^1])} follows the trainer)" : "";
            throw new PredictorInputException($"{name}: the ML.NET pipeline does not end in a trained binary classifier{after}; only binary FastTree or LightGBM models are imported.");
        }
        string kind = TypeName(predictor);
        if (kind != "BinaryPredictionTransformer")
        {
            string task = kind switch
            {
                "MulticlassPredictionTransformer" => "a multiclass classification model",
                "RegressionPredictionTransformer" => "a regression model",
                "RankingPredictionTransformer" => "a ranking model",
                "ClusteringPredictionTransformer" => "a clustering model",
                "AnomalyPredictionTransformer" => "an anomaly detection model",
                _ => "not a binary classification model",
            };
            throw new PredictorInputException($"{name}: {task} ({kind}); only binary classification models (FastTree or LightGBM) are imported.");
        }
        var transforms = steps.Take(steps.Count - 1).ToList();
        foreach (var step in transforms)
        {
            if (step is ISingleFeaturePredictionTransformer<object>)
                throw new PredictorInputException($"{name}: the pipeline holds more than one trainer ({TypeName(step)} before {kind}); only a single trainer is imported.");
            if (!Imported.Contains(step.GetType()))
                throw new PredictorInputException($"{name}: transform {TypeName(step)} is not supported (it cannot be converted faithfully); supported: {Supported}.");
        }
        return new MLNetPipeline(transforms, predictor);
    }

    /// <summary>A type's name without generic arity (<c>BinaryPredictionTransformer</c>, not <c>BinaryPredictionTransformer`1</c>).</summary>
    public static string TypeName(object value)
    {
        string type = value.GetType().Name;
        int tick = type.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? type : type[..tick];
    }

    private static void Flatten(ITransformer transformer, List<ITransformer> into)
    {
        var type = transformer.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(TransformerChain<>) && transformer is IEnumerable<ITransformer> chain)
        {
            foreach (var part in chain) Flatten(part, into);
        }
        else
        {
            into.Add(transformer);
        }
    }
}
