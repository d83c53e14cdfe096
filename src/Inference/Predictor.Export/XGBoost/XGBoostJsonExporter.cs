using System.Globalization;
using System.Text.Json;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Trees;

namespace Predictor.Export.XGBoost;

/// <summary>
/// Writes a model as an XGBoost 1.7 JSON model (<c>xgboost.Booster(model_file=...)</c>, objective
/// <c>binary:logistic</c>) whose margin is exactly ours, or refuses with the reason:
/// <list type="bullet">
/// <item>Trees: XGBoost sends <c>x &lt; c</c> left where we send <c>x &lt;= t</c>; <c>c</c> is the float just above
/// <c>t</c> rounded to float (XGBoost reads inputs as 32-bit floats), so inputs route as ours unless one lies within
/// float rounding of a threshold (see <see cref="XGBoostTree.BelowOf"/>). Missing values follow the same default direction.</item>
/// <item>The base score becomes a first tree of one leaf, with <c>base_score</c> 0.5 (margin 0): XGBoost keeps
/// <c>base_score</c> as a probability in float and reads at most float precision from the file, so its logit would lose
/// digits.</item>
/// <item>Platt calibration is folded in: the leaves and the base score are scaled by its slope and its intercept is added,
/// so XGBoost's probability is our calibrated probability and its margin the calibrated log-odds.</item>
/// <item>Refused: a linear start (straight lines are not trees), categorical splits (XGBoost 1.7 keeps categorical
/// support experimental and routes unknown categories differently), isotonic calibration (a step function of the
/// probability). The decision threshold is not part of an XGBoost model; the caller says so.</item>
/// </list>
/// Leaf values and thresholds are 32-bit floats in XGBoost, which also sums trees in float: its margin agrees with ours
/// to about 1e-6, not bit for bit.
/// </summary>
public static class XGBoostJsonExporter
{
    /// <summary>Why the model cannot be exported exactly, or null when it can.</summary>
    public static string? Obstacle(ModelArtifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var model = artifact.Model;
        if (model.Linear is { } linear)
            return $"the model starts from {linear.Terms.Count} linear terms (a penalised logistic regression), which XGBoost's trees cannot represent exactly; train with --linear-start false, or export to onnx or csharp";
        for (int t = 0; t < model.Trees.Count; t++)
        {
            var tree = model.Trees[t];
            for (int node = 0; node < tree.NodeCount; node++)
            {
                if (tree.IsCategorical(node))
                    return $"tree {t} splits the categorical feature '{model.Features[tree.SplitFeature[node]].Name}' by category sets, which this export does not map to XGBoost's experimental categorical splits; export to onnx or csharp";
            }
        }
        if (artifact.Metadata.Calibration is { } calibration and not PlattCalibration)
            return $"its {calibration.Method} calibration is a step function of the probability, which an XGBoost model cannot hold; export to onnx or csharp";
        return null;
    }

    public static void Write(ModelArtifact artifact, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Obstacle(artifact) is { } reason) throw new NotSupportedException("xgboost-json: cannot export exactly: " + reason + ".");
        var model = artifact.Model;
        var (scale, shift) = artifact.Metadata.Calibration is PlattCalibration platt ? (platt.Slope, platt.Intercept) : (1.0, 0.0);
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteStartObject("learner");
        json.WriteStartObject("attributes");
        json.WriteEndObject();
        WriteStrings(json, "feature_names", model.Features.Select(f => f.Name));
        WriteStrings(json, "feature_types", model.Features.Select(_ => "float"));
        json.WriteStartObject("gradient_booster");
        json.WriteStartObject("model");
        json.WriteStartObject("gbtree_model_param");
        json.WriteString("num_parallel_tree", "1");
        json.WriteString("num_trees", Text(model.Trees.Count + 1));
        json.WriteString("size_leaf_vector", "0");
        json.WriteEndObject();
        json.WriteStartArray("tree_info");
        for (int t = 0; t <= model.Trees.Count; t++) json.WriteNumberValue(0);
        json.WriteEndArray();
        json.WriteStartArray("trees");
        XGBoostTree.From(RegressionTree.Constant(scale * model.BaseScore + shift), 1).Write(json, 0, model.Features.Count);
        for (int t = 0; t < model.Trees.Count; t++) XGBoostTree.From(model.Trees[t], scale).Write(json, t + 1, model.Features.Count);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteString("name", "gbtree");
        json.WriteEndObject();
        json.WriteStartObject("learner_model_param");
        // Probability 0.5 is margin 0 exactly; the base score is the first tree.
        json.WriteString("base_score", "5E-1");
        json.WriteString("boost_from_average", "0");
        json.WriteString("num_class", "0");
        json.WriteString("num_feature", Text(model.Features.Count));
        json.WriteString("num_target", "1");
        json.WriteEndObject();
        json.WriteStartObject("objective");
        json.WriteString("name", "binary:logistic");
        json.WriteStartObject("reg_loss_param");
        json.WriteString("scale_pos_weight", "1");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("version");
        foreach (int part in (int[])[1, 7, 4]) json.WriteNumberValue(part);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    internal static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
