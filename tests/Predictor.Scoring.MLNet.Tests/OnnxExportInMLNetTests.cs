using Microsoft.ML;
using Microsoft.ML.Data;
using Predictor.Export.Onnx;
using Predictor.Tests.Common;

namespace Predictor.Scoring.MLNet.Tests;

/// <summary>Our ONNX export of the bundled model, scored by ML.NET's ApplyOnnxModel, against the library.</summary>
public sealed class OnnxExportInMLNetTests
{
    [Fact]
    public void ApplyOnnxModel_scores_the_exported_model_as_the_library_does()
    {
        var artifact = BundledCohort.Artifact;
        var rows = BundledCohort.Rows.Take(2000).ToList();
        string onnx = Path.Combine(RepoPaths.TempDirectory(), "model.onnx");
        using (var stream = File.Create(onnx)) OnnxExporter.Write(artifact, stream);

        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new FeatureVector { Features = r.Select(v => (float)v).ToArray() }));
        var scored = ml.Transforms.ApplyOnnxModel(["probability", "raw_score"], ["features"], onnx).Fit(data).Transform(data);
        var probability = scored.GetColumn<float[]>("probability").Select(v => Assert.Single(v)).ToArray();
        var raw = scored.GetColumn<float[]>("raw_score").Select(v => Assert.Single(v)).ToArray();
        Assert.Equal(rows.Count, probability.Length);
        for (int i = 0; i < rows.Count; i++)
        {
            // The graph reads single-precision features, so the reference scores the same rounded inputs.
            double[] row = rows[i].Select(v => (double)(float)v).ToArray();
            Assert.Equal(artifact.Predict(row), probability[i], 1e-5);
            Assert.Equal(artifact.Model.PredictRaw(row), raw[i], 1e-5 * Math.Max(1, Math.Abs(raw[i])));
        }
    }
}
