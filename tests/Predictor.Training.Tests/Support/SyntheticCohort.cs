using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;

namespace Predictor.Training.Tests.Support;

/// <summary>
/// A small simulated cohort for learner tests: resistance rises with p-AKT and falls with PTEN, depends on etiology,
/// with missing marker values. The true probability is known, so tests can check the learner finds the signal.
/// </summary>
internal static class SyntheticCohort
{
    public static readonly string[] Etiologies = ["HBV", "HCV", "alcohol", "MASLD", "other"];

    public static TrainingSet Generate(int rows, int seed, double missingRate = 0.1)
    {
        var random = new Random(seed);
        var pakt = new double[rows];
        var pten = new double[rows];
        var age = new double[rows];
        var size = new double[rows];
        var etiology = new double[rows];
        var labels = new double[rows];
        double[] etiologyEffect = [0.6, -0.4, 0.2, 0.0, -0.8];
        for (int i = 0; i < rows; i++)
        {
            pakt[i] = Math.Round(random.NextDouble() * 300);
            pten[i] = Math.Round(random.NextDouble() * 300);
            age[i] = 18 + Math.Round(random.NextDouble() * 70);
            size[i] = Math.Round(0.5 + random.NextDouble() * 15, 1);
            etiology[i] = random.Next(Etiologies.Length);
            double logit = -0.5 + 0.012 * (pakt[i] - 150) - 0.008 * (pten[i] - 150) + etiologyEffect[(int)etiology[i]]
                + 0.08 * (size[i] - 7) + (pakt[i] > 200 && size[i] > 8 ? 0.8 : 0);
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
            if (random.NextDouble() < missingRate) pakt[i] = double.NaN;
            if (random.NextDouble() < missingRate) pten[i] = double.NaN;
            if (random.NextDouble() < missingRate / 2) etiology[i] = double.NaN;
        }
        return new TrainingSet(
        [
            new FeatureColumn("p_akt_hscore", pakt),
            new FeatureColumn("pten_hscore", pten),
            new FeatureColumn("age_years", age),
            new FeatureColumn("tumor_size_cm", size),
            new FeatureColumn("etiology", FeatureKind.Categorical, etiology, Etiologies),
        ], labels);
    }

    /// <summary>Scores every row of a set with a model.</summary>
    public static double[] Predict(TreeEnsemble model, TrainingSet data)
    {
        var scores = new double[data.RowCount];
        for (int i = 0; i < scores.Length; i++) scores[i] = model.Predict(data.Row(i));
        return scores;
    }
}
