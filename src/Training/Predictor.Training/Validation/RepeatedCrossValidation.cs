using Predictor.Training.Evaluation;
using Predictor.Training.Gbdt.Data;
using Predictor.Training.Progress;

namespace Predictor.Training.Validation;

/// <summary>Cross-validated AUC and Brier score of one learner, over repeats of stratified K-fold.</summary>
/// <param name="Learner">The learner's name.</param>
/// <param name="AucPerRepeat">Pooled out-of-fold AUC of each repeat.</param>
/// <param name="BrierPerRepeat">Pooled out-of-fold Brier score of each repeat.</param>
public sealed record CrossValidationScore(string Learner, IReadOnlyList<double> AucPerRepeat, IReadOnlyList<double> BrierPerRepeat)
{
    public double MeanAuc => AucPerRepeat.Average();

    public double MeanBrier => BrierPerRepeat.Average();

    /// <summary>Standard deviation of the AUC over repeats (0 with one repeat).</summary>
    public double AucSpread => AucPerRepeat.Count < 2 ? 0 : Math.Sqrt(AucPerRepeat.Sum(a => (a - MeanAuc) * (a - MeanAuc)) / (AucPerRepeat.Count - 1));
}

/// <summary>
/// Repeated stratified K-fold of whole learners: each learner (for the pipeline: tuning, calibration and all) is fitted on
/// K−1 folds and predicts the held-out fold, so anything it tunes is nested inside the outer folds.
/// </summary>
public static class RepeatedCrossValidation
{
    public static IReadOnlyList<CrossValidationScore> Run(TrainingSet data, IReadOnlyList<(string Name, Func<TrainingSet, Func<TrainingSet, double[]>> Fit)> learners,
        int folds, int repeats, ulong seed, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(learners);
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats), "At least one repeat is needed.");
        var aucs = learners.Select(_ => new List<double>()).ToArray();
        var briers = learners.Select(_ => new List<double>()).ToArray();
        for (int r = 0; r < repeats; r++)
        {
            var split = StratifiedKFold.Split(data.Labels, folds, seed + (ulong)r);
            var predictions = learners.Select(_ => new double[data.RowCount]).ToArray();
            for (int k = 0; k < split.Count; k++)
            {
                var train = data.SelectRows(StratifiedKFold.Complement(split[k], data.RowCount));
                var test = data.SelectRows(split[k]);
                for (int l = 0; l < learners.Count; l++)
                {
                    var p = learners[l].Fit(train)(test);
                    for (int i = 0; i < p.Length; i++) predictions[l][split[k][i]] = p[i];
                }
                progress?.Report(new WorkProgress("cross-validation", r * split.Count + k + 1, repeats * split.Count));
            }
            for (int l = 0; l < learners.Count; l++)
            {
                aucs[l].Add(RocAuc.Compute(predictions[l], data.Labels));
                briers[l].Add(BrierScore.Compute(predictions[l], data.Labels));
            }
        }
        return [.. learners.Select((l, i) => new CrossValidationScore(l.Name, aucs[i], briers[i]))];
    }
}
