using Predictor.Export.Onnx.Proto;
using Predictor.Scoring.Artifact;

namespace Predictor.Export.Onnx;

/// <summary>
/// Isotonic calibration as plain ONNX operators. The library's piecewise-linear curve through knots (x_k, y_k), flat
/// beyond the ends, equals y_0 + sum over segments of slope_k * (clip(p, x_k, x_k+1) - x_k): each segment adds its
/// full rise once p has passed it, part of it while p is inside, nothing before. The graph computes exactly that
/// with broadcasting Max/Min over a [1, K-1] row of segment bounds, then ReduceSum over the segments.
/// </summary>
internal static class OnnxIsotonic
{
    public static void AddNodes(GraphProto graph, IsotonicCalibration calibration, string input, string output)
    {
        var x = calibration.Inputs.Select(v => (float)v).ToArray();
        var y = calibration.Outputs;
        for (int k = 1; k < x.Length; k++)
        {
            // Knots closer than float32 can tell apart would make a zero-width segment that loses its rise.
            if (!(x[k] > x[k - 1]))
                throw new NotSupportedException($"Isotonic knots {k - 1} and {k} coincide in float32, which ONNX Runtime computes in; the calibration cannot be exported exactly.");
        }
        graph.Initializer.Add(OnnxTensors.FloatScalar("isotonic_first", y[0]));
        if (x.Length == 1)
        {
            // One knot: the calibrated probability is that knot's output whatever the input.
            graph.Initializer.Add(OnnxTensors.FloatScalar("isotonic_zero", 0));
            graph.Node.Add(OnnxExporter.Binary("Mul", input, "isotonic_zero", "isotonic_nothing"));
            graph.Node.Add(OnnxExporter.Binary("Add", "isotonic_nothing", "isotonic_first", output));
            return;
        }
        int segments = x.Length - 1;
        graph.Initializer.Add(OnnxTensors.FloatRow("isotonic_lower", x[..^1]));
        graph.Initializer.Add(OnnxTensors.FloatRow("isotonic_upper", x[1..]));
        graph.Initializer.Add(OnnxTensors.FloatRow("isotonic_slope", Enumerable.Range(0, segments).Select(k => (float)((y[k + 1] - y[k]) / ((double)x[k + 1] - x[k]))).ToArray()));
        graph.Initializer.Add(OnnxTensors.Int64Vector("isotonic_axes", [1]));
        graph.Node.Add(OnnxExporter.Binary("Max", input, "isotonic_lower", "isotonic_above_lower"));
        graph.Node.Add(OnnxExporter.Binary("Min", "isotonic_above_lower", "isotonic_upper", "isotonic_clipped"));
        graph.Node.Add(OnnxExporter.Binary("Sub", "isotonic_clipped", "isotonic_lower", "isotonic_run"));
        graph.Node.Add(OnnxExporter.Binary("Mul", "isotonic_run", "isotonic_slope", "isotonic_rise"));
        var sum = OnnxExporter.Binary("ReduceSum", "isotonic_rise", "isotonic_axes", "isotonic_total_rise");
        sum.Attribute.Add(OnnxAttributes.Int("keepdims", 1));
        graph.Node.Add(sum);
        graph.Node.Add(OnnxExporter.Binary("Add", "isotonic_total_rise", "isotonic_first", output));
    }
}
