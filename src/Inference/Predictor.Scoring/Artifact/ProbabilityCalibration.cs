namespace Predictor.Scoring.Artifact;

/// <summary>Maps a model's raw score (or its logistic probability) to a calibrated probability.</summary>
public abstract class ProbabilityCalibration
{
    /// <summary>The method's name as written in the model file ("platt" or "isotonic").</summary>
    public abstract string Method { get; }

    /// <summary>The calibrated probability for a raw log-odds score and its uncalibrated probability.</summary>
    public abstract double Apply(double rawScore, double probability);
}

/// <summary>Platt scaling: p = sigmoid(<see cref="Slope"/> * raw + <see cref="Intercept"/>).</summary>
public sealed class PlattCalibration : ProbabilityCalibration
{
    /// <summary>Platt scaling with the given slope and intercept on the raw score.</summary>
    public PlattCalibration(double slope, double intercept)
    {
        if (!double.IsFinite(slope) || !double.IsFinite(intercept)) throw new ArgumentException("Platt parameters must be finite.");
        Slope = slope;
        Intercept = intercept;
    }

    /// <inheritdoc/>
    public override string Method => "platt";

    /// <summary>Multiplier of the raw score.</summary>
    public double Slope { get; }

    /// <summary>Added to the scaled raw score.</summary>
    public double Intercept { get; }

    /// <inheritdoc/>
    public override double Apply(double rawScore, double probability) => Trees.TreeEnsemble.Sigmoid(Slope * rawScore + Intercept);
}

/// <summary>
/// Isotonic regression on the uncalibrated probability: a non-decreasing step function given by knots, interpolated
/// linearly between knots and held flat beyond them (as scikit-learn's IsotonicRegression with out_of_bounds="clip").
/// </summary>
public sealed class IsotonicCalibration : ProbabilityCalibration
{
    private readonly double[] _x;
    private readonly double[] _y;

    /// <summary>Isotonic calibration through the knots (<paramref name="inputs"/>, <paramref name="outputs"/>).</summary>
    public IsotonicCalibration(IReadOnlyList<double> inputs, IReadOnlyList<double> outputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        if (inputs.Count == 0 || inputs.Count != outputs.Count) throw new ArgumentException("Isotonic calibration needs as many outputs as inputs, at least one.");
        _x = [.. inputs];
        _y = [.. outputs];
        for (int i = 0; i < _x.Length; i++)
        {
            if (!double.IsFinite(_x[i]) || _y[i] is not (>= 0 and <= 1)) throw new ArgumentException("Isotonic knots must be finite with outputs in [0, 1].");
            if (i > 0 && (_x[i] <= _x[i - 1] || _y[i] < _y[i - 1])) throw new ArgumentException("Isotonic knots must increase in input and not decrease in output.");
        }
    }

    /// <inheritdoc/>
    public override string Method => "isotonic";

    /// <summary>Knot positions on the uncalibrated probability, strictly increasing.</summary>
    public IReadOnlyList<double> Inputs => _x;

    /// <summary>Calibrated probability at each knot, non-decreasing.</summary>
    public IReadOnlyList<double> Outputs => _y;

    /// <inheritdoc/>
    public override double Apply(double rawScore, double probability)
    {
        if (probability <= _x[0]) return _y[0];
        if (probability >= _x[^1]) return _y[^1];
        int hi = Array.BinarySearch(_x, probability);
        if (hi >= 0) return _y[hi];
        hi = ~hi;
        double t = (probability - _x[hi - 1]) / (_x[hi] - _x[hi - 1]);
        return _y[hi - 1] + t * (_y[hi] - _y[hi - 1]);
    }
}
