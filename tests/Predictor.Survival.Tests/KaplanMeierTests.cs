using Predictor.Survival.Data;
using Predictor.Survival.KaplanMeier;

namespace Predictor.Survival.Tests;

/// <summary>Kaplan–Meier figures against R 4.2.2 / survival 3.5.3 (R-survival-3.5.3-output.txt, survival_reference.R).</summary>
public class KaplanMeierTests
{
    private static readonly ReferenceData Lung = ReferenceData.Load("lung.csv");

    [Fact]
    public void Lung_overall_median_and_log_interval_match_R()
    {
        // print(survfit(Surv(time,status)~1, lung)): n 228 events 165 median 310 (285, 363)
        var curve = KaplanMeierEstimator.Fit(Lung.Surv("time", "status"));
        Assert.Equal(228, curve.Count);
        Assert.Equal(165, curve.TotalEvents);
        var median = curve.Median();
        Assert.Equal(310, median.Estimate);
        Assert.Equal(285, median.Lower);
        Assert.Equal(363, median.Upper);
    }

    [Fact]
    public void Lung_status_is_detected_as_R_one_two_coding()
    {
        var coding = EventCoding.Detect("status", Lung.Numbers("status"));
        Assert.Equal(EventCodingKind.OneTwo, coding.Kind);
        Assert.Contains("2 = event", coding.Describe("status"), StringComparison.Ordinal);
    }

    [Theory]
    // survfit(Surv(time,status)~sex, lung, conf.type=...): medians 270 / 426 with the printed limits.
    [InlineData(ConfidenceType.Log, 212, 310, 348, 550)]
    [InlineData(ConfidenceType.LogLog, 210, 306, 345, 524)]
    [InlineData(ConfidenceType.Plain, 212, 306, 345, 524)]
    public void Lung_by_sex_medians_match_R_for_each_interval_type(ConfidenceType type, double lcl1, double ucl1, double lcl2, double ucl2)
    {
        var groups = Grouping.FromLabels(Lung.Text("sex"), "sex");
        var curves = KaplanMeierEstimator.FitGroups(Lung.Surv("time", "status"), groups, type);
        Assert.Equal(["1", "2"], groups.Levels);
        Assert.Equal((138, 112), (curves[0].Count, curves[0].TotalEvents));
        Assert.Equal((90, 53), (curves[1].Count, curves[1].TotalEvents));
        Assert.Equal(new SurvivalQuantile(0.5, 270, lcl1, ucl1), curves[0].Median());
        Assert.Equal(new SurvivalQuantile(0.5, 426, lcl2, ucl2), curves[1].Median());
    }

    [Fact]
    public void Lung_first_six_event_times_match_R_summary()
    {
        // summary(survfit(Surv(time,status)~1, lung)), first six rows: time n.risk n.event surv std.err lower upper
        double[,] r =
        {
            { 5, 228, 1, 0.9956140, 0.004376336, 0.9870734, 1.0000000 },
            { 11, 227, 3, 0.9824561, 0.008694643, 0.9655619, 0.9996460 },
            { 12, 224, 1, 0.9780702, 0.009699183, 0.9592437, 0.9972662 },
            { 13, 223, 2, 0.9692982, 0.011424650, 0.9471630, 0.9919508 },
            { 15, 221, 1, 0.9649123, 0.012185800, 0.9413217, 0.9890941 },
            { 26, 220, 1, 0.9605263, 0.012895585, 0.9355811, 0.9861367 },
        };
        var curve = KaplanMeierEstimator.Fit(Lung.Surv("time", "status"));
        var eventPoints = Enumerable.Range(0, curve.Time.Count).Where(i => curve.Events[i] > 0).Take(6).ToArray();
        for (int k = 0; k < 6; k++)
        {
            int i = eventPoints[k];
            Assert.Equal(r[k, 0], curve.Time[i]);
            Assert.Equal(r[k, 1], curve.AtRisk[i]);
            Assert.Equal(r[k, 2], curve.Events[i]);
            Printed.Equal(r[k, 3], curve.Survival[i], 7, "surv");
            Printed.Significant(r[k, 4], curve.StdErr(i), 7, "std.err");
            Printed.Equal(r[k, 5], curve.Lower[i], 7, "lower");
            Printed.Equal(r[k, 6], curve.Upper[i], 7, "upper");
        }
    }

