using Predictor.Export.Onnx;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Trees;
using Predictor.Tests.Common;
using Predictor.Tests.OnnxRuntime;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;

namespace Predictor.Export.Tests;

public class OnnxExportTests
{
    [PeerFact(Peers.Node)]
    public void Onnx_runtime_gives_the_library_probabilities_on_10000_patients()
    {
        var train = ExportData.Patients(4000, seed: 1);
        var model = BoostingTrainer.Train(train, GbdtPresets.FastTree with { Trees = 60, Threads = 1, MaxOneHotLevels = 2 }).Model;
        Assert.Contains(model.Trees, t => Enumerable.Range(0, t.NodeCount).Any(t.IsCategorical));
        var artifact = new ModelArtifact(model, new ModelMetadata { Label = "resistant_6m", Threshold = new DecisionThreshold(0.4, "youden") });

        string directory = RepoPaths.TempDirectory();
        string onnx = Path.Combine(directory, "m.onnx");
        using (var stream = File.Create(onnx)) OnnxExporter.Write(artifact, stream);

        var patients = ExportData.Patients(10_000, seed: 2);
        int width = model.Features.Count;
        var floats = new float[patients.RowCount * width];
        var expected = new double[patients.RowCount];
        for (int i = 0; i < patients.RowCount; i++)
        {
            var row = patients.Row(i);
            // ONNX reads float32: the library scores the same float values so the comparison is about the model, not the input.
            for (int f = 0; f < width; f++) row[f] = floats[i * width + f] = (float)row[f];
            expected[i] = model.Predict(row);
        }
        var actual = InProcessOnnxRuntime.Score(onnx, floats, patients.RowCount, width).Probability;
        Assert.Equal(expected.Length, actual.Length);
        double worst = expected.Select((p, i) => Math.Abs(p - actual[i])).Max();
        Assert.True(worst < 1e-5, $"largest probability difference {worst}");
        Assert.Contains(expected, p => p > 0.8);
        Assert.Contains(expected, p => p < 0.2);
    }

    [PeerFact(Peers.Node)]
    public void Thresholds_between_two_floats_route_float_inputs_as_the_library_does()
    {
        // 0.1 is not a float: (float)0.1 lies above it, so rounding the threshold to nearest would send the float input
        // 0.1f (> 0.1 in double) left in ONNX Runtime while the library sends it right. Same for 1e300 beyond float range.
        var tree = new RegressionTree([0, 0], [0.1, 1e300], [true, false], [-1, -2], [1, -3], [null, null], [-1.0, 0.5, 2.0]);
        var model = new TreeEnsemble([new ModelFeature("x", FeatureKind.Numeric)], [tree], 0);
        float[] inputs = [(float)0.1, MathF.BitDecrement((float)0.1), 3f, float.MaxValue, float.NaN];
        string directory = RepoPaths.TempDirectory();
        string onnx = Path.Combine(directory, "m.onnx");
        using (var stream = File.Create(onnx)) OnnxExporter.Write(new ModelArtifact(model), stream);
        var actual = InProcessOnnxRuntime.Score(onnx, inputs, inputs.Length, 1).Probability;
        for (int i = 0; i < inputs.Length; i++)
            Assert.Equal(model.Predict([inputs[i]]), actual[i], 6);
        Assert.Equal(TreeEnsemble.Sigmoid(0.5), model.Predict([(float)0.1]), 12); // the case that used to differ goes right
    }

    [Fact]
    public void Metadata_and_graph_are_in_the_model_proto()
    {
        var tree = new RegressionTree([0, 1], [2.5, 0], [false, true], [-1, -2], [1, -3], [null, [0b101UL]], [-1.0, 0.25, 1.5]);
        var model = new TreeEnsemble([new ModelFeature("x", FeatureKind.Numeric), new ModelFeature("c", FeatureKind.Categorical, ["a", "b", "c"])], [tree], -0.3);
        var proto = OnnxExporter.ToModelProto(new ModelArtifact(model, new ModelMetadata { Label = "resistant_6m", Seed = 7 }));
        var props = proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("resistant_6m", props["predictor.label"]);
        Assert.Equal("7", props["predictor.seed"]);
        Assert.Equal("a,b,c", props["predictor.levels.c"]);
        var trees = proto.Graph.Node.Single(n => n.OpType == "TreeEnsembleRegressor");
        var modes = trees.Attribute.Single(a => a.Name == "nodes_modes").Strings.Select(s => s.ToStringUtf8()).ToList();
        // Root LEQ, its left leaf, then the categorical node as two EQ links (codes 0 and 2), each with a copy of the left leaf.
        Assert.Equal(["BRANCH_LEQ", "LEAF", "BRANCH_EQ", "LEAF", "BRANCH_EQ", "LEAF", "LEAF"], modes);
    }

    [PeerFact(Peers.Node)]
    public void Isotonic_calibration_in_onnx_runtime_gives_the_library_probabilities()
    {
        // A staircase tree: input j (0..n) lands in leaf j, whose raw score sweeps -5..5, so the uncalibrated
        // probability crosses every knot, lies between knots and beyond both ends.
        const int n = 200;
        var left = Enumerable.Range(0, n).Select(k => ~k).ToArray();
        var right = Enumerable.Range(0, n).Select(k => k < n - 1 ? k + 1 : ~n).ToArray();
        var tree = new RegressionTree(new int[n], [.. Enumerable.Range(0, n).Select(k => (double)k)], new bool[n], left, right,
            new ulong[]?[n], [.. Enumerable.Range(0, n + 1).Select(j => -5 + j * 10.0 / n)]);
        var model = new TreeEnsemble([new ModelFeature("x", FeatureKind.Numeric)], [tree], 0);
        float[] inputs = [.. Enumerable.Range(0, n + 1).Select(j => (float)j), float.NaN];
        foreach (var calibration in new[]
        {
            new IsotonicCalibration([0.1, 0.3, 0.5, 0.7, 0.9], [0.05, 0.2, 0.2, 0.8, 0.97]),
            new IsotonicCalibration([0.42], [0.3]),
        })
        {
            var artifact = new ModelArtifact(model, new ModelMetadata { Calibration = calibration });
            string directory = RepoPaths.TempDirectory();
            string onnx = Path.Combine(directory, "m.onnx");
            using (var stream = File.Create(onnx)) OnnxExporter.Write(artifact, stream);
            var actual = InProcessOnnxRuntime.Score(onnx, inputs, inputs.Length, 1).Probability;
            var expected = inputs.Select(x => artifact.Predict([x])).ToArray();
            for (int i = 0; i < inputs.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5, $"input {inputs[i]}: {expected[i]} vs {actual[i]}");
            Assert.Contains(expected, p => p == calibration.Outputs[0]);
            Assert.Contains(expected, p => p == calibration.Outputs[^1]);
        }
        // Knots float32 cannot tell apart are refused rather than exported wrongly.
        var tooClose = new ModelArtifact(model, new ModelMetadata { Calibration = new IsotonicCalibration([0.5, 0.5 + 1e-12], [0.2, 0.9]) });
        Assert.Throws<NotSupportedException>(() => OnnxExporter.Write(tooClose, new MemoryStream()));
    }
}
