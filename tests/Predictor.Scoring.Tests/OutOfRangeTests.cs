using Predictor.Scoring.Input;
using Predictor.Scoring.Linear;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;
using Predictor.Tests.Common;

namespace Predictor.Scoring.Tests;

/// <summary>
/// Out-of-range numbers under the tolerant policy (the worker's and <c>predict</c>'s): clamped to the training range,
/// which changes nothing for a trained model's trees and stops a linear term from extrapolating.
/// </summary>
public class OutOfRangeTests
{
    private static Dictionary<string, object?> Patient(double x, string c) =>
        new(StringComparer.Ordinal) { ["x"] = x, ["c"] = c };

    [Fact]
    public void The_tolerant_policy_clamps_to_the_training_range()
    {
        Assert.Equal(OutOfRangeRule.Clamp, InputPolicy.Tolerant.OutOfRange);
        var binder = new InputBinder(InputBinderTests.Model(), InputPolicy.Tolerant);
        Assert.Equal([300.0, 0], binder.BindPatient(Patient(1e6, "a")));
        Assert.Equal([0.0, 0], binder.BindPatient(Patient(-4, "a")));
        Assert.Equal([150.0, 0], binder.BindPatient(Patient(150, "a")));
        Assert.Equal([300.0, 0, 0.0, 0], binder.BindColumns(
            [InputColumn.Numeric("x", new[] { 301.0, -0.5 }), InputColumn.Categorical("c", ["a", "a"])], 2));
    }

    [Fact]
    public void A_linear_term_extrapolates_when_accepted_and_stops_at_the_range_when_clamped()
    {
        var trees = InputBinderTests.Model();
        var model = new TreeEnsemble(trees.Features, trees.Trees, trees.BaseScore, new LinearMargin([LinearTerm.Numeric(0, 0.01, 0, 1.5)]));
        double Score(InputPolicy policy, double x) => model.PredictRaw(new InputBinder(model, policy).BindPatient(Patient(x, "b")));

        // Tree: x > 2.5 and c = b -> 1.5; base -0.3. Hand-computed.
        Assert.Equal(-0.3 + 0.01 * 3000 + 1.5, Score(InputPolicy.Strict with { OutOfRange = OutOfRangeRule.Accept }, 3000), 12);
        Assert.Equal(-0.3 + 0.01 * 300 + 1.5, Score(InputPolicy.Tolerant, 3000), 12);
        Assert.Equal(Score(InputPolicy.Tolerant, 300), Score(InputPolicy.Tolerant, 3000));
        Assert.Equal(-0.3 + 0.01 * 0 - 1.0, Score(InputPolicy.Tolerant, -50), 12);
    }

    [Fact]
    public void Clamping_leaves_every_score_of_a_trained_trees_only_model_unchanged()
    {
        // The claim behind clamping by default: a trained model's thresholds lie inside the training range, so a value
        // beyond it and the nearest end of the range take the same path through every tree.
        var model = ModelJson.ReadFile(Path.Combine(RepoPaths.Root, "tests", "Predictor.Scoring.Tests", "Fixtures", "trees-only-format2.model.json"));
        var middle = model.Features.Select(f => f.Minimum is { } lo && f.Maximum is { } hi ? (lo + hi) / 2 : 0).ToArray();
        int checkedFeatures = 0;
        for (int f = 0; f < model.Features.Count; f++)
        {
            if (model.Features[f] is not { Minimum: { } min, Maximum: { } max }) continue;
            checkedFeatures++;
            foreach (var (beyond, edge) in new[] { (max + 1000, max), (max + 1e-9, max), (min - 1000, min), (min - 1e-9, min) })
            {
                var outside = (double[])middle.Clone();
                var clamped = (double[])middle.Clone();
                outside[f] = beyond;
                clamped[f] = edge;
                Assert.Equal(model.PredictRaw(outside), model.PredictRaw(clamped));
            }
        }
        Assert.True(checkedFeatures >= 10);
    }
}
