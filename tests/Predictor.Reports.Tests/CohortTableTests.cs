using Predictor.Reports.Training;
using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;
using Xunit;

namespace Predictor.Reports.Tests;

public sealed class CohortTableTests
{
    private const double NaN = double.NaN;

    // Ten patients, five resistant (rows 0, 1, 3, 5, 7).
    private static readonly double[] Labels = [1, 1, 0, 1, 0, 1, 0, 1, 0, 0];

    private static TrainingSet Data() => new(
    [
        new FeatureColumn("tumor_size_cm", [7.9, 17, 3.2, NaN, 5.5, 12.1, 2.0, 8.8, NaN, 4.4]),
        new FeatureColumn("microvascular_invasion", [1, 1, 0, 1, 0, NaN, 0, 1, 1, 0]),
        new FeatureColumn("etiology", FeatureKind.Categorical, [0, 1, 2, 0, NaN, 1, 0, 0, 2, 1], ["HBV", "HCV", "alcohol"]),
        new FeatureColumn("bclc_stage", [1, 2, 3, 2, 0, 1, 1, 2, 3, 0]),
        new FeatureColumn("ecog_ps", [0, 1, 0, 2, 1, 1, 0, 0, 1, 2]),
    ], Labels);

    [Fact]
    public void MeasurementsGetMedianAndQuartilesPerOutcome()
    {
        // Expected from numpy.percentile(..., [25, 50, 75]) (linear interpolation, R type 7) of the present values of each group.
        var row = CohortTable.Compute(Data(), new Dictionary<string, IReadOnlyList<string>>()).Single(r => r.Feature == "tumor_size_cm");
        Assert.Equal("cm", row.Unit);
        Assert.Equal(2, row.Missing);
        Assert.False(row.IsCount);
        (int Present, double Q1, double Median, double Q3)[] expected = [(4, 8.575, 10.45, 13.325), (4, 2.9, 3.8, 4.675), (8, 4.1, 6.7, 9.625)];
        for (int g = 0; g < 3; g++)
        {
            Assert.Equal(expected[g].Present, row.Groups[g].Present);
            Assert.Equal(expected[g].Q1, row.Groups[g].Lower, 12);
            Assert.Equal(expected[g].Median, row.Groups[g].Median, 12);
            Assert.Equal(expected[g].Q3, row.Groups[g].Upper, 12);
        }
    }

    [Fact]
    public void YesNoAndCategoriesAreCountedOnThePatientsWithAValue()
    {
        var rows = CohortTable.Compute(Data(), new Dictionary<string, IReadOnlyList<string>> { ["bclc_stage"] = ["0", "A", "B", "C", "D"] });
        // microvascular_invasion = yes: resistant rows 0, 1, 3, 7 (row 5 missing) of 4 present; not resistant row 8 of 5.
        var mvi = rows.Single(r => r.Feature == "microvascular_invasion");
        Assert.Equal(("yes", 1), (mvi.Level, mvi.Missing));
        Assert.Equal([(4, 4), (1, 5), (5, 9)], mvi.Groups.Select(g => (g.Count, g.Present)));

        // A category: a heading row with the missing count, then one row per level.
        var etiology = rows.Where(r => r.Feature == "etiology").ToList();
        Assert.Equal([null, "HBV", "HCV", "alcohol"], etiology.Select(r => r.Level));
        Assert.Equal(1, etiology[0].Missing);
        Assert.Equal([(3, 5), (1, 4), (4, 9)], etiology[1].Groups.Select(g => (g.Count, g.Present)));
        Assert.Equal([(0, 5), (2, 4), (2, 9)], etiology[3].Groups.Select(g => (g.Count, g.Present)));

        // An ordered category held as codes gets its level names back; a level nobody has is still shown.
        var stage = rows.Where(r => r.Feature == "bclc_stage").ToList();
        Assert.Equal([null, "0", "A", "B", "C", "D"], stage.Select(r => r.Level));
        Assert.Equal([0, 0, 0], stage[5].Groups.Select(g => g.Count));
        Assert.Equal([(3, 5), (0, 5), (3, 10)], stage[3].Groups.Select(g => (g.Count, g.Present)));

        // A few whole values (ECOG 0-2) are counted per value.
        Assert.Equal([null, "0", "1", "2"], rows.Where(r => r.Feature == "ecog_ps").Select(r => r.Level));
        Assert.Equal(0.4, rows.Single(r => r.Feature == "ecog_ps" && r.Level == "0").Groups[2].Share, 12);
    }

    [Fact]
    public void QuantileIsRType7()
    {
        // R: quantile(c(1, 2, 4, 10), c(0.25, 0.5, 0.75)) gives 1.75, 3, 5.5.
        double[] sorted = [1, 2, 4, 10];
        Assert.Equal(1.75, Quantiles.Type7(sorted, 0.25), 12);
        Assert.Equal(3, Quantiles.Type7(sorted, 0.5), 12);
        Assert.Equal(5.5, Quantiles.Type7(sorted, 0.75), 12);
        Assert.Equal(7, Quantiles.Type7([7], 0.25));
        Assert.True(double.IsNaN(Quantiles.Type7([], 0.5)));
    }
}
