using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Predictor.Tests.OnnxRuntime;

/// <summary>
/// Scores our ONNX export with ONNX Runtime (Microsoft.ML.OnnxRuntime) in the test process: the independent reference
/// for the exported graph. Linked into the test projects that need it (not into every one, as tests/Common is).
/// </summary>
internal static class InProcessOnnxRuntime
{
    /// <summary>The graph's <c>probability</c> and <c>raw_score</c> for <paramref name="rows"/> row-major rows of <paramref name="width"/> floats.</summary>
    public static (float[] Probability, float[] Raw) Score(string onnxPath, float[] features, int rows, int width)
    {
        if (features.Length != rows * width)
            throw new ArgumentException($"{features.Length} values are not {rows} rows x {width} features.", nameof(features));
        using var session = new InferenceSession(onnxPath);
        var input = new DenseTensor<float>(features, [rows, width]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("features", input)]);
        float[] Output(string name) => results.Single(r => r.Name == name).AsEnumerable<float>().ToArray();
        return (Output("probability"), Output("raw_score"));
    }
}
