using Predictor.Export.Onnx;
using Predictor.Scoring.Artifact;
using Predictor.Tests.Common;
using Predictor.Tests.OnnxRuntime;

namespace Predictor.Export.Tests;

/// <summary>Exports a model to ONNX and scores rows with ONNX Runtime (Microsoft.ML.OnnxRuntime, in process).</summary>
internal static class OnnxRuntimeScores
{
    /// <summary>The graph's <c>probability</c> and <c>raw_score</c> for each row.</summary>
    public static (float[] Probability, float[] Raw) Score(ModelArtifact artifact, IReadOnlyList<double[]> rows)
    {
        int width = artifact.Model.Features.Count;
        string directory = RepoPaths.TempDirectory();
        string onnx = Path.Combine(directory, "m.onnx");
        using (var stream = File.Create(onnx)) OnnxExporter.Write(artifact, stream);
        var floats = rows.SelectMany(r => r.Select(v => (float)v)).ToArray();
        return InProcessOnnxRuntime.Score(onnx, floats, rows.Count, width);
    }
}
