using Predictor.Training.Gbdt.Data;
using Predictor.Training.Statistics;

namespace Predictor.Training.Baselines;

/// <summary>A fitted penalised logistic regression: its design (imputation, encoding, scaling) and coefficients.</summary>
/// <param name="Design">How features become design columns.</param>
/// <param name="Coefficients">Intercept first, then one per design column (on the standardised scale).</param>
/// <param name="Penalty">The ridge penalty λ it was fitted with (sklearn C = 1/λ).</param>
public sealed record LogisticBaselineModel(LogisticDesign Design, IReadOnlyList<double> Coefficients, double Penalty)
{
    public double[] Predict(TrainingSet data)
    {
        var design = Design.Transform(data);
        int width = Design.Width;
        var probabilities = new double[data.RowCount];
        for (int r = 0; r < probabilities.Length; r++)
        {
            double eta = 0;
            for (int c = 0; c < width; c++) eta += design[r * width + c] * Coefficients[c];
            probabilities[r] = LogisticRegressionSolver.Sigmoid(eta);
        }
        return probabilities;
    }
}
