using Predictor.Training.Concurrency;
using Predictor.Training.DataSets;
using Predictor.Training.Evaluation;
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
    /// <summary>Runs the folds one after another with learners that take no thread budget.</summary>
    public static IReadOnlyList<CrossValidationScore> Run(TrainingSet data, IReadOnlyList<(string Name, Func<TrainingSet, Func<TrainingSet, double[]>> Fit)> learners,
        int folds, int repeats, ulong seed, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(learners);
        return Run(data, [.. learners.Select(l => (l.Name, (LearnerFit)((train, _) => l.Fit(train))))], folds, repeats, seed, threads: 1, progress);
    }

    /// <summary>
    /// As above, with the repeats x folds outer fits run side by side on <paramref name="threads"/> threads (each
    /// learner fit given its share); each fold's predictions fill only its own rows, so the scores do not depend on it.
    /// </summary>
    public static IReadOnlyList<CrossValidationScore> Run(TrainingSet data, IReadOnlyList<(string Name, LearnerFit Fit)> learners,
        int folds, int repeats, ulong seed, int threads, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(learners);
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats), "At least one repeat is needed.");
        var splits = Enumerable.Range(0, repeats).Select(r => StratifiedKFold.Split(data.Labels, folds, seed + (ulong)r)).ToArray();
        var predictions = splits.Select(_ => learners.Select(_ => new double[data.RowCount]).ToArray()).ToArray();
        var offsets = new int[repeats + 1];
        for (int r = 0; r < repeats; r++) offsets[r + 1] = offsets[r] + splits[r].Count;
        var counter = new ProgressCounter(progress, "cross-validation", offsets[repeats]);
        IndependentFits.Run(offsets[repeats], threads, (i, threadsEach) =>
        {
            int r = 0;
            while (offsets[r + 1] <= i) r++;
            var fold = splits[r][i - offsets[r]];
            var train = data.SelectRows(StratifiedKFold.Complement(fold, data.RowCount));
            var test = data.SelectRows(fold);
            for (int l = 0; l < learners.Count; l++)
            {
                var p = learners[l].Fit(train, threadsEach)(test);
                for (int j = 0; j < p.Length; j++) predictions[r][l][fold[j]] = p[j];
            }
            counter.Done();
            return true;
        });
        var aucs = learners.Select(_ => new List<double>()).ToArray();
        var briers = learners.Select(_ => new List<double>()).ToArray();
        for (int r = 0; r < repeats; r++)
        {
            for (int l = 0; l < learners.Count; l++)
            {
                aucs[l].Add(RocAuc.Compute(predictions[r][l], data.Labels));
                briers[l].Add(BrierScore.Compute(predictions[r][l], data.Labels));
            }
        }
        return [.. learners.Select((l, i) => new CrossValidationScore(l.Name, aucs[i], briers[i]))];
    }
}
