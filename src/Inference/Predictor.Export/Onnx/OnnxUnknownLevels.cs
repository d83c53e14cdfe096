using Predictor.Export.Onnx.Proto;
using Predictor.Scoring.Trees;

namespace Predictor.Export.Onnx;

/// <summary>
/// Turns category codes the model does not know (negative, fractional, or past the last level) into NaN before the
/// trees, as <see cref="TreeEnsemble.PredictRaw(ReadOnlySpan{double})"/> does: the trees' <c>BRANCH_EQ</c> chains
/// would otherwise send such a code right whatever the node's default side. Numeric columns pass through untouched.
/// A code is known when <c>0 &lt;= x &lt; levels</c> and <c>x == Floor(x)</c>, evaluated for all columns at once
/// and masked by a row of "is categorical" flags.
/// </summary>
internal static class OnnxUnknownLevels
{
    /// <summary>Whether the model has categorical features whose codes need checking.</summary>
    public static bool Applies(TreeEnsemble model) => model.Features.Any(f => f.Kind == FeatureKind.Categorical);

    public static void AddNodes(GraphProto graph, TreeEnsemble model, string input, string output)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(model);
        graph.Initializer.Add(OnnxTensors.FloatScalar("levels_zero", 0));
        graph.Initializer.Add(OnnxTensors.FloatScalar("levels_nan", double.NaN));
        graph.Initializer.Add(OnnxTensors.FloatRow("levels_count", [.. model.Features.Select(f => (float)f.Levels.Count)]));
        graph.Initializer.Add(OnnxTensors.BoolRow("levels_categorical", [.. model.Features.Select(f => f.Kind == FeatureKind.Categorical)]));
        graph.Node.Add(OnnxExporter.Unary("Floor", input, "levels_floor"));
        graph.Node.Add(OnnxExporter.Binary("Equal", input, "levels_floor", "levels_whole"));
        graph.Node.Add(OnnxExporter.Binary("GreaterOrEqual", input, "levels_zero", "levels_not_negative"));
        graph.Node.Add(OnnxExporter.Binary("Less", input, "levels_count", "levels_below_count"));
        graph.Node.Add(OnnxExporter.Binary("And", "levels_not_negative", "levels_below_count", "levels_in_range"));
        graph.Node.Add(OnnxExporter.Binary("And", "levels_in_range", "levels_whole", "levels_known"));
        graph.Node.Add(OnnxExporter.Unary("Not", "levels_known", "levels_not_known"));
        graph.Node.Add(OnnxExporter.Binary("And", "levels_not_known", "levels_categorical", "levels_unknown"));
        var where = new NodeProto { OpType = "Where", Name = output, Domain = "" };
        where.Input.Add(["levels_unknown", "levels_nan", input]);
        where.Output.Add(output);
        graph.Node.Add(where);
    }
}
