using Predictor.Training.Concurrency;
using Predictor.Training.Gbdt.Boosting;
using Predictor.Training.Gbdt.Data;
using Predictor.Training.Gbdt;
using Predictor.Training.Progress;
using Predictor.Training.Validation;

namespace Predictor.Training.Tuning;

/// <summary>
/// Chooses GBDT settings by stratified cross-validation with early stopping, as <c>xgb.cv</c> does: each candidate is
/// trained on K−1 folds while the held-out fold's log-loss is tracked per round; the per-round losses are averaged over
/// folds and the round with the lowest mean becomes the candidate's tree count. The candidate with the lowest mean
/// held-out log-loss wins.
/// </summary>
public static class GbdtTuner
{
    public static TuningResult Tune(TrainingSet data, IReadOnlyList<int[]> folds, IReadOnlyList<GbdtOptions> candidates, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0) throw new ArgumentException("Tuning needs at least one candidate.", nameof(candidates));
        var splits = folds.Select(f => (Train: data.SelectRows(StratifiedKFold.Complement(f, data.RowCount)), Test: data.SelectRows(f))).ToArray();
        int total = candidates.Count * splits.Length;
        var counter = new ProgressCounter(progress, "tuning", total);
        // Every (candidate, fold) fit is independent: run them side by side on the threads the candidates ask for.
        int threads = candidates.Max(c => c.Threads);
        var curves = IndependentFits.Run(total, threads, (i, threadsEach) =>
        {
            var (c, k) = Math.DivRem(i, splits.Length);
            var options = candidates[c] with { EarlyStoppingRounds = TuningGrid.EarlyStoppingPatience, Threads = threadsEach };
            var loss = BoostingTrainer.Train(splits[k].Train, options, splits[k].Test).ValidationLoss;
            counter.Done();
            return loss;
        });
        var scores = new List<CandidateScore>();
        for (int c = 0; c < candidates.Count; c++)
        {
            var (bestTrees, loss) = BestRound(curves.AsSpan(c * splits.Length, splits.Length).ToArray());
            scores.Add(new CandidateScore(candidates[c], bestTrees, loss));
        }
        var best = scores.MinBy(s => s.MeanLogLoss)!;
        return new TuningResult(scores, best.Options with { Trees = best.BestTrees, EarlyStoppingRounds = 0 });
    }

    /// <summary>
    /// The round with the lowest loss averaged over folds. A fold that stopped early keeps its last loss for the later
    /// rounds: it stopped because the loss had stopped falling, so the last value is a fair (slightly kind) stand-in.
    /// </summary>
    public static (int Trees, double Loss) BestRound(IReadOnlyList<IReadOnlyList<double>> curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        int rounds = curves.Max(c => c.Count);
        int bestRound = 1;
        double bestLoss = double.PositiveInfinity;
        for (int t = 0; t < rounds; t++)
        {
            double mean = curves.Average(c => c[Math.Min(t, c.Count - 1)]);
            if (mean < bestLoss)
            {
                bestLoss = mean;
                bestRound = t + 1;
            }
        }
        return (bestRound, bestLoss);
    }
}
