using Predictor.Scoring.Artifact;
using Predictor.Scoring.Linear;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;
using Predictor.Tests.Common;
using Predictor.Tests.OnnxRuntime;

namespace Predictor.Cli.Tests;

public class ExportCliTests
{
    [PeerFact(Peers.Node)]
    public void Export_turns_a_model_file_with_a_linear_margin_into_onnx_that_scores_like_the_library()
    {
        // A format-3 model file: a numeric and a categorical linear term plus one tree, Platt-calibrated.
        var features = new[] { new ModelFeature("p_akt_hscore", FeatureKind.Numeric), new ModelFeature("etiology", FeatureKind.Categorical, ["HBV", "HCV", "other"]) };
        var tree = new RegressionTree([0], [120], [true], [-1], [-2], [null], [-0.3, 0.45]);
        var linear = new LinearMargin([LinearTerm.Numeric(0, 0.01, 0.2, 1.5), LinearTerm.Categorical(1, [0.1, -0.4, 0.6], -0.25, 0)]);
        var artifact = new ModelArtifact(new TreeEnsemble(features, [tree], -1.2, linear), new ModelMetadata { Calibration = new PlattCalibration(0.9, 0.1) });
        string directory = RepoPaths.TempDirectory();
        string model = Path.Combine(directory, "m.json"), onnx = Path.Combine(directory, "m.onnx");
        ModelJson.WriteFile(artifact, model);

        var (code, output, error) = CliRunner.Run("export", "--model", model, "--format", "onnx", "--out", onnx);
        Assert.True(code == 0, error);
        Assert.Contains("1 trees and 2 linear terms as onnx", output, StringComparison.Ordinal);

        float[] rows = [100, 0, 200, 2, float.NaN, 1, 150, float.NaN, 80, 9, 130, 1.5f];
        var actual = InProcessOnnxRuntime.Score(onnx, rows, rows.Length / 2, 2).Probability;
        var read = ModelJson.ReadArtifactFile(model);
        for (int i = 0; i < rows.Length / 2; i++)
        {
            double expected = read.Predict([rows[2 * i], rows[2 * i + 1]]);
            Assert.True(Math.Abs(expected - actual[i]) < 1e-5, $"row {i}: ONNX {actual[i]} vs library {expected}");
        }
    }
}
