using Predictor.Training.Validation;

namespace Predictor.Training.Baselines;

/// <summary>The comparator every pipeline result is reported against, as a learner for the resampling loops.</summary>
public static class LogisticComparator
{
    /// <summary>
    /// Ridge (or elastic-net) logistic regression with its penalty tuned by inner stratified CV over at most
    /// <paramref name="folds"/> folds (fewer when a class has fewer rows; a fixed penalty of 1 when under two).
    /// </summary>
    public static LearnerFit Learner(int folds, ulong seed, double l1Ratio = 0) => (train, _) =>
    {
        int positives = train.Labels.Count(y => y == 1);
        int inner = Math.Min(folds, Math.Min(positives, train.RowCount - positives));
        var model = inner >= 2
            ? PenalisedLogisticRegression.FitTuned(train, StratifiedKFold.Split(train.Labels, inner, seed), l1Ratio)
            : PenalisedLogisticRegression.Fit(train, 1, l1Ratio);
        return model.Predict;
    };
}
