using System.Globalization;
using Google.Protobuf;
using Predictor.Export.Onnx.Proto;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Trees;

namespace Predictor.Export.Onnx;

/// <summary>
/// Writes a model as an ONNX graph: input <c>features</c> (float, [N, F] in the model's feature order, categorical
/// features as level codes, NaN for missing; unknown codes score as missing, <see cref="OnnxUnknownLevels"/>) ->
/// <c>raw_score</c> (log-odds) = the start score (base score + the model's linear margin,
/// <see cref="OnnxStartScore"/>) + the ONNX-ML <c>TreeEnsembleRegressor</c>
/// over the trees (<see cref="OnnxTreeEncoder"/>; a model without trees has none, a model without a margin carries
/// its base score in the regressor) -> Platt calibration then <c>Sigmoid</c>, or <c>Sigmoid</c> then isotonic
/// calibration (<see cref="OnnxIsotonic"/>), or just <c>Sigmoid</c> -> <c>probability</c> [N, 1]. The model's
/// metadata goes into <c>metadata_props</c> under <c>predictor.*</c> keys.
/// ONNX computes the trees and the calibration in float, so probabilities agree with the library to about 1e-6.
/// </summary>
public static class OnnxExporter
{
    /// <summary>ONNX IR version written (IR 8 = ONNX 1.10+).</summary>
    public const long IrVersion = 8;

    public static void Write(ModelArtifact artifact, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ToModelProto(artifact).WriteTo(stream);
    }

    internal static ModelProto ToModelProto(ModelArtifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var model = artifact.Model;
        var graph = new GraphProto { Name = "predictor_tree_ensemble" };
        graph.Input.Add(Tensor("features", model.Features.Count));
        AddRawScore(graph, model);
        switch (artifact.Metadata.Calibration)
        {
            case null:
                graph.Node.Add(Unary("Sigmoid", "raw_score", "probability"));
                break;
            case PlattCalibration platt:
                graph.Initializer.Add(OnnxTensors.FloatScalar("platt_slope", platt.Slope));
                graph.Initializer.Add(OnnxTensors.FloatScalar("platt_intercept", platt.Intercept));
                graph.Node.Add(Binary("Mul", "raw_score", "platt_slope", "platt_scaled"));
                graph.Node.Add(Binary("Add", "platt_scaled", "platt_intercept", "calibrated_logit"));
                graph.Node.Add(Unary("Sigmoid", "calibrated_logit", "probability"));
                break;
            case IsotonicCalibration isotonic:
                graph.Node.Add(Unary("Sigmoid", "raw_score", "uncalibrated"));
                OnnxIsotonic.AddNodes(graph, isotonic, "uncalibrated", "probability");
                break;
            default:
                throw new NotSupportedException($"ONNX export of '{artifact.Metadata.Calibration.Method}' calibration is not implemented; export the uncalibrated model.");
        }
        graph.Output.Add(Tensor("probability", 1));
        graph.Output.Add(Tensor("raw_score", 1));

        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Predictor.Export",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "",
            Domain = "predictor.hcc",
            ModelVersion = 1,
            DocString = model.Linear is null
                ? "HCC resistance predictor: probability of resistance from gradient-boosted trees."
                : "HCC resistance predictor: probability of resistance from a linear margin and gradient-boosted trees.",
            Graph = graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "ai.onnx.ml", Version = 3 });
        foreach (var (key, value) in OnnxMetadata.Describe(artifact)) proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return proto;
    }

    /// <summary><c>raw_score</c> [N, 1]: the start score plus the trees, without nodes that would have nothing to do.</summary>
    private static void AddRawScore(GraphProto graph, TreeEnsemble model)
    {
        var start = new OnnxStartScore(model);
        string treeInput = "features";
        if (model.Trees.Count > 0 && OnnxUnknownLevels.Applies(model))
        {
            treeInput = "tree_features";
            OnnxUnknownLevels.AddNodes(graph, model, "features", treeInput);
        }
        if (model.Trees.Count == 0)
        {
            // ONNX Runtime has no use for a tree ensemble without trees; the start score is the whole score.
            start.AddNodes(graph, "features", "raw_score");
        }
        else if (!start.VariesByRow)
        {
            graph.Node.Add(new OnnxTreeEncoder(model, start.Constant).ToNode(treeInput, "raw_score"));
        }
        else
        {
            start.AddNodes(graph, "features", "start_score");
            graph.Node.Add(new OnnxTreeEncoder(model, baseValue: 0).ToNode(treeInput, "tree_score"));
            graph.Node.Add(Binary("Add", "start_score", "tree_score", "raw_score"));
        }
    }

    internal static NodeProto Unary(string op, string input, string output)
    {
        var node = new NodeProto { OpType = op, Name = output, Domain = "" };
        node.Input.Add(input);
        node.Output.Add(output);
        return node;
    }

    internal static NodeProto Binary(string op, string a, string b, string output)
    {
        var node = new NodeProto { OpType = op, Name = output, Domain = "" };
        node.Input.Add(a);
        node.Input.Add(b);
        node.Output.Add(output);
        return node;
    }

    private static ValueInfoProto Tensor(string name, int width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}

/// <summary>
/// The <c>metadata_props</c> entries: what the model predicts and how it was made, as invariant text.
/// <c>predictor.format_version</c> is the <c>formatVersion</c> the model's JSON file has (2 for trees alone, 3 with
/// linear terms), so the two artefacts of one model never disagree.
/// </summary>
internal static class OnnxMetadata
{
    public static IEnumerable<(string Key, string Value)> Describe(ModelArtifact artifact)
    {
        var meta = artifact.Metadata;
        var model = artifact.Model;
        yield return ("predictor.format_version", Scoring.Serialization.ModelJson.FormatVersionFor(model).ToString(CultureInfo.InvariantCulture));
        yield return ("predictor.features", string.Join(',', model.Features.Select(f => f.Name)));
        foreach (var feature in model.Features.Where(f => f.Kind == FeatureKind.Categorical))
            yield return ($"predictor.levels.{feature.Name}", string.Join(',', feature.Levels));
        if (meta.Label is not null) yield return ("predictor.label", meta.Label);
        if (meta.LabelMeaning is not null) yield return ("predictor.label_meaning", meta.LabelMeaning);
        yield return ("predictor.calibration", meta.Calibration?.Method ?? "none");
        if (meta.Threshold is { } threshold)
        {
            yield return ("predictor.threshold", threshold.Value.ToString("R", CultureInfo.InvariantCulture));
            yield return ("predictor.threshold_rule", threshold.Rule);
        }
        if (meta.Seed is { } seed) yield return ("predictor.seed", seed.ToString(CultureInfo.InvariantCulture));
        if (meta.Data is { } data)
        {
            yield return ("predictor.data.rows", data.Rows.ToString(CultureInfo.InvariantCulture));
            yield return ("predictor.data.positives", data.Positives.ToString(CultureInfo.InvariantCulture));
            yield return ("predictor.data.sha256", data.Sha256);
        }
        foreach (var (name, value) in meta.TrainingOptions.OrderBy(o => o.Key, StringComparer.Ordinal)) yield return ($"predictor.option.{name}", value);
        foreach (var (name, value) in meta.Metrics.OrderBy(o => o.Key, StringComparer.Ordinal))
            yield return ($"predictor.metric.{name}", value.ToString("R", CultureInfo.InvariantCulture));
        if (meta.Producer is not null) yield return ("predictor.producer", meta.Producer);
        if (meta.CreatedUtc is { } created) yield return ("predictor.created_utc", created.ToString("O", CultureInfo.InvariantCulture));
    }
}
