using Predictor.Data.Errors;
using Predictor.Training.Statistics;

namespace Predictor.Training.Validation;

/// <summary>
/// Stratified K-fold: rows of each class are shuffled with the seed and dealt round-robin to the folds, so every fold
/// holds about the same share of positives as the whole data (essential when a cohort has 21 resistant patients).
/// </summary>
public static class StratifiedKFold
{
    /// <summary>The test rows of each fold, sorted; together they cover every row once.</summary>
    public static IReadOnlyList<int[]> Split(ReadOnlySpan<double> labels, int folds, ulong seed)
    {
        if (folds < 2) throw new PredictorInputException($"Cross-validation needs at least 2 folds (got {folds}).");
        int positives = 0;
        foreach (var y in labels) if (y == 1) positives++;
        int negatives = labels.Length - positives;
        int smaller = Math.Min(positives, negatives);
        if (smaller < folds)
            throw new PredictorInputException(
                $"Too few rows for {folds}-fold cross-validation: the rarer class has {smaller} row(s); each fold needs at least one of each class.");
        var random = new SplitMix64(seed);
        var buckets = Enumerable.Range(0, folds).Select(_ => new List<int>()).ToArray();
        int next = 0;
        foreach (var cls in new[] { 1.0, 0.0 })
        {
            var rows = new List<int>();
            for (int i = 0; i < labels.Length; i++) if (labels[i] == cls) rows.Add(i);
            for (int i = rows.Count - 1; i > 0; i--)
            {
                int j = random.NextInt(i + 1);
                (rows[i], rows[j]) = (rows[j], rows[i]);
            }
            // Continue dealing where the previous class stopped so fold sizes stay within one of each other.
            foreach (var row in rows)
            {
                buckets[next].Add(row);
                next = (next + 1) % folds;
            }
        }
        return [.. buckets.Select(b => { var a = b.ToArray(); Array.Sort(a); return a; })];
    }

    /// <summary>Every row of 0..<paramref name="rowCount"/> not in <paramref name="testRows"/>, sorted.</summary>
    public static int[] Complement(int[] testRows, int rowCount)
    {
        var inTest = new bool[rowCount];
        foreach (var r in testRows) inTest[r] = true;
        var rest = new int[rowCount - testRows.Length];
        int k = 0;
        for (int r = 0; r < rowCount; r++) if (!inTest[r]) rest[k++] = r;
        return rest;
    }
}
