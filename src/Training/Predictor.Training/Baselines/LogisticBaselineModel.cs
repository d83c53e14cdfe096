using Predictor.Training.DataSets;
using Predictor.Training.Statistics;

namespace Predictor.Training.Baselines;

/// <summary>A fitted penalised logistic regression: its design (imputation, encoding, scaling) and coefficients.</summary>
/// <param name="Design">How features become design columns.</param>
/// <param name="Coefficients">Intercept first, then one per design column (on the standardised scale).</param>
/// <param name="Penalty">The ridge penalty λ it was fitted with (sklearn C = 1/λ).</param>
public sealed record LogisticBaselineModel(LogisticDesign Design, IReadOnlyList<double> Coefficients, double Penalty)
{
    /// <summary>Share of the penalty on the L1 norm: 0 for ridge, above 0 for an elastic net.</summary>
    public double L1Ratio { get; init; }

    /// <summary>"ridge logistic" or "elastic-net logistic".</summary>
    public string Name => L1Ratio == 0 ? "ridge logistic" : "elastic-net logistic";

    /// <summary>The name with the L1 share when there is one, e.g. "elastic-net logistic (l1_ratio 0.5)".</summary>
    public string Describe() => L1Ratio == 0
        ? Name
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name} (l1_ratio {L1Ratio:0.###})");

    public double[] Predict(TrainingSet data) => Probabilities(Design.Transform(data), Design.Width, Coefficients);

    /// <summary>Probabilities of a row-major design (intercept column first) under <paramref name="coefficients"/>.</summary>
    internal static double[] Probabilities(double[] design, int width, IReadOnlyList<double> coefficients)
    {
        var probabilities = new double[design.Length / width];
        for (int r = 0; r < probabilities.Length; r++)
        {
            double eta = 0;
            for (int c = 0; c < width; c++) eta += design[r * width + c] * coefficients[c];
            probabilities[r] = LogisticRegressionSolver.Sigmoid(eta);
        }
        return probabilities;
    }
}
