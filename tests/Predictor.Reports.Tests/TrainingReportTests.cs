using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Predictor.Reports.Training;
using Predictor.Scoring.Explanations;
using Predictor.Training.DataSets;
using Predictor.Training.Evaluation;
using Predictor.Training.Gbdt;
using Predictor.Training.Pipeline;
using Predictor.Training.SampleSize;
using Predictor.Training.Tests.Support;
using Xunit;

namespace Predictor.Reports.Tests;

/// <summary>Fits the pipeline once on a small cohort (with a constant feature, to provoke an audit warning) and builds the report.</summary>
public sealed class TrainedReportFixture
{
    public TrainedReportFixture()
    {
        var cohort = SyntheticCohort.Generate(120, 17);
        Data = new TrainingSet([.. cohort.Features, new FeatureColumn("constant_marker", Enumerable.Repeat(5.0, 120).ToArray())], cohort.Labels);
        Options = new PipelineOptions { Folds = 3, Threads = 1, Seed = 9 };
        Result = ClinicalPipeline.Fit(Data, Options);
        double prevalence = Data.Labels.Average();
        SampleSize = SampleSizeRequirement.Compute(6, prevalence, CoxSnellFromCStatistic.Compute(0.75, prevalence));
        Input = new TrainingReportInput("cohort.csv", "resistant_6m", Data, Result, Options, SampleSize, null);
        Html = TrainingReport.Build(Input);
    }

    public TrainingSet Data { get; }

    public PipelineOptions Options { get; }

    public PipelineResult Result { get; }

    public SampleSizeRequirement SampleSize { get; }

    public TrainingReportInput Input { get; }

    public string Html { get; }
}

