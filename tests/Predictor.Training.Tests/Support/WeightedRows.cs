using Predictor.Training.DataSets;

namespace Predictor.Training.Tests.Support;

/// <summary>Weighted sets and their frequency-weight twins: each row repeated as many times as its integer weight.</summary>
internal static class WeightedRows
{
    /// <summary>Integer weights 0 to <paramref name="largest"/> drawn from the seed (zeros drop a row from its twin).</summary>
    public static int[] Counts(int rows, int seed, int largest = 3)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, rows).Select(_ => random.Next(largest + 1))];
    }

    public static TrainingSet WithWeights(TrainingSet data, IEnumerable<double> weights) =>
        new(data.Features, data.Labels, [.. weights]);

    /// <summary>The rows repeated by <paramref name="counts"/>, in their order (row 0's copies first).</summary>
    public static TrainingSet Repeated(TrainingSet data, IReadOnlyList<int> counts) =>
        data.SelectRows(RepeatedIndices(counts));

    /// <summary>Each original row's index repeated by its count.</summary>
    public static int[] RepeatedIndices(IReadOnlyList<int> counts) =>
        [.. counts.SelectMany((count, row) => Enumerable.Repeat(row, count))];

    /// <summary>Where each original row's copies went in the repeated set, for carrying folds across.</summary>
    public static int[] MapFold(int[] fold, IReadOnlyList<int> counts)
    {
        var first = new int[counts.Count];
        for (int r = 1; r < counts.Count; r++) first[r] = first[r - 1] + counts[r - 1];
        return [.. fold.SelectMany(r => Enumerable.Range(first[r], counts[r]))];
    }
}
