using Predictor.Scoring.Trees;
using Predictor.Training.Evaluation;

namespace Predictor.Training.Tests.Evaluation;

public class PermutationImportanceTests
{
    // Scores depend on "signal" only: signal > 0.5 -> +2, else -2. "ignored" never splits.
    private static TreeEnsemble StepModel() => new(
        [new ModelFeature("ignored", FeatureKind.Numeric), new ModelFeature("signal", FeatureKind.Numeric)],
        [new RegressionTree([1], [0.5], [true], [-1], [-2], [null], [-2.0, 2.0])], 0);

    private static (double[] Rows, double[] Labels) Data(int n, int seed)
    {
        var random = new Random(seed);
        var rows = new double[n * 2];
        var labels = new double[n];
        for (int i = 0; i < n; i++)
        {
            rows[i * 2] = random.NextDouble();
            rows[i * 2 + 1] = random.NextDouble();
            labels[i] = rows[i * 2 + 1] > 0.5 ? 1 : 0;
        }
        return (rows, labels);
    }

    [Fact]
    public void Shuffling_a_feature_the_model_ignores_changes_nothing_and_shuffling_the_signal_drops_auc_by_about_half()
    {
        var (rows, labels) = Data(2000, 1);
        var drops = PermutationImportance.Compute(StepModel(), rows, labels, repeats: 4, seed: 7);
        Assert.Equal(("ignored", 0.0, 0.0), (drops[0].Feature, drops[0].MeanAucDrop, drops[0].StandardDeviation));
        // Baseline AUC is 1; with the signal shuffled the step score is independent of the label, so AUC ~ 0.5.
        Assert.Equal("signal", drops[1].Feature);
        Assert.InRange(drops[1].MeanAucDrop, 0.45, 0.55);
        Assert.Equal(4, drops[1].Drops.Count);
        Assert.True(drops[1].StandardDeviation > 0);
    }

    [Fact]
    public void Results_repeat_for_a_seed_differ_across_seeds_and_leave_the_input_untouched()
    {
        var (rows, labels) = Data(500, 2);
        var copy = rows.ToArray();
        var first = PermutationImportance.Compute(StepModel(), rows, labels, repeats: 3, seed: 11);
        var again = PermutationImportance.Compute(StepModel(), rows, labels, repeats: 3, seed: 11);
        var other = PermutationImportance.Compute(StepModel(), rows, labels, repeats: 3, seed: 12);
        Assert.Equal(first[1].Drops, again[1].Drops);
        Assert.NotEqual(first[1].Drops, other[1].Drops);
        Assert.Equal(copy, rows);
        Assert.Throws<ArgumentException>(() => PermutationImportance.Compute(StepModel(), rows.AsSpan(1), labels));
        Assert.Throws<ArgumentOutOfRangeException>(() => PermutationImportance.Compute(StepModel(), rows, labels, repeats: 0));
    }
}