    [Fact]
    public void Lung_survival_at_180_365_730_days_matches_R_summary()
    {
        // summary(survfit(Surv(time,status)~1, lung), times=c(180,365,730))
        var rows = KaplanMeierEstimator.Fit(Lung.Surv("time", "status")).At([180, 365, 730]);
        (int risk, int events, double surv, double se, double lo, double hi)[] r =
        [
            (160, 63, 0.722, 0.0298, 0.6655, 0.783),
            (65, 58, 0.409, 0.0358, 0.3447, 0.486),
            (13, 38, 0.116, 0.0283, 0.0716, 0.187),
        ];
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(r[k].risk, rows[k].AtRisk);
            Assert.Equal(r[k].events, rows[k].Events);
            Printed.Significant(r[k].surv, rows[k].Survival, 3, "survival");
            Printed.Significant(r[k].se, rows[k].StdErr, 3, "std.err");
            Printed.Significant(r[k].lo, rows[k].Lower, k == 2 ? 3 : 4, "lower"); // R prints 0.6655, 0.3447, 0.0716
            Printed.Significant(r[k].hi, rows[k].Upper, 3, "upper");
        }
    }

    [Fact]
    public void Veteran_by_treatment_medians_match_R_including_the_midpoint_rule()
    {
        // survfit(Surv(time,status)~trt, veteran): trt=1 103.0 (59, 132); trt=2 52.5 (44, 95)
        var veteran = ReferenceData.Load("veteran.csv");
        var curves = KaplanMeierEstimator.FitGroups(veteran.Surv("time", "status"), Grouping.FromLabels(veteran.Text("trt"), "trt"));
        Assert.Equal((69, 64), (curves[0].Count, curves[0].TotalEvents));
        Assert.Equal((68, 64), (curves[1].Count, curves[1].TotalEvents));
        Assert.Equal(new SurvivalQuantile(0.5, 103, 59, 132), curves[0].Median());
        Assert.Equal(new SurvivalQuantile(0.5, 52.5, 44, 95), curves[1].Median());
    }

    [Fact]
    public void Ovarian_by_rx_reports_unreached_limits_as_NaN()
    {
        // survfit(Surv(futime,fustat)~rx, ovarian): rx=1 638 (268, NA); rx=2 NA (475, NA)
        var ovarian = ReferenceData.Load("ovarian.csv");
        var curves = KaplanMeierEstimator.FitGroups(ovarian.Surv("futime", "fustat"), Grouping.FromLabels(ovarian.Text("rx"), "rx"));
        Assert.Equal((13, 7), (curves[0].Count, curves[0].TotalEvents));
        Assert.Equal((13, 5), (curves[1].Count, curves[1].TotalEvents));
        Assert.Equal(new SurvivalQuantile(0.5, 638, 268, double.NaN), curves[0].Median());
        Assert.Equal(new SurvivalQuantile(0.5, double.NaN, 475, double.NaN), curves[1].Median());
    }

    [Fact]
    public void Aml_medians_match_R()
    {
        // survfit(Surv(time,status)~x, aml): Maintained 31 (18, NA); Nonmaintained 23 (8, NA)
        var curves = KaplanMeierEstimator.FitGroups(Aml.Outcome, Aml.Groups);
        Assert.Equal(new SurvivalQuantile(0.5, 31, 18, double.NaN), curves[0].Median());
        Assert.Equal(new SurvivalQuantile(0.5, 23, 8, double.NaN), curves[1].Median());
    }

    [Fact]
    public void Hand_computed_small_curve()
    {
        // Times 1, 2+, 3, 3, 4: S(1) = 4/5, S(3) = 4/5 * 1/3, censored at 2 and the last point (4) an event.
        var data = new SurvivalData([3, 1, 2, 3, 4], [true, true, false, true, true]);
        var curve = KaplanMeierEstimator.Fit(data);
        Assert.Equal([1.0, 2, 3, 4], curve.Time);
        Assert.Equal([5, 4, 3, 1], curve.AtRisk);
        Assert.Equal(0.8, curve.Survival[0], 15);
        Assert.Equal(0.8 / 3, curve.Survival[2], 15);
        Assert.Equal(0.0, curve.Survival[3]);
        // Greenwood: 1/(5*4) + 2/(3*1)
        Assert.Equal(Math.Sqrt(1.0 / 20 + 2.0 / 3), curve.HazardStdErr[2], 14);
    }
}

/// <summary>R's <c>aml</c> data (survival package), hand-transcribed: its rows are not among the exported CSVs.</summary>
internal static class Aml
{
    // x = Maintained: 9, 13, 13+, 18, 23, 28+, 31, 34, 45+, 48, 161+ ; Nonmaintained: 5, 5, 8, 8, 12, 16+, 23, 27, 30, 33, 43, 45
    private static readonly double[] Times = [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161, 5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45];
    private static readonly bool[] Status =
    [
        true, true, false, true, true, false, true, true, false, true, false,
        true, true, true, true, true, false, true, true, true, true, true, true,
    ];

    public static SurvivalData Outcome => new(Times, Status);

    public static Grouping Groups => new([.. Enumerable.Range(0, 23).Select(i => i < 11 ? 0 : 1)], ["Maintained", "Nonmaintained"], "x");
}
