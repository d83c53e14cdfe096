using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;
using Predictor.Training.Gbdt;

namespace Predictor.Reports.Training;

/// <summary>A candidate feature that moves no patient's prediction, and why.</summary>
public sealed record UnusedFeature(string Name, string Reason);

/// <summary>
/// The candidate features with zero importance (mean |SHAP| exactly 0, or left out before training), each with the
/// reason read off the model: no tree splits on it, the lasso set its coefficient to exactly 0, or the data audit left
/// it out. An importance chart alone cannot tell "unimportant" from "never used"; this list can.
/// </summary>
public static class ZeroImportance
{
    public static IReadOnlyList<UnusedFeature> Find(TrainingSet data, TreeEnsemble model, GbdtOptions settings, ShapValues shap)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(shap);
        var unused = new List<UnusedFeature>();
        var inModel = model.Features.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var feature in data.Features.Where(f => !inModel.Contains(f.Name)))
        {
            var present = feature.Values.Where(v => !double.IsNaN(v)).ToArray();
            unused.Add(new UnusedFeature(feature.Name, present.Length == 0 ? "left out before training: missing in every patient"
                : present.All(v => v == present[0]) ? "left out before training: the same value in every patient"
                : "left out before training"));
        }
        var split = model.Trees.SelectMany(t => t.SplitFeature).ToHashSet();
        var terms = model.Linear?.Terms.Select(t => t.Feature).ToHashSet() ?? [];
        var start = settings.LinearStartRegularisation();
        for (int f = 0; f < model.Features.Count; f++)
        {
            if (shap.MeanAbsolute[f] != 0) continue;
            bool splitOn = split.Contains(f), linear = terms.Contains(f);
            string trees = model.Trees.Count == 0 ? "the model has no trees" : "never split on by any tree";
            string reason = (splitOn, linear, start) switch
            {
                (false, false, null) => "never split on by any tree (no linear start)",
                (false, false, { L1Ratio: > 0 }) => $"dropped by the {start.Value.Kind} (coefficient exactly 0); {trees}",
                (false, false, { }) => $"no linear term; {trees}",
                _ => "used by the model, but changes no patient's prediction in this cohort",
            };
            unused.Add(new UnusedFeature(model.Features[f].Name, reason));
        }
        return unused;
    }
}
