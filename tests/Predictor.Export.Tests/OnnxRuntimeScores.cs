using System.Globalization;
using System.Runtime.InteropServices;
using Predictor.Export.Onnx;
using Predictor.Scoring.Artifact;
using Predictor.Tests.Common;

namespace Predictor.Export.Tests;

/// <summary>Exports a model to ONNX and scores rows with ONNX Runtime (tools/node/onnx-score.mjs).</summary>
internal static class OnnxRuntimeScores
{
    /// <summary>The graph's <c>probability</c> and <c>raw_score</c> for each row.</summary>
    public static (float[] Probability, float[] Raw) Score(ModelArtifact artifact, IReadOnlyList<double[]> rows)
    {
        int width = artifact.Model.Features.Count;
        string directory = RepoPaths.TempDirectory();
        string onnx = Path.Combine(directory, "m.onnx"), input = Path.Combine(directory, "x.f32");
        string probability = Path.Combine(directory, "p.f32"), raw = Path.Combine(directory, "raw.f32");
        using (var stream = File.Create(onnx)) OnnxExporter.Write(artifact, stream);
        var floats = rows.SelectMany(r => r.Select(v => (float)v)).ToArray();
        File.WriteAllBytes(input, MemoryMarshal.AsBytes(floats.AsSpan()).ToArray());
        NodeTools.RunOrFail("onnx-score.mjs", onnx, input, rows.Count.ToString(CultureInfo.InvariantCulture),
            width.ToString(CultureInfo.InvariantCulture), probability, raw);
        return (Read(probability), Read(raw));
    }

    private static float[] Read(string path) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();
}
