using Predictor.Export.Onnx;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Linear;
using Predictor.Scoring.Trees;
using Predictor.Tests.Common;
using Xunit.Abstractions;

namespace Predictor.Export.Tests;

public class LinearMarginOnnxTests(ITestOutputHelper log)
{
    /// <summary>ONNX Runtime computes the trees in float: raw scores may differ by float rounding, relative to their size.</summary>
    private const double RawTolerance = 1e-5;
    private const double ProbabilityTolerance = 1e-5;

    [PeerFact(Peers.Node)]
    public void Onnx_runtime_gives_the_library_scores_for_a_linear_margin_with_trees_uncalibrated_platt_and_isotonic()
    {
        var model = LinearModels.WithTrees();
        var rows = LinearModels.Rows(2000);
        foreach (var calibration in new ProbabilityCalibration?[]
        {
            null,
            new PlattCalibration(0.85, -0.12),
            new IsotonicCalibration([0.05, 0.2, 0.33, 0.5, 0.61, 0.8, 0.93], [0.02, 0.1, 0.1, 0.45, 0.7, 0.85, 0.99]),
        })
        {
            var artifact = new ModelArtifact(model, new ModelMetadata { Calibration = calibration });
            var (probability, raw) = OnnxRuntimeScores.Score(artifact, rows);
            AssertAgrees(artifact, rows, probability, raw);
        }
        // The same trees without a margin (base score in the tree ensemble), unknown codes included.
        var treesOnly = new TreeEnsemble(model.Features, model.Trees, model.BaseScore);
        var treesArtifact = new ModelArtifact(treesOnly);
        var (treesProbability, treesRaw) = OnnxRuntimeScores.Score(treesArtifact, rows);
        AssertAgrees(treesArtifact, rows, treesProbability, treesRaw);
        // The margin matters on these rows: without it the scores would be far apart.
        Assert.True(rows.Max(r => Math.Abs(treesOnly.PredictRaw(r) - model.PredictRaw(r))) > 1);
    }

    [PeerFact(Peers.Node)]
    public void Models_without_trees_export_without_a_tree_ensemble_and_score_like_the_library()
    {
        var withTrees = LinearModels.WithTrees();
        var rows = LinearModels.Rows(300);
        var pureLinear = new ModelArtifact(LinearModels.PureLinear(withTrees), new ModelMetadata { Calibration = new PlattCalibration(1.1, 0.05) });
        var baseOnly = new ModelArtifact(LinearModels.BaseOnly(withTrees));
        foreach (var artifact in new[] { pureLinear, baseOnly })
        {
            Assert.DoesNotContain(OnnxExporter.ToModelProto(artifact).Graph.Node, n => n.OpType == "TreeEnsembleRegressor");
            var (probability, raw) = OnnxRuntimeScores.Score(artifact, rows);
            AssertAgrees(artifact, rows, probability, raw);
        }
        Assert.All(rows, r => Assert.Equal(0.4, baseOnly.Model.PredictRaw(r)));
    }

    [PeerFact(Peers.Node)]
    public void A_term_on_a_categorical_feature_without_levels_is_always_its_missing_value()
    {
        // Every code of a feature without levels is unknown, so the library scores the term as missing whatever the row says.
        var features = new[] { new ModelFeature("x", FeatureKind.Numeric), new ModelFeature("site", FeatureKind.Categorical, []) };
        var model = new TreeEnsemble(features, [RegressionTree.Constant(0.25)], 0.5,
            new LinearMargin([LinearTerm.Numeric(0, 2, -1, 0), LinearTerm.Categorical(1, [], 0.75, 0.75)]));
        double[][] rows = [[1, 0], [2, double.NaN], [double.NaN, 1], [0.5, 2.5]];
        var artifact = new ModelArtifact(model);
        var (probability, raw) = OnnxRuntimeScores.Score(artifact, rows);
        AssertAgrees(artifact, rows, probability, raw);
        Assert.Equal([3.5, 5.5, 0.5, 2.5], rows.Select(r => model.PredictRaw(r)));
    }

