using Predictor.Scoring.Linear;
using Predictor.Training.DataSets;

namespace Predictor.Training.Baselines;

/// <summary>
/// Rewrites a fitted logistic regression as the scoring library's per-feature <see cref="LinearTerm"/>s plus an
/// intercept. Every design column is a function of one feature (its value with the median for missing, a level flag or
/// a missing flag), standardised by the training mean and scale, so each coefficient folds into that feature's slope,
/// level values or missing value, and the centring constants fold into the intercept. The folded model scores every
/// training-set row as the design does, up to rounding; a level code the design never saw scores as missing.
/// </summary>
internal static class LinearTermFolding
{
    /// <param name="model">The fitted regression.</param>
    /// <param name="data">The rows it was fitted on (their features define term indices and term means).</param>
    /// <param name="weights">
    /// The weights it was fitted with (null: all 1). Each term's mean is then the weighted mean over the training rows:
    /// TreeSHAP's expected value adds these means to the trees' cover-weighted means, and covers are weighted hessian
    /// sums, so a weighted mean keeps the whole expected value on the population the weights describe (integer weights
    /// give the means of the repeated rows). Additivity holds for any mean, since each term's mean is added to the
    /// expected value and taken from its contribution alike.
    /// </param>
    public static (double Intercept, LinearMargin Margin) Fold(LogisticBaselineModel model, TrainingSet data, double[]? weights = null)
    {
        double intercept = model.Coefficients[0];
        var columns = model.Design.Columns;
        var terms = new List<LinearTerm>();
        for (int f = 0; f < data.FeatureCount; f++)
        {
            var feature = data.Features[f];
            bool categorical = feature.Kind == Predictor.Scoring.Trees.FeatureKind.Categorical;
            double slope = 0, missing = 0;
            var levelValues = new double[categorical ? feature.Levels.Count : 0];
            bool used = false;
            for (int c = 0; c < columns.Count; c++)
            {
                var column = columns[c];
                // A coefficient the lasso set to zero leaves its feature out of the model altogether.
                if (!string.Equals(column.Feature, feature.Name, StringComparison.Ordinal) || model.Coefficients[c + 1] == 0) continue;
                used = true;
                double weight = model.Coefficients[c + 1] / column.Scale;
                intercept -= weight * column.Mean;
                switch (column.Role)
                {
                    case DesignRole.Value:
                        slope += weight;
                        missing += weight * column.Median;
                        break;
                    case DesignRole.Level:
                        levelValues[column.Level] += weight;
                        break;
                    default:
                        missing += weight;
                        break;
                }
            }
            if (!used) continue;
            var unmeasured = Term(f, categorical, slope, levelValues, missing, 0);
            // Without weights every row weighs exactly 1 and the total is the row count: the plain mean to the bit.
            double mean = 0, total = 0;
            for (int r = 0; r < feature.Values.Length; r++)
            {
                double w = weights?[r] ?? 1;
                mean += w * unmeasured.Evaluate(feature.Values[r]);
                total += w;
            }
            terms.Add(Term(f, categorical, slope, levelValues, missing, mean / total));
        }
        return (intercept, new LinearMargin(terms));
    }

    private static LinearTerm Term(int feature, bool categorical, double slope, double[] levelValues, double missing, double mean) =>
        categorical ? LinearTerm.Categorical(feature, levelValues, missing, mean) : LinearTerm.Numeric(feature, slope, missing, mean);
}