public sealed class TrainingReportTests(TrainedReportFixture fixture) : IClassFixture<TrainedReportFixture>
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private IReadOnlyList<XElement> Charts() =>
        [.. Regex.Matches(fixture.Html, "<svg.*?</svg>", RegexOptions.Singleline).Select(m => XElement.Parse(m.Value))];

    private XElement Chart(string id) => Charts().Single(c => (string?)c.Attribute("id") == id);

    [Fact]
    public void EverySectionAndChartIsPresentAndEveryChartIsWellFormedXml()
    {
        foreach (var id in new[] { "cohort", "table-1", "linear-terms", "performance", "charts", "explanations", "thresholds", "sample-size", "settings", "fingerprint" })
            Assert.Contains($"<h2 id=\"{id}\">", fixture.Html, StringComparison.Ordinal);
        var charts = Charts();
        Assert.Equal([RocChart.Id, CalibrationChart.Id, DecisionCurveChart.Id, ImportanceChart.Id, ShapSummaryChart.Id], charts.Select(c => (string?)c.Attribute("id")));
        Assert.All(charts, c => Assert.False(string.IsNullOrWhiteSpace(c.Element(Svg + "title")?.Value)));
    }

    [Fact]
    public void ReportIsSelfContainedAndHoldsNoExternalReference()
    {
        var html = fixture.Html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal);
        Assert.DoesNotMatch("(?i)https?://|<script|<link|<img|<iframe|@import|url\\(|src=|href=", html);
    }

    [Fact]
    public void RocLegendAndCaptionUseTheOutOfFoldPredictions()
    {
        var cv = fixture.Result.CrossValidated;
        // The out-of-fold probabilities the report draws are the ones the cross-validated summary scored.
        Assert.Equal(cv.Auc.Auc, RocAuc.Compute([.. fixture.Result.OutOfFold], fixture.Data.Labels), 12);
        Assert.NotEqual(fixture.Result.Apparent.Auc.Auc, cv.Auc.Auc);
        var texts = Chart(RocChart.Id).Descendants(Svg + "text").Select(t => t.Value).ToList();
        string expected = string.Create(CultureInfo.InvariantCulture, $"Model: AUC {cv.Auc.Auc:F3} (95% CI {cv.Auc.Lower:F3}–{cv.Auc.Upper:F3}, DeLong)");
        Assert.Contains(expected, texts);
        Assert.Contains("ROC curve (out-of-fold predictions)", texts);
        // The drawn curve has one vertex per distinct out-of-fold probability, plus the origin.
        var curve = Chart(RocChart.Id).Descendants(Svg + "polyline").Select(p => ((string)p.Attribute("points")!).Split(' ').Length).Max();
        Assert.Equal(fixture.Result.OutOfFold.Distinct().Count() + 1, curve);
    }

    [Fact]
    public void CalibrationChartStatesTheCrossValidatedInterceptAndSlope()
    {
        var c = fixture.Result.CrossValidated.Calibration;
        var title = Chart(CalibrationChart.Id).Element(Svg + "title")!.Value;
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"Calibration (out-of-fold): intercept {c.Intercept:F2}, slope {c.Slope:F2}"), title);
        // 120 rows: six groups of twenty, each with its whisker.
        Assert.Equal(6, Chart(CalibrationChart.Id).Descendants(Svg + "circle").Count() - 1);
    }

    [Fact]
    public void ThresholdTableHighlightsTheChosenThresholdWithTheCrossValidatedMetrics()
    {
        var m = fixture.Result.CrossValidated.AtThreshold;
        var row = Regex.Match(fixture.Html, "<tr class=\"highlight\">(.*?)</tr>").Groups[1].Value;
        var cells = Regex.Matches(row, "<td>(.*?)</td>").Select(x => x.Groups[1].Value).ToList();
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{fixture.Result.Model.Threshold:F3}"), cells[0]);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{100 * m.Sensitivity:F1}%"), cells[2]);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{100 * m.Specificity:F1}%"), cells[3]);
        Assert.Contains("Youden", fixture.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void ChosenThresholdTableGivesWilsonIntervalsOnTheOutOfFoldCounts()
    {
        // Counted here from the out-of-fold probabilities, not taken from the pipeline's summary.
        double t = fixture.Result.Model.Threshold;
        var oof = fixture.Result.OutOfFold;
        var y = fixture.Data.Labels;
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < y.Length; i++)
        {
            if (oof[i] >= t) { if (y[i] == 1) tp++; else fp++; }
            else if (y[i] == 1) fn++;
            else tn++;
        }
        string Row(string name, int k, int n)
        {
            // The Wilson bounds written out as the closed form (centre ± half-width), independently of WilsonInterval.
            double z = 1.959963984540054, p = k / (double)n, d = 1 + z * z / n;
            double centre = (p + z * z / (2 * n)) / d, half = z * Math.Sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / d;
            return string.Create(CultureInfo.InvariantCulture,
                $"<td>{name}</td><td>{100.0 * k / n:F1}%</td><td>{100 * Math.Max(0, centre - half):F1}%–{100 * Math.Min(1, centre + half):F1}%</td>");
        }
        Assert.Contains(Row("Sensitivity", tp, tp + fn), fixture.Html, StringComparison.Ordinal);
        Assert.Contains(Row("Specificity", tn, tn + fp), fixture.Html, StringComparison.Ordinal);
        Assert.Contains(Row("PPV", tp, tp + fp), fixture.Html, StringComparison.Ordinal);
        Assert.Contains(Row("NPV", tn, tn + fn), fixture.Html, StringComparison.Ordinal);
        Assert.Contains($"<td>{tp} of {tp + fn} resistant predicted resistant</td>", fixture.Html, StringComparison.Ordinal);
        Assert.Contains("Wilson score method", fixture.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutTheBootstrapTheReportSaysWhyAndNamesTheOptionThatRunsIt()
    {
        // The fixture ran no bootstrap on 120 rows: only an explicit --bootstrap 0 does that.
        Assert.Contains("<p>Optimism bootstrap: off (turned off with --bootstrap 0). Turn it on with the train option --bootstrap 200;", fixture.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Optimism-corrected (bootstrap)", fixture.Html, StringComparison.Ordinal);
        // 300 rows still get it by default; 301 do not, and the note says so.
        Assert.StartsWith("Optimism bootstrap: off (turned off", BootstrapNote.Off(300), StringComparison.Ordinal);
        Assert.StartsWith("Optimism bootstrap: off. By default it runs only on cohorts of up to 300 patients (this one has 5,000)", BootstrapNote.Off(5000), StringComparison.Ordinal);
        Assert.Contains("--bootstrap 200", BootstrapNote.Off(301), StringComparison.Ordinal);
        Assert.Equal(200, Predictor.Training.Validation.OptimismBootstrap.DefaultFor(300));
        Assert.Equal(0, Predictor.Training.Validation.OptimismBootstrap.DefaultFor(301));
    }

    [Fact]
    public void TableOneSummarisesEveryFeatureByOutcome()
    {
        var section = Regex.Match(fixture.Html, "<h2 id=\"table-1\">.*?(?=<h2)", RegexOptions.Singleline).Value;
        int positives = fixture.Data.Labels.Count(y => y == 1);
        Assert.Contains($"<th>Resistant (resistant_6m = 1), n = {positives}</th><th>Not resistant (resistant_6m = 0), n = {120 - positives}</th><th>All, n = 120</th>", section, StringComparison.Ordinal);
        // tumor_size_cm among all patients: median and quartiles of the sorted values, interpolated as R's type 7.
        var sizes = FeatureSubset.Find(fixture.Data, "tumor_size_cm").Values.Order().ToArray();
        double Q(double p) { double h = (sizes.Length - 1) * p; int lo = (int)h; return sizes[lo] + (h - lo) * (sizes[Math.Min(lo + 1, sizes.Length - 1)] - sizes[lo]); }
        // Rounded as the report rounds (Math.Round, then two decimals): 4.675 is a tie there.
        string F(double v) => Math.Round(v, 2).ToString("F2", CultureInfo.InvariantCulture);
        string all = $"<td>{F(Q(0.5))} [{F(Q(0.25))}–{F(Q(0.75))}]</td><td>0 (0.0%)</td>";
        Assert.Contains("<td>tumor_size_cm</td><td>cm</td>", section, StringComparison.Ordinal);
        Assert.Contains(all, section, StringComparison.Ordinal);
        int missing = fixture.Data.Features[0].Values.Count(double.IsNaN);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"<td>{missing} ({100.0 * missing / 120:F1}%)</td></tr>"), section, StringComparison.Ordinal);
        Assert.Contains("median [interquartile range", section, StringComparison.Ordinal);
    }

    [Fact]
    public void CohortFingerprintAndWarningsMatchTheData()
    {
        var html = fixture.Html;
        int positives = fixture.Data.Labels.Count(y => y == 1);
        Assert.Contains("<td>Rows (patients with a label)</td><td>120</td>", html, StringComparison.Ordinal);
        Assert.Contains($"<td>{positives} (", html, StringComparison.Ordinal);
        int missing = fixture.Data.Features[0].Values.Count(double.IsNaN);
        Assert.Contains($"<td>p_akt_hscore</td><td>numeric</td><td>{missing}</td>", html, StringComparison.Ordinal);
        Assert.Contains("No missing values in the other 3 feature(s): age_years, tumor_size_cm, constant_marker.", html, StringComparison.Ordinal);
        Assert.Contains(TrainingProvenance.Fingerprint(fixture.Data).Sha256, html, StringComparison.Ordinal);
        var warnings = Regex.Match(html, "<div class=\"warnings\" role=\"alert\">(.*?)</div>").Groups[1].Value;
        Assert.Contains("constant_marker", warnings, StringComparison.Ordinal);
        Assert.Contains($"below the Riley et al. minimum sample size ({fixture.SampleSize.Required})", warnings, StringComparison.Ordinal);
    }

    [Fact]
    public void ShapValuesAddUpToTheModelScoreAndRankTheImportanceChart()
    {
        var model = fixture.Result.Model.Ensemble;
        var shap = ShapValues.Compute(model, fixture.Data);
        double expected = TreeShap.ExpectedValue(model);
        var raw = new double[fixture.Data.RowCount];
        var rows = model.Features.Select(f => FeatureSubset.Find(fixture.Data, f.Name).Values).ToArray();
        for (int r = 0; r < raw.Length; r++)
        {
            double logit = model.PredictRaw(rows.Select(c => c[r]).ToArray());
            Assert.Equal(logit, expected + shap.Contributions.Sum(c => c[r]), 9);
        }
        var labels = Chart(ImportanceChart.Id).Descendants(Svg + "text").Select(t => t.Value).ToList();
        var ranked = shap.Ranking.Select(f => shap.Features[f].Name).ToList();
        Assert.Equal(ranked, labels.Where(ranked.Contains).ToList());
        // The dropped constant feature is not in the model, so not in the chart.
        Assert.DoesNotContain("constant_marker", labels);
        // ... but it is listed among the features with zero importance, with the reason.
        Assert.Contains("<td>constant_marker</td><td>left out before training: the same value in every patient</td>", fixture.Html, StringComparison.Ordinal);
        Assert.Equal(fixture.Data.RowCount * Math.Min(TrainingReport.ShapFeatures, model.Features.Count),
            Chart(ShapSummaryChart.Id).Descendants(Svg + "circle").Count() - 1);
    }

    [Fact]
    public void ResultFromOtherDataIsRejected()
    {
        var other = SyntheticCohort.Generate(60, 3);
        var ex = Assert.Throws<ArgumentException>(() => TrainingReport.Build(fixture.Input with { Data = other }));
        Assert.Contains("out-of-fold", ex.Message, StringComparison.Ordinal);
    }
}
