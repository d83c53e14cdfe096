using Predictor.Scoring.Compiled;
using Predictor.Scoring.Trees;
using Predictor.Training.Statistics;

namespace Predictor.Training.Evaluation;

/// <summary>One feature's permutation importance.</summary>
/// <param name="Feature">Feature name.</param>
/// <param name="MeanAucDrop">Baseline AUC minus the AUC with the feature's column shuffled, averaged over repeats.</param>
/// <param name="StandardDeviation">Sample standard deviation of the drop over repeats (0 with one repeat).</param>
/// <param name="Drops">The drop of each repeat.</param>
public sealed record PermutationDrop(string Feature, double MeanAucDrop, double StandardDeviation, IReadOnlyList<double> Drops);

/// <summary>
/// Permutation importance (Breiman 2001; scikit-learn's <c>permutation_importance</c> with the ROC AUC scorer): how
/// much the AUC on labelled data falls when one feature's column is shuffled across patients, breaking its link to
/// the label while keeping its distribution. Shuffles are seeded (one SplitMix64 stream per feature and repeat), so
/// results repeat exactly. Use held-out data: on training data it measures what the model memorised.
/// </summary>
public static class PermutationImportance
{
    /// <summary>The AUC drop of every feature, in the model's feature order.</summary>
    /// <param name="model">The model to probe.</param>
    /// <param name="rows">Row-major feature values (<c>labels.Length * features</c>), e.g. from ModelInput.</param>
    /// <param name="labels">0/1 labels, both classes present.</param>
    /// <param name="repeats">Shuffles per feature (at least 1).</param>
    /// <param name="seed">Seed of the shuffles.</param>
    public static IReadOnlyList<PermutationDrop> Compute(TreeEnsemble model, ReadOnlySpan<double> rows, ReadOnlySpan<double> labels, int repeats = 5, ulong seed = 42)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        int width = model.Features.Count, n = labels.Length;
        if (rows.Length != n * width)
            throw new ArgumentException($"{rows.Length} values do not make {n} rows of {width} features.", nameof(rows));
        var compiled = new CompiledEnsemble(model);
        var scores = new double[n];
        compiled.PredictRaw(rows, scores);
        // AUC depends only on the order of scores, so raw log-odds serve as well as probabilities.
        double baseline = RocAuc.Compute(scores, labels);
        var shuffled = rows.ToArray();
        var order = new int[n];
        var result = new PermutationDrop[width];
        for (int f = 0; f < width; f++)
        {
            var drops = new double[repeats];
            for (int k = 0; k < repeats; k++)
            {
                Shuffle(order, new SplitMix64(SplitMix64.Derive(seed, (ulong)(f * repeats + k))));
                for (int i = 0; i < n; i++) shuffled[i * width + f] = rows[order[i] * width + f];
                compiled.PredictRaw(shuffled, scores);
                drops[k] = baseline - RocAuc.Compute(scores, labels);
            }
            for (int i = 0; i < n; i++) shuffled[i * width + f] = rows[i * width + f];
            double mean = drops.Average();
            double sd = repeats == 1 ? 0 : Math.Sqrt(drops.Sum(d => (d - mean) * (d - mean)) / (repeats - 1));
            result[f] = new PermutationDrop(model.Features[f].Name, mean, sd, drops);
        }
        return result;
    }

    /// <summary>Fisher-Yates shuffle of 0..n-1.</summary>
    private static void Shuffle(int[] order, SplitMix64 random)
    {
        for (int i = 0; i < order.Length; i++) order[i] = i;
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
