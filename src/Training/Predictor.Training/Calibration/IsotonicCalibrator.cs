namespace Predictor.Training.Calibration;

/// <summary>
/// Isotonic regression by pool-adjacent-violators: the non-decreasing step function closest (least squares) to the
/// outcomes, read between steps by linear interpolation and clipped at the ends, as sklearn's IsotonicRegression
/// (out_of_bounds="clip") does.
/// </summary>
public sealed class IsotonicCalibrator : ICalibrator
{
    private readonly double[] _x;
    private readonly double[] _y;

    private IsotonicCalibrator(double[] x, double[] y)
    {
        _x = x;
        _y = y;
    }

    public string Method => "isotonic";

    /// <summary>Knots of the fitted function (input probability, calibrated probability).</summary>
    public IReadOnlyList<(double X, double Y)> Knots => [.. _x.Zip(_y)];

    public double Apply(double probability)
    {
        if (probability <= _x[0]) return _y[0];
        if (probability >= _x[^1]) return _y[^1];
        int hi = Array.BinarySearch(_x, probability);
        if (hi >= 0) return _y[hi];
        hi = ~hi;
        int lo = hi - 1;
        double w = (probability - _x[lo]) / (_x[hi] - _x[lo]);
        return _y[lo] + w * (_y[hi] - _y[lo]);
    }

    public static IsotonicCalibrator Fit(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        if (probabilities.Length != labels.Length || labels.IsEmpty) throw new ArgumentException("One probability per label is needed.");
        var order = probabilities.ToArray();
        var ys = labels.ToArray();
        Array.Sort(order, ys);
        // Tied inputs are pooled first so that the function is a function of the input.
        var xs = new List<double>();
        var means = new List<double>();
        var weights = new List<double>();
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            double sum = 0;
            while (j < order.Length && order[j] == order[i]) sum += ys[j++];
            xs.Add(order[i]);
            means.Add(sum / (j - i));
            weights.Add(j - i);
            i = j;
        }
        // Pool adjacent violators: blocks hold (mean, weight, first index, last index).
        var blockMean = new List<double>();
        var blockWeight = new List<double>();
        var blockEnd = new List<int>();
        for (int i = 0; i < xs.Count; i++)
        {
            blockMean.Add(means[i]);
            blockWeight.Add(weights[i]);
            blockEnd.Add(i);
            while (blockMean.Count > 1 && blockMean[^2] > blockMean[^1])
            {
                double w = blockWeight[^2] + blockWeight[^1];
                double m = (blockMean[^2] * blockWeight[^2] + blockMean[^1] * blockWeight[^1]) / w;
                int end = blockEnd[^1];
                blockMean.RemoveAt(blockMean.Count - 1);
                blockWeight.RemoveAt(blockWeight.Count - 1);
                blockEnd.RemoveAt(blockEnd.Count - 1);
                blockMean[^1] = m;
                blockWeight[^1] = w;
                blockEnd[^1] = end;
            }
        }
        var fitted = new double[xs.Count];
        int start = 0;
        for (int b = 0; b < blockMean.Count; b++)
        {
            for (int i = start; i <= blockEnd[b]; i++) fitted[i] = blockMean[b];
            start = blockEnd[b] + 1;
        }
        return new IsotonicCalibrator([.. xs], fitted);
    }
}
