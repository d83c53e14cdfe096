using Predictor.Training.Evaluation;
using Xunit;

namespace Predictor.Training.Tests.Evaluation;

public sealed class CurveTests
{
    [Fact]
    public void RocCurveOfAHandCaseHasTheExpectedVertices()
    {
        // Scores 0.9 (pos), 0.8 (neg), 0.7 (pos), 0.7 (neg), 0.2 (neg): a tie moves the curve diagonally.
        var curve = RocCurve.Compute([0.9, 0.8, 0.7, 0.7, 0.2], [1, 0, 1, 0, 0]);
        var vertices = curve.Select(p => (p.FalsePositiveRate, p.TruePositiveRate)).ToList();
        Assert.Equal([(0.0, 0.0), (0, 0.5), (1 / 3.0, 0.5), (2 / 3.0, 1), (1, 1)], vertices, new TupleComparer());
        Assert.Equal(0.9, curve[1].Threshold);
    }

    [Fact]
    public void TrapezoidalAreaEqualsMannWhitneyAucWithTies()
    {
        var random = new Random(7);
        var scores = Enumerable.Range(0, 300).Select(_ => Math.Round(random.NextDouble(), 1)).ToArray();
        var labels = scores.Select(s => random.NextDouble() < s ? 1.0 : 0.0).ToArray();
        Assert.Equal(RocAuc.Compute(scores, labels), RocCurve.Area(RocCurve.Compute(scores, labels)), 12);
    }

    [Fact]
    public void WilsonIntervalMatchesPublishedValues()
    {
        // R: prop.test(5, 10, correct = FALSE)$conf.int -> 0.2365931 0.7634069; binom::binom.wilson(0, 10) -> 0, 0.2775328.
        var (lo, hi) = CalibrationCurve.Wilson(5, 10);
        Assert.Equal(0.2365931, lo, 6);
        Assert.Equal(0.7634069, hi, 6);
        var (zeroLo, zeroHi) = CalibrationCurve.Wilson(0, 10);
        Assert.Equal(0, zeroLo, 12);
        Assert.Equal(0.2775328, zeroHi, 6);
    }

    [Fact]
    public void CalibrationGroupsAreEqualSizedInOrderOfPrediction()
    {
        double[] p = [0.9, 0.1, 0.2, 0.8, 0.3, 0.7];
        double[] y = [1, 0, 1, 1, 0, 0];
        var groups = CalibrationCurve.Groups(p, y, 3);
        Assert.Equal([2, 2, 2], groups.Select(g => g.Count));
        Assert.Equal([0.15, 0.5, 0.85], groups.Select(g => Math.Round(g.MeanPredicted, 12)));
        Assert.Equal([0.5, 0, 1], groups.Select(g => g.Observed));
        Assert.All(groups, g => Assert.InRange(g.Observed, g.Lower, g.Upper));
        Assert.Throws<ArgumentOutOfRangeException>(() => CalibrationCurve.Groups(p, y, 7));
    }

    [Fact]
    public void SmoothedCurveFollowsAPerfectlyCalibratedModel()
    {
        var random = new Random(3);
        var p = Enumerable.Range(0, 4000).Select(_ => 0.1 + 0.8 * random.NextDouble()).ToArray();
        var y = p.Select(v => random.NextDouble() < v ? 1.0 : 0.0).ToArray();
        var curve = CalibrationCurve.Smoothed(p, y, 20);
        // Away from the ends (where a kernel smooth is biased inwards) the curve stays near the diagonal.
        Assert.All(curve.Where(c => c.Predicted is > 0.25 and < 0.75), c => Assert.InRange(c.Observed - c.Predicted, -0.06, 0.06));
    }

    [Fact]
    public void RocBandSurroundsTheCurveAndIsReproducible()
    {
        var random = new Random(11);
        var scores = Enumerable.Range(0, 200).Select(_ => random.NextDouble()).ToArray();
        var labels = scores.Select(s => random.NextDouble() < s ? 1.0 : 0.0).ToArray();
        var band = RocBand.Compute(scores, labels, 200, 5);
        var curve = RocCurve.Compute(scores, labels);
        var inside = band.FalsePositiveRate.Select((f, i) => RocBand.SensitivityAt(curve, f) is var s && s >= band.Lower[i] - 1e-12 && s <= band.Upper[i] + 1e-12).Count(x => x);
        Assert.True(inside >= band.FalsePositiveRate.Count - 2, $"the curve lies inside its band at only {inside} of {band.FalsePositiveRate.Count} points");
        Assert.All(Enumerable.Range(0, band.Lower.Count), i => Assert.True(band.Lower[i] <= band.Upper[i]));
        Assert.Equal(band.Upper, RocBand.Compute(scores, labels, 200, 5).Upper);
        Assert.NotEqual(band.Upper, RocBand.Compute(scores, labels, 200, 6).Upper);
    }

    private sealed class TupleComparer : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) a, (double, double) b) => Math.Abs(a.Item1 - b.Item1) < 1e-9 && Math.Abs(a.Item2 - b.Item2) < 1e-9;

        public int GetHashCode((double, double) obj) => 0;
    }
}
