using System.Globalization;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Linear;
using Predictor.Scoring.Trees;

namespace Predictor.Export.Text;

/// <summary>
/// A readable dump of a whole model, in the spirit of XGBoost's <c>dump_model</c> and LightGBM's text model: the
/// header (features, base score, calibration, threshold), every linear term, then every tree node by node, indented
/// by depth. Numbers are written in round-trip form, so the dump says exactly what the model computes:
/// <code>
/// 3:[p_akt_hscore&lt;=120.5] yes=4,no=5,missing=4 gain=2.1 cover=40.2
/// 6:[etiology in {HBV,other}] yes=7,no=8,missing=8
/// 7:leaf=-0.0312 cover=11.5
/// </code>
/// Node ids number the tree's nodes and leaves together in depth-first order, as XGBoost's dumps do; <c>yes</c> is the
/// child for values at or below the threshold (or in the category set), <c>missing</c> the child for missing values
/// and for categories the model does not know.
/// </summary>
public static class TextDumper
{
    public static void Write(ModelArtifact artifact, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        ArgumentNullException.ThrowIfNull(writer);
        var model = artifact.Model;
        writer.WriteLine($"model: raw score (log-odds) = base score{(model.Linear is null ? "" : " + linear terms")} + sum of {model.Trees.Count} trees");
        writer.WriteLine("base score: " + Number(model.BaseScore));
        writer.WriteLine("calibration: " + Calibration(artifact.Metadata.Calibration));
        writer.WriteLine("threshold: " + (artifact.Metadata.Threshold is { } cut ? $"{Number(cut.Value)} ({cut.Rule}); positive when the calibrated probability is at or above it" : "none (0.5)"));
        writer.WriteLine($"features ({model.Features.Count}):");
        for (int f = 0; f < model.Features.Count; f++)
        {
            var feature = model.Features[f];
            string levels = feature.Kind == FeatureKind.Categorical ? $" categorical, levels by code: {string.Join(", ", feature.Levels.Select((l, i) => $"{i}={l}"))}" : " numeric";
            writer.WriteLine($"  f{f} {feature.Name}:{levels}");
        }
        if (model.Linear is { } linear)
        {
            writer.WriteLine($"linear terms ({linear.Terms.Count}; a term's mean over the training rows is the reference TreeSHAP measures from):");
            foreach (var term in linear.Terms) writer.WriteLine("  " + Term(term, model.Features[term.Feature]));
        }
        for (int t = 0; t < model.Trees.Count; t++)
        {
            writer.WriteLine($"tree[{t}]:");
            WriteTree(model.Trees[t], model.Features, writer);
        }
    }

    private static string Calibration(ProbabilityCalibration? calibration) => calibration switch
    {
        null => "none: probability = sigmoid(raw score)",
        PlattCalibration platt => $"platt: probability = sigmoid({Number(platt.Slope)} * raw score + {Number(platt.Intercept)})",
        IsotonicCalibration isotonic => $"isotonic on sigmoid(raw score), knots (input -> probability): {string.Join(", ", isotonic.Inputs.Select((x, i) => $"{Number(x)} -> {Number(isotonic.Outputs[i])}"))}",
        var other => other.Method,
    };

    private static string Term(LinearTerm term, ModelFeature feature)
    {
        string missing = $"missing={Number(term.MissingValue)} mean={Number(term.MeanContribution)}";
        if (!term.IsCategorical) return $"{feature.Name}: {Number(term.Slope)} per unit, {missing}";
        var levels = term.LevelValues.Select((v, i) => $"{feature.Levels[i]}={Number(v)}");
        return $"{feature.Name}: {string.Join(" ", levels)} {missing} (also for unknown levels)";
    }

    private static void WriteTree(RegressionTree tree, IReadOnlyList<ModelFeature> features, TextWriter writer)
    {
        if (tree.NodeCount == 0)
        {
            writer.WriteLine("0:leaf=" + Number(tree.LeafValues[0]) + Cover(tree.LeafCover?[0]));
            return;
        }
        var ids = new Dictionary<int, int>();
        int next = 0;
        Assign(0);
        void Assign(int child)
        {
            ids[child] = next++;
            if (child >= 0)
            {
                Assign(tree.LeftChild[child]);
                Assign(tree.RightChild[child]);
            }
        }
        void Write(int child, int depth)
        {
            string indent = new('\t', depth);
            if (child < 0)
            {
                writer.WriteLine($"{indent}{ids[child]}:leaf={Number(tree.LeafValues[~child])}{Cover(tree.LeafCover?[~child])}");
                return;
            }
            int yes = ids[tree.LeftChild[child]], no = ids[tree.RightChild[child]];
            var feature = features[tree.SplitFeature[child]];
            string condition = tree.CategoriesLeft(child) is { } set
                ? $"{feature.Name} in {{{string.Join(",", Enumerable.Range(0, feature.Levels.Count).Where(c => c < set.Count * 64 && (set[c >> 6] & (1UL << (c & 63))) != 0).Select(c => feature.Levels[c]))}}}"
                : $"{feature.Name}<={Number(tree.Threshold[child])}";
            string gain = tree.NodeGain is { } gains ? " gain=" + Number(gains[child]) : "";
            writer.WriteLine($"{indent}{ids[child]}:[{condition}] yes={yes},no={no},missing={(tree.DefaultLeft[child] ? yes : no)}{gain}{Cover(tree.NodeCover?[child])}");
            Write(tree.LeftChild[child], depth + 1);
            Write(tree.RightChild[child], depth + 1);
        }
        Write(0, 0);
    }

    private static string Cover(double? cover) => cover is { } c ? " cover=" + Number(c) : "";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
