using Predictor.Scoring.Linear;
using Predictor.Training.Baselines;
using Predictor.Training.DataSets;

namespace Predictor.Training.Gbdt.Boosting;

/// <summary>
/// The penalised (ridge, elastic-net or lasso) logistic regression a model boosts from when <see cref="GbdtOptions.LinearStartPenalty"/> is set (XGBoost's
/// <c>base_margin</c>, LightGBM's <c>init_score</c>, but fitted by the trainer and kept in the model). Its intercept
/// becomes the base score and its folded terms the model's linear margin; the trees then fit what the straight lines
/// leave over. Fitted on the training rows only, so validation rows never shape it, and weighted as the trees are.
/// </summary>
internal sealed class LinearStart
{
    private LinearStart(double intercept, LinearMargin margin)
    {
        Intercept = intercept;
        Margin = margin;
    }

    /// <summary>The log-odds intercept (the model's base score).</summary>
    public double Intercept { get; }

    /// <summary>The per-feature terms.</summary>
    public LinearMargin Margin { get; }

    /// <param name="train">Training rows.</param>
    /// <param name="penalty">λ and its L1 share.</param>
    /// <param name="weights">
    /// The booster's effective weights (row weight × positive-class weight, <see cref="EffectiveWeights"/>), or null:
    /// the regression minimises the same weighted loss the trees then continue to minimise.
    /// </param>
    public static LinearStart Fit(TrainingSet train, Regularisation penalty, double[]? weights)
    {
        var regression = PenalisedLogisticRegression.Fit(train, penalty.Penalty, penalty.L1Ratio, weights);
        var (intercept, margin) = LinearTermFolding.Fold(regression, train, weights);
        return new LinearStart(intercept, margin);
    }

    /// <summary>
    /// Writes each row's start score through the scoring library's own <see cref="LinearMargin.Evaluate"/>, added to the
    /// intercept as <see cref="Predictor.Scoring.Trees.TreeEnsemble.StartScore"/> adds it, so training boosts from
    /// exactly the scores the shipped model computes.
    /// </summary>
    public void Fill(TrainingSet data, double[] scores)
    {
        var terms = Margin.Terms;
        // One row buffer, refilled with only the features the terms read.
        var row = new double[data.FeatureCount];
        for (int r = 0; r < data.RowCount; r++)
        {
            foreach (var term in terms) row[term.Feature] = data.Features[term.Feature].Values[r];
            scores[r] = Intercept + Margin.Evaluate(row);
        }
    }
}