    [PeerFact(Peers.Node)]
    public void A_wrong_term_in_the_library_model_is_caught_by_the_comparison()
    {
        // The ONNX scores of the true model must disagree with each mutated model beyond the tolerance: the comparison
        // above sees every part of every term (slope, level values, missing values, unknown codes) and the margin as a whole.
        var model = LinearModels.WithTrees();
        var rows = LinearModels.Rows(300);
        var (_, raw) = OnnxRuntimeScores.Score(new ModelArtifact(model), rows);
        var terms = LinearModels.Terms;
        var mutants = new Dictionary<string, TreeEnsemble>
        {
            ["slope"] = LinearModels.WithTerm(model, 0, LinearTerm.Numeric(0, terms[0].Slope * 1.001, terms[0].MissingValue, 0)),
            ["numeric missing"] = LinearModels.WithTerm(model, 1, LinearTerm.Numeric(2, terms[1].Slope, terms[1].MissingValue + 0.01, 0)),
            ["level value"] = LinearModels.WithTerm(model, 2, LinearTerm.Categorical(3, [0.3, -0.45, 0.125, 0.81, -0.05], terms[2].MissingValue, 0)),
            ["categorical missing"] = LinearModels.WithTerm(model, 2, LinearTerm.Categorical(3, [.. terms[2].LevelValues], terms[2].MissingValue + 0.01, 0)),
            ["no margin"] = new TreeEnsemble(model.Features, model.Trees, model.BaseScore),
        };
        foreach (var (name, mutant) in mutants)
        {
            double worst = rows.Select((r, i) => RawError(mutant.PredictRaw(r), raw[i])).Max();
            Assert.True(worst > 100 * RawTolerance, $"{name}: the ONNX scores stay within {worst} of the mutated model");
        }
        // Unknown codes in particular: only the rows with a NaN or unknown etiology see the categorical missing value.
        var categoricalMissing = mutants["categorical missing"];
        var unknown = Enumerable.Range(0, 9).Where(i => !(rows[i][3] is >= 0 and < 5 && rows[i][3] == Math.Floor(rows[i][3]))).ToList();
        Assert.Equal([1, 2, 3, 4, 5, 8], unknown);
        Assert.All(unknown, i => Assert.True(RawError(categoricalMissing.PredictRaw(rows[i]), raw[i]) > 100 * RawTolerance));
    }

    private void AssertAgrees(ModelArtifact artifact, IReadOnlyList<double[]> rows, float[] probability, float[] raw)
    {
        Assert.Equal(rows.Count, probability.Length);
        Assert.Equal(rows.Count, raw.Length);
        double worstRaw = 0, worstProbability = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            double expectedRaw = artifact.Model.PredictRaw(rows[i]);
            double expected = artifact.Predict(rows[i]);
            worstRaw = Math.Max(worstRaw, RawError(expectedRaw, raw[i]));
            worstProbability = Math.Max(worstProbability, Math.Abs(expected - probability[i]));
            Assert.True(RawError(expectedRaw, raw[i]) < RawTolerance, $"row {i}: raw {raw[i]} vs library {expectedRaw}");
            Assert.True(Math.Abs(expected - probability[i]) < ProbabilityTolerance, $"row {i}: probability {probability[i]} vs library {expected}");
        }
        log.WriteLine($"{artifact.Model.Trees.Count} trees, {artifact.Model.Linear?.Terms.Count ?? 0} terms, {artifact.Metadata.Calibration?.Method ?? "uncalibrated"}: "
            + $"largest raw difference {worstRaw:E2} (relative beyond 1), probability {worstProbability:E2}");
    }

    /// <summary>Absolute error for scores up to 1 in size, relative beyond (rows far outside the training range give huge margins).</summary>
    private static double RawError(double expected, double actual) => Math.Abs(expected - actual) / Math.Max(1, Math.Abs(expected));
}
