using Microsoft.ML;
using Microsoft.ML.Data;
using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;
using Predictor.Training.Gbdt;
using Predictor.Training.MLNet.Conversion;
using Predictor.Training.MLNet.Learners;

namespace Predictor.Training.MLNet.Tests;

/// <summary>
/// The converted ensemble against ML.NET itself: ML.NET's fitted pipeline scores held-out rows with <c>Transform</c>,
/// our scorer scores the same rows (as doubles, NaN for missing) with the converted model.
/// </summary>
public sealed class ConversionTests
{
    [Theory]
    [InlineData(MLNetTrainer.FastTree)]
    [InlineData(MLNetTrainer.LightGbm)]
    public void Converted_raw_scores_equal_MLNet_Score_and_probabilities_equal_MLNet_Probability(MLNetTrainer trainer)
    {
        var train = Cohort.Make(3000, seed: 1);
        var heldOut = Cohort.Make(1000, seed: 2);
        var fit = new MLNetLearner(trainer).FitWithMLNet(train, GbdtPresets.Default with { Trees = 60, Leaves = 12, LearningRate = 0.2, MinRowsPerLeaf = 10, MaxBins = 255 }, threads: 2);
        var scored = fit.Pipeline.Transform(CohortDataView.Load(fit.Context, heldOut, fit.RawSlots));
        var score = scored.GetColumn<float>("Score").ToArray();
        var probability = scored.GetColumn<float>("Probability").ToArray();

        for (int r = 0; r < heldOut.RowCount; r++)
        {
            var row = heldOut.Row(r);
            Assert.Equal(score[r], fit.Raw.PredictRaw(row), 1e-5);
            Assert.Equal(probability[r], fit.Calibrated.Predict(row), 1e-5);
        }
        // The pipeline's model carries the covers TreeSHAP needs, and they add up: every training row reaches a leaf.
        Assert.True(Predictor.Scoring.Explanations.TreeShap.CanExplain(fit.Calibrated));
        Assert.All(fit.Calibrated.Trees, t => Assert.Equal(train.RowCount, t.LeafCover!.Sum()));
        // The held-out rows exercise what the conversion has to get right.
        Assert.Contains(heldOut.Features[0].Values, double.IsNaN);
        Assert.Equal(Cohort.Stages.Length, heldOut.Features[2].Values.Where(v => !double.IsNaN(v)).Distinct().Count());
        Assert.Contains(heldOut.Features[2].Values, double.IsNaN);
        // And the trees really split on the missing indicator and on the categories (else the test proves less than it says).
        var splitFeatures = fit.Raw.Trees.SelectMany(t => Enumerable.Range(0, t.NodeCount).Select(n => (t, n))).ToList();
        Assert.Contains(splitFeatures, x => x.t.IsCategorical(x.n));
        Assert.Contains(splitFeatures, x => x.t.Threshold[x.n] == double.MaxValue);
    }

    [Fact]
    public void A_threshold_routes_doubles_as_MLNet_routes_their_float_rounding()
    {
        var random = new Random(7);
        for (int i = 0; i < 100_000; i++)
        {
            float t = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4)));
            double d = MLNetTreeConverter.LargestDoubleRoundingAtOrBelow(t);
            Assert.True((float)d <= t);
            Assert.True((float)Math.BitIncrement(d) > t);
        }
    }
}

/// <summary>A small synthetic cohort: two numeric labs with missing values, a binary flag and a categorical stage.</summary>
internal static class Cohort
{
    public static readonly string[] Stages = ["A", "B", "C", "D"];

    public static TrainingSet Make(int rows, int seed)
    {
        var random = new Random(seed);
        var afp = new double[rows];
        var albumin = new double[rows];
        var stage = new double[rows];
        var labels = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            double a = random.NextDouble() * 4;
            double b = 30 + random.NextDouble() * 15;
            int s = random.Next(Stages.Length);
            bool afpMissing = random.NextDouble() < 0.15;
            double logit = -1 + 0.8 * a - 0.05 * (b - 37) + (s >= 2 ? 1.0 : 0) + (afpMissing ? 0.7 : 0);
            labels[r] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
            afp[r] = afpMissing ? double.NaN : Math.Round(a, 2);
            albumin[r] = random.NextDouble() < 0.05 ? double.NaN : Math.Round(b, 1);
            stage[r] = random.NextDouble() < 0.05 ? double.NaN : s;
        }
        return new TrainingSet(
        [
            new FeatureColumn("log_afp", afp),
            new FeatureColumn("albumin", albumin),
            new FeatureColumn("stage", FeatureKind.Categorical, stage, Stages),
        ], labels);
    }
}
