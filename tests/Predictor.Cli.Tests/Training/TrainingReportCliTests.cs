using System.Text.RegularExpressions;
using Predictor.Cli.Tests.Browser;
using Predictor.Reports.Training;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests.Training;

/// <summary>Trains once with <c>--report</c> on a small simulated cohort (few folds, two bootstrap replicates).</summary>
public sealed class TrainedReport
{
    public TrainedReport()
    {
        Directory = RepoPaths.TempDirectory();
        Cohort = Path.Combine(Directory, "cohort.csv");
        Report = Path.Combine(Directory, "report.html");
        var simulate = CliRunner.Run("simulate", "--patients", "100", "--seed", "8", "--treated-fraction", "1", "--out", Cohort);
        if (simulate.ExitCode != 0) throw new InvalidOperationException(simulate.Err);
        var (code, output, error) = CliRunner.Run("train", "--data", Cohort, "--out", Path.Combine(Directory, "model.json"),
            "--folds", "3", "--bootstrap", "2", "--threads", "1", "--report", Report);
        if (code != 0) throw new InvalidOperationException(error);
        Output = output;
        Html = File.ReadAllText(Report);
    }

    public string Directory { get; }

    public string Cohort { get; }

    public string Report { get; }

    public string Output { get; }

    public string Html { get; }
}

public sealed class TrainingReportCliTests(TrainedReport trained) : IClassFixture<TrainedReport>
{
    private static readonly string[] ChartIds = ["roc-curve", "calibration-curve", "decision-curve", "feature-importance", "shap-summary"];

    [Fact]
    public void Report_is_written_without_patient_identifiers()
    {
        Assert.Contains("Report written to " + trained.Report, trained.Output, StringComparison.Ordinal);
        // After the summary: the last line says where the report is.
        Assert.StartsWith("Report written to ", trained.Output.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
        // Prose lines are never hard-wrapped at 120 columns when the output is not a terminal.
        Assert.Contains(trained.Output.Split('\n'), l => l.StartsWith("Sample size (Riley", StringComparison.Ordinal) && l.TrimEnd().EndsWith("have 100.", StringComparison.Ordinal));
        var ids = File.ReadLines(trained.Cohort).Skip(1).Select(line => line.Split(',')[0]).ToList();
        Assert.Equal(100, ids.Count);
        Assert.All(ids, id => Assert.DoesNotContain(id, trained.Html, StringComparison.Ordinal));
        Assert.DoesNotContain("patient_id", trained.Html, StringComparison.Ordinal);
        // The bootstrap ran, so its column is there.
        Assert.Contains("Optimism-corrected (bootstrap)", trained.Html, StringComparison.Ordinal);
        // Table 1 shows BCLC stage by its level names (the training set holds codes; the CLI passes the names).
        Assert.Matches("<tr><td>bclc_stage = C</td><td></td><td>\\d+ \\(", trained.Html);
        // Two replicates are too few for the linear terms' percentile intervals, and the report says so (or that there are no linear terms).
        var linear = Regex.Match(trained.Html, "<h2 id=\"linear-terms\">.*?(?=<h2)", RegexOptions.Singleline).Value;
        Assert.True(linear.Contains("bootstrap replicates chose a linear start, and a percentile interval needs at least 50", StringComparison.Ordinal)
            || linear.Contains("The model has no linear terms", StringComparison.Ordinal), linear);
    }

    [Fact]
    public void Report_cannot_be_combined_with_fixed_settings()
    {
        var (code, _, error) = CliRunner.Run("train", "--data", trained.Cohort, "--out", Path.Combine(trained.Directory, "fixed.json"),
            "--preset", "default", "--report", Path.Combine(trained.Directory, "fixed.html"));
        Assert.Equal(2, code);
        Assert.Contains("--report describes the default tuned pipeline", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(trained.Directory, "fixed.html")));
    }

    [Fact]
    public void Settings_are_named_by_the_train_options_that_set_them()
    {
        var (code, help, _) = CliRunner.Run("train", "--help");
        Assert.Equal(0, code);
        var named = TrainOptionNames.Ensemble.Values.Select(v => v.Option).OfType<string>()
            .Concat(["--learner", "--seed", "--folds", "--linear-start", "--min-sensitivity", "--baseline-l1-ratio", "--bootstrap"]).ToList();
        Assert.All(named, option => Assert.Matches("(?m)^\\s+" + Regex.Escape(option) + "\\b", help));
        var settings = Regex.Match(trained.Html, "<h2 id=\"settings\">.*?(?=<h2)", RegexOptions.Singleline).Value;
        Assert.Contains("<td>learning rate (shrinkage per tree)</td><td>--learning-rate</td>", settings, StringComparison.Ordinal);
        Assert.Contains("<td>Cross-validation folds</td><td>--folds</td><td>3</td>", settings, StringComparison.Ordinal);
        Assert.Contains("<td>Optimism bootstrap</td><td>--bootstrap</td><td>2 replicates</td>", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("LearningRate", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("MinRowsPerLeaf", settings, StringComparison.Ordinal);
    }

    [PeerFact(Peers.Chromium)]
    public void Chromium_renders_every_chart()
    {
        var dom = Chromium.Run(trained.Report, "--dump-dom");
        var svgIds = Regex.Matches(dom, "<svg[^>]*\\bid=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ChartIds, svgIds);
        Assert.Contains("<title>ROC curve (out-of-fold predictions)</title>", dom, StringComparison.Ordinal);
        Assert.Matches("<title>Calibration \\(out-of-fold\\): intercept -?\\d\\.\\d\\d, slope -?\\d\\.\\d\\d</title>", dom);
        Assert.Contains("class=\"warnings\"", dom, StringComparison.Ordinal);

        var png = Path.Combine(trained.Directory, "report.png");
        Chromium.Run(trained.Report, "--screenshot=" + png, "--window-size=1000,7000");
        var image = PngImage.Read(png);
        Assert.Equal((1000, 7000), (image.Width, image.Height));
        var colours = new HashSet<(byte, byte, byte)>();
        int chartBlue = 0, warningPink = 0;
        for (int y = 0; y < image.Height; y += 2)
        {
            for (int x = 0; x < image.Width; x += 2)
            {
                var c = image[x, y];
                colours.Add(c);
                if (c == (0x00, 0x72, 0xB2)) chartBlue++;
                if (c == (0xFD, 0xEC, 0xEA)) warningPink++;
            }
        }
        // Drawn charts: many colours (anti-aliased lines, the SHAP gradient) and solid areas of the Okabe-Ito blue
        // (importance bars); the warning box is painted. A blank or unstyled page has neither.
        Assert.True(colours.Count > 200, $"only {colours.Count} distinct colours: the page looks blank");
        Assert.True(chartBlue > 2000, $"only {chartBlue} sampled pixels of the chart blue: the SVG charts did not render");
        Assert.True(warningPink > 1000, $"only {warningPink} sampled pixels of the warning box");
    }
}
