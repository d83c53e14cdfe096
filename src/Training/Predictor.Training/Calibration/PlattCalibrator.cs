using Predictor.Training.Statistics;

namespace Predictor.Training.Calibration;

/// <summary>
/// Platt scaling on the logit scale: calibrated = σ(A + B·logit(p)), with A and B fitted by maximum likelihood on
/// held-out predictions. Two parameters, so it cannot overfit a small cohort the way isotonic regression can.
/// </summary>
public sealed record PlattCalibrator(double Intercept, double Slope) : ICalibrator
{
    public string Method => "platt";

    public double Apply(double probability) => LogisticRegressionSolver.Sigmoid(Intercept + Slope * LogisticRegressionSolver.Logit(probability));

    public static PlattCalibrator Fit(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        var design = new double[2 * labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            design[2 * i] = 1;
            design[2 * i + 1] = LogisticRegressionSolver.Logit(probabilities[i]);
        }
        // A whisper of ridge keeps the fit finite when held-out predictions separate the classes perfectly.
        var beta = LogisticRegressionSolver.Fit(design, 2, labels, ridge: 1e-6);
        return new PlattCalibrator(beta[0], beta[1]);
    }
}
