using Predictor.Survival.Comparison;
using Predictor.Survival.Data;

namespace Predictor.Survival.Tests;

/// <summary>survdiff figures against R-survival-3.5.3-output.txt (survival_reference.R).</summary>
public class LogRankTests
{
    private static readonly ReferenceData Lung = ReferenceData.Load("lung.csv");

    [Fact]
    public void Lung_log_rank_by_sex_matches_R()
    {
        // survdiff(Surv(time,status)~sex, lung): O 112/53, E 91.6/73.4, (O-E)^2/E 4.55/5.68, (O-E)^2/V 10.3, Chisq 10.3, p 0.001
        var r = LogRankTest.Compute(Lung.Surv("time", "status"), Grouping.FromLabels(Lung.Text("sex"), "sex"));
        Assert.Equal("log-rank", r.TestName);
        Assert.Equal((138, 90), (r.Groups[0].Count, r.Groups[1].Count));
        Assert.Equal(112, r.Groups[0].Observed, 12);
        Assert.Equal(53, r.Groups[1].Observed, 12);
        Printed.Equal(91.6, r.Groups[0].Expected, 1);
        Printed.Equal(73.4, r.Groups[1].Expected, 1);
        Printed.Equal(4.55, r.Groups[0].ChiSquareByExpected, 2);
        Printed.Equal(5.68, r.Groups[1].ChiSquareByExpected, 2);
        Printed.Equal(10.3, r.Groups[0].ChiSquareByVariance, 1);
        Printed.Equal(10.3, r.ChiSquare, 1);
        Assert.Equal(1, r.DegreesOfFreedom);
        Printed.Significant(0.001, r.PValue, 1, "p");
        // The observed-minus-expected totals cancel, so both groups see the same variance.
        Assert.Equal(r.Groups[0].Variance, r.Groups[1].Variance, 10);
    }

    [Fact]
    public void Lung_Peto_Peto_by_sex_matches_R()
    {
        // survdiff(..., rho=1): O 70.4/28.7, E 55.6/43.5, (O-E)^2/E 3.95/5.04, (O-E)^2/V 12.7, Chisq 12.7, p 4e-04
        var r = LogRankTest.Compute(Lung.Surv("time", "status"), Grouping.FromLabels(Lung.Text("sex"), "sex"), rho: 1);
        Assert.Equal("Peto-Peto", r.TestName);
        Printed.Equal(70.4, r.Groups[0].Observed, 1);
        Printed.Equal(28.7, r.Groups[1].Observed, 1);
        Printed.Equal(55.6, r.Groups[0].Expected, 1);
        Printed.Equal(43.5, r.Groups[1].Expected, 1);
        Printed.Equal(3.95, r.Groups[0].ChiSquareByExpected, 2);
        Printed.Equal(5.04, r.Groups[1].ChiSquareByExpected, 2);
        Printed.Equal(12.7, r.Groups[1].ChiSquareByVariance, 1);
        Printed.Equal(12.7, r.ChiSquare, 1);
        Printed.Significant(4e-4, r.PValue, 1, "p");
    }

    [Fact]
    public void Veteran_ovarian_and_aml_log_rank_match_R()
    {
        var veteran = ReferenceData.Load("veteran.csv");
        var v = LogRankTest.Compute(veteran.Surv("time", "status"), Grouping.FromLabels(veteran.Text("trt"), "trt"));
        // trt: E 64.5/63.5, (O-E)^2/E 0.00388/0.00394, (O-E)^2/V 0.00823, Chisq 0 (printed to 1 decimal), p 0.9
        Printed.Equal(64.5, v.Groups[0].Expected, 1);
        Printed.Equal(63.5, v.Groups[1].Expected, 1);
        Printed.Significant(0.00388, v.Groups[0].ChiSquareByExpected, 3);
        Printed.Significant(0.00394, v.Groups[1].ChiSquareByExpected, 3);
        Printed.Significant(0.00823, v.Groups[0].ChiSquareByVariance, 3);
        Printed.Equal(0, v.ChiSquare, 1);
        Printed.Significant(0.9, v.PValue, 1);

        var ovarian = ReferenceData.Load("ovarian.csv");
        var o = LogRankTest.Compute(ovarian.Surv("futime", "fustat"), Grouping.FromLabels(ovarian.Text("rx"), "rx"));
        // rx: O 7/5, E 5.23/6.77, 0.596/0.461, 1.06, Chisq 1.1, p 0.3
        Printed.Equal(5.23, o.Groups[0].Expected, 2);
        Printed.Equal(6.77, o.Groups[1].Expected, 2);
        Printed.Equal(0.596, o.Groups[0].ChiSquareByExpected, 3);
        Printed.Equal(0.461, o.Groups[1].ChiSquareByExpected, 3);
        Printed.Equal(1.06, o.Groups[0].ChiSquareByVariance, 2);
        Printed.Equal(1.1, o.ChiSquare, 1);
        Printed.Significant(0.3, o.PValue, 1);

        var a = LogRankTest.Compute(Aml.Outcome, Aml.Groups);
        // x: O 7/11, E 10.69/7.31, 1.27/1.86, 3.4, Chisq 3.4, p 0.07
        Printed.Equal(10.69, a.Groups[0].Expected, 2);
        Printed.Equal(7.31, a.Groups[1].Expected, 2);
        Printed.Equal(1.27, a.Groups[0].ChiSquareByExpected, 2);
        Printed.Equal(1.86, a.Groups[1].ChiSquareByExpected, 2);
        Printed.Equal(3.4, a.ChiSquare, 1);
        Printed.Significant(0.07, a.PValue, 1);
    }

    [Fact]
    public void Three_groups_give_two_degrees_of_freedom_and_match_the_two_group_total()
    {
        // veteran celltype has four levels: a 3-df test; observed totals equal expected totals.
        var veteran = ReferenceData.Load("veteran.csv");
        var r = LogRankTest.Compute(veteran.Surv("time", "status"), Grouping.FromLabels(veteran.Text("celltype"), "celltype"));
        Assert.Equal(3, r.DegreesOfFreedom);
        Assert.Equal(r.Groups.Sum(g => g.Observed), r.Groups.Sum(g => g.Expected), 9);
        Assert.True(r.ChiSquare > 0);
    }
}
