namespace Predictor.Training.Calibration;

/// <summary>
/// Leaves the model's probabilities as they are. Chosen when neither Platt scaling nor isotonic regression improves the
/// cross-validated Brier score by more than its noise: a model that is calibrated already (a logistic regression is, by
/// construction, in its own training data) only loses by being recalibrated on a few hundred out-of-fold predictions.
/// </summary>
public sealed class IdentityCalibrator : ICalibrator
{
    /// <summary>The one instance: it has no parameters.</summary>
    public static IdentityCalibrator Instance { get; } = new();

    private IdentityCalibrator()
    {
    }

    public string Method => "none";

    public double Apply(double probability) => probability;
}
