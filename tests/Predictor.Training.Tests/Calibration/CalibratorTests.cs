using Predictor.Training.Evaluation;
using Predictor.Training.Calibration;
using Predictor.Training.Statistics;
using Predictor.Training.Validation;
using Xunit;

namespace Predictor.Training.Tests.Calibration;

public sealed class CalibratorTests
{
    [Fact]
    public void PoolAdjacentViolatorsByHand()
    {
        // Outcomes in input order 0, 1, 0, 1, 1: the pair (1, 0) violates order and pools to 0.5.
        var iso = IsotonicCalibrator.Fit([0.1, 0.2, 0.3, 0.4, 0.5], [0, 1, 0, 1, 1]);
        Assert.Equal([(0.1, 0.0), (0.2, 0.5), (0.3, 0.5), (0.4, 1.0), (0.5, 1.0)], iso.Knots);
        Assert.Equal(0.75, iso.Apply(0.35), 12);
        Assert.Equal(0.0, iso.Apply(0.0), 12);
        Assert.Equal(1.0, iso.Apply(0.9), 12);
    }

    [Fact]
    public void IsotonicPoolsTiedInputs()
    {
        var iso = IsotonicCalibrator.Fit([0.2, 0.2, 0.6, 0.6], [0, 1, 1, 1]);
        Assert.Equal(0.5, iso.Apply(0.2), 12);
        Assert.Equal(1.0, iso.Apply(0.6), 12);
    }

    [Fact]
    public void PlattUndoesADistortionOfTheLogit()
    {
        // Outcomes drawn from q; the model reports logits 2.5× too extreme and shifted: Platt should recover ≈ 1/2.5 and the shift.
        var random = new Random(4);
        int n = 5000;
        var q = Enumerable.Range(0, n).Select(_ => 0.05 + 0.9 * random.NextDouble()).ToArray();
        var y = q.Select(p => random.NextDouble() < p ? 1.0 : 0.0).ToArray();
        var distorted = q.Select(p => LogisticRegressionSolver.Sigmoid(2.5 * LogisticRegressionSolver.Logit(p) + 1)).ToArray();
        var platt = PlattCalibrator.Fit(distorted, y);
        Assert.Equal(0.4, platt.Slope, 1);
        Assert.InRange(platt.Intercept, -0.55, -0.25); // sampling noise of the intercept is about 0.05 at n = 5000
    }

    [Fact]
    public void SelectionPrefersPlattWhenTheTruthIsSmoothAndDataAreFew()
    {
        // Predictions three times too confident on the log-odds scale: a smooth miscalibration Platt undoes exactly.
        var random = new Random(8);
        int n = 300;
        var q = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var y = q.Select(p => random.NextDouble() < p ? 1.0 : 0.0).ToArray();
        var overconfident = q.Select(p => 1 / (1 + Math.Exp(-3 * Math.Log(p / (1 - p))))).ToArray();
        var folds = StratifiedKFold.Split(y, 5, 1);
        var choice = CalibratorSelection.Choose(overconfident, y, folds);
        Assert.Equal(choice.PlattBrier <= choice.IsotonicBrier ? "platt" : "isotonic", choice.Calibrator.Method);
        Assert.True(choice.Calibrator.Method == "platt", $"{choice.PlattBrier} {choice.IsotonicBrier} {choice.UncalibratedBrier}");
        Assert.True(choice.PlattBrier < choice.UncalibratedBrier);
    }

    [Fact]
    public void CalibratedPredictionsAreLeftAsTheyAre()
    {
        // The predictions are the true probabilities: recalibrating them on 120 rows can only add noise.
        var random = new Random(8);
        int n = 120;
        var q = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var y = q.Select(p => random.NextDouble() < p ? 1.0 : 0.0).ToArray();
        var choice = CalibratorSelection.Choose(q, y, StratifiedKFold.Split(y, 5, 1));
        Assert.Equal("none", choice.Calibrator.Method);
        Assert.Equal(0.37, choice.Calibrator.Apply(0.37));
        Assert.Equal(BrierScore.Compute(q, y), choice.UncalibratedBrier, 15);
    }
}
