using System.Diagnostics;
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
/// the <see cref="OneStandardErrorRule"/> to be chosen over it. A <see cref="TuningSearch"/> may replace the folds by a
/// validation set and stop the search on a time budget.
/// </summary>
public static class GbdtTuner
{
    public static TuningResult Tune(TrainingSet data, IReadOnlyList<int[]> folds, IReadOnlyList<GbdtOptions> candidates, IProgress<WorkProgress>? progress = null,
        TuningSearch? search = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0) throw new ArgumentException("Tuning needs at least one candidate.", nameof(candidates));
        search ??= TuningSearch.CrossValidated;
        // A validation set is one "fold": every candidate trains on all rows and is early-stopped and scored on it.
        var splits = search.Validation is { } validation
            ? [(Train: data, Test: validation)]
            : folds.Select(f => (Train: data.SelectRows(StratifiedKFold.Complement(f, data.RowCount)), Test: data.SelectRows(f))).ToArray();
        var counter = new ProgressCounter(progress, "tuning", candidates.Count * splits.Length);
        // Every (candidate, fold) fit is independent: run them side by side on the threads the candidates ask for.
        int threads = candidates.Max(c => c.Threads);
        IReadOnlyList<double> Curve(int c, int k, int threadsEach)
        {
            var options = candidates[c] with { EarlyStoppingRounds = TuningGrid.EarlyStoppingPatience, Threads = threadsEach };
            var fit = BoostingTrainer.Train(splits[k].Train, options, splits[k].Test);
            counter.Done();
            // Index i of a curve is the loss after i trees when the start counts, after i + 1 trees otherwise.
            return options.LinearStartPenalty is null ? fit.ValidationLoss : (IReadOnlyList<double>)[fit.StartLoss!.Value, .. fit.ValidationLoss];
        }
        var curves = search.IsLimited
            ? Limited(candidates.Count, splits.Length, threads, search, Curve)
            : IndependentFits.Run(candidates.Count * splits.Length, threads, (i, threadsEach) => Curve(i / splits.Length, i % splits.Length, threadsEach));
        int evaluated = curves.Length / splits.Length;
        var scores = new List<CandidateScore>();
        CandidateScore? linearAlone = null;
        for (int c = 0; c < evaluated; c++)
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
        // With one validation set there is no spread over folds to weigh: the lower loss wins (OneStandardErrorRule with k = 1).
        return new TuningResult(scores, best.Options with { Trees = best.BestTrees, EarlyStoppingRounds = 0 })
        {
            GridSize = candidates.Count, Evaluated = evaluated, ValidationRows = search.Validation?.RowCount,
        };
    }

    /// <summary>
    /// Candidates one after the other (each one's folds side by side), the first always, each later one only while the
    /// time budget lasts and below the candidate limit; the curves of those tried, in (candidate, fold) order.
    /// </summary>
    private static IReadOnlyList<double>[] Limited(int candidates, int folds, int threads, TuningSearch search, Func<int, int, int, IReadOnlyList<double>> curve)
    {
        var clock = Stopwatch.StartNew();
        int limit = Math.Min(candidates, search.CandidateLimit ?? candidates);
        var curves = new List<IReadOnlyList<double>>();
        for (int c = 0; c < limit; c++)
        {
            if (c > 0 && search.TimeBudget is { } budget && clock.Elapsed >= budget) break;
            curves.AddRange(IndependentFits.Run(folds, threads, (k, threadsEach) => curve(c, k, threadsEach)));
        }
        return [.. curves];
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
