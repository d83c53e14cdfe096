using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;

namespace Predictor.Export.Tests;

/// <summary>Synthetic patients with H-score-like numbers, missing values and a categorical feature.</summary>
internal static class ExportData
{
    public static TrainingSet Patients(int rows, int seed)
    {
        var random = new Random(seed);
        var akt = new double[rows];
        var pten = new double[rows];
        var age = new double[rows];
        var etiology = new double[rows];
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            akt[i] = random.NextDouble() < 0.1 ? double.NaN : random.Next(0, 301);
            pten[i] = random.NextDouble() < 0.1 ? double.NaN : random.Next(0, 301);
            age[i] = Math.Round(30 + random.NextDouble() * 55, 1);
            etiology[i] = random.NextDouble() < 0.05 ? double.NaN : random.Next(5);
            double logit = (double.IsNaN(akt[i]) ? 0.5 : (akt[i] - 150) / 60) - (double.IsNaN(pten[i]) ? 0 : (pten[i] - 150) / 100)
                + (etiology[i] is 1 or 3 ? 0.8 : -0.2) + (age[i] - 60) / 40;
            y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
        }
        return new TrainingSet(
        [
            new FeatureColumn("p_akt_hscore", akt), new FeatureColumn("pten_hscore", pten), new FeatureColumn("age_years", age),
            new FeatureColumn("etiology", FeatureKind.Categorical, etiology, ["HBV", "HCV", "alcohol", "MASLD", "other"]),
        ], y);
    }
}
