using Predictor.Training.Concurrency;
using Predictor.Training.DataSets;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;
using Predictor.Training.Progress;
using Predictor.Training.Validation;

namespace Predictor.Training.Tuning;

/// <summary>
/// Chooses GBDT settings by stratified cross-validation with early stopping, as <c>xgb.cv</c> does: each candidate is
/// trained on K−1 folds while the held-out fold's log-loss is tracked per round; the per-round losses are averaged over
/// folds and the round with the lowest mean becomes the candidate's tree count. The candidate with the lowest mean
/// held-out log-loss wins. A candidate that boosts from a linear start also counts round 0 (the linear start alone),
/// so cross-validation may choose no trees at all when the risk is a straight line on the log-odds scale. The linear
/// start alone then also stands as a candidate of its own, the simplest of all, and any tree model must beat it by
/// the <see cref="OneStandardErrorRule"/> to be chosen over it.
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
            var fit = BoostingTrainer.Train(splits[k].Train, options, splits[k].Test);
            counter.Done();
            // Index i of a curve is the loss after i trees when the start counts, after i + 1 trees otherwise.
            return options.LinearStartPenalty is null ? fit.ValidationLoss : (IReadOnlyList<double>)[fit.StartLoss!.Value, .. fit.ValidationLoss];
        });
        var scores = new List<CandidateScore>();
        CandidateScore? linearAlone = null;
        for (int c = 0; c < candidates.Count; c++)
        {
            var foldCurves = curves.AsSpan(c * splits.Length, splits.Length).ToArray();
            var (round, loss) = BestRound(foldCurves);
            bool linear = candidates[c].LinearStartPenalty is not null;
            scores.Add(new CandidateScore(candidates[c], linear ? round - 1 : round, loss) { FoldLogLoss = AtRound(foldCurves, round) });
            // Every linear-start candidate starts from the same regression on the same folds, so round 0 is one model.
            if (linear && linearAlone is null)
            {
                var start = AtRound(foldCurves, 1);
                linearAlone = new CandidateScore(candidates[c] with { Trees = 0 }, 0, start.Average()) { FoldLogLoss = start };
            }
        }
        if (linearAlone is not null) scores.Add(linearAlone);
        var best = scores.MinBy(s => s.MeanLogLoss)!;
        if (linearAlone is not null && !ReferenceEquals(best, linearAlone) && !OneStandardErrorRule.Beats(best.FoldLogLoss, linearAlone.FoldLogLoss, OneStandardErrorRule.TestToTrainRatio(folds, data.RowCount)))
            best = linearAlone;
        return new TuningResult(scores, best.Options with { Trees = best.BestTrees, EarlyStoppingRounds = 0 });
    }

    /// <summary>Each fold's loss at a 1-based round, carrying a fold that stopped early forward as <see cref="BestRound"/> does.</summary>
    private static double[] AtRound(IReadOnlyList<IReadOnlyList<double>> curves, int round) =>
        [.. curves.Select(c => c[Math.Min(round - 1, c.Count - 1)])];

    /// <summary>
    /// The round (1-based position in the curves) with the lowest loss averaged over folds. A fold that stopped early keeps its last loss for the later
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
