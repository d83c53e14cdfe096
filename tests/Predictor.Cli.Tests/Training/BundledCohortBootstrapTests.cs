using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Predictor.Scoring.Serialization;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests.Training;

/// <summary>
/// <c>predictor train --data data/cohort.csv --bootstrap 60</c> on the bundled cohort (its 38 treated patients carry
/// the label), once as text and once with <c>--json --report</c>. Its bootstrap replicates nearly separate the outcomes.
/// </summary>
public sealed class BundledCohortBootstrap
{
    public BundledCohortBootstrap()
    {
        Directory = RepoPaths.TempDirectory();
        Model = Path.Combine(Directory, "model.json");
        Report = Path.Combine(Directory, "report.html");
        var text = CliRunner.Run("train", "--data", RepoPaths.Data("cohort.csv"), "--out", Path.Combine(Directory, "text.json"), "--bootstrap", "60");
        if (text.ExitCode != 0) throw new InvalidOperationException(text.Err);
        Text = text.Out;
        var json = CliRunner.Run("train", "--data", RepoPaths.Data("cohort.csv"), "--out", Model, "--bootstrap", "60", "--json", "--report", Report);
        if (json.ExitCode != 0) throw new InvalidOperationException(json.Err);
        Json = JsonDocument.Parse(json.Out).RootElement.Clone();
        Html = File.ReadAllText(Report);
    }

    public string Directory { get; }

    public string Model { get; }

    public string Report { get; }

    public string Text { get; }

    public JsonElement Json { get; }

    public string Html { get; }
}

public sealed class BundledCohortBootstrapTests(BundledCohortBootstrap run) : IClassFixture<BundledCohortBootstrap>
{
    [Fact]
    public void Calibration_not_estimable_in_most_replicates_prints_NA_with_the_reason()
    {
        // Was "Calibration intercept ... 43478260791.136": a replicate's calibration fit had diverged.
        var row = run.Text.Split('\n').Single(l => l.TrimStart().StartsWith("Calibration intercept", StringComparison.Ordinal));
        var cells = Regex.Split(row.Trim(), @"\s{2,}");
        Assert.Equal("NA", cells[3]);
        Assert.DoesNotMatch(@"\d{5,}\.\d{3}", run.Text);
        Assert.Contains("note: calibration_intercept: no optimism-corrected value (NA): not estimable in ", run.Text, StringComparison.Ordinal);

        var metrics = run.Json.GetProperty("bootstrap").GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        var intercept = metrics["calibration_intercept"];
        Assert.Equal(JsonValueKind.Null, intercept.GetProperty("corrected").ValueKind);
        Assert.True(intercept.GetProperty("excluded").GetInt32() > intercept.GetProperty("replicates").GetInt32());
        Assert.Equal(run.Json.GetProperty("bootstrap").GetProperty("replicates").GetInt32(),
            intercept.GetProperty("excluded").GetInt32() + intercept.GetProperty("replicates").GetInt32());
        Assert.Contains("does not converge", intercept.GetProperty("not_estimable").GetString(), StringComparison.Ordinal);
        // The AUC is estimable in every replicate and keeps its corrected value.
        Assert.Equal(JsonValueKind.Number, metrics["auc"].GetProperty("corrected").ValueKind);
        Assert.Equal(0, metrics["auc"].GetProperty("excluded").GetInt32());

        // The report shows NA and says why; the model file leaves the figure out rather than storing a number.
        var performance = Regex.Match(run.Html, "<h2 id=\"performance\">.*?(?=<h2)", RegexOptions.Singleline).Value;
        Assert.Matches("<tr><td>Calibration intercept</td>(<td>[^<]*</td>){3}<td>NA</td></tr>", performance);
        Assert.Contains("calibration_intercept: no optimism-corrected value (NA): not estimable in", performance, StringComparison.Ordinal);
        Assert.DoesNotContain("optimism_corrected.calibration_intercept", File.ReadAllText(run.Model), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_linear_terms_are_the_model_files_coefficients_and_the_reports_numbers()
    {
        var linear = run.Json.GetProperty("linear_terms");
        var model = ModelJson.ReadFile(run.Model);
        var terms = linear.GetProperty("terms").EnumerateArray().ToList();
        Assert.Equal(linear.GetProperty("start").GetString(), run.Json.GetProperty("settings").GetProperty("linear_start_l1_ratio").GetDouble() switch
        {
            0 => "ridge",
            1 => "lasso",
            _ => "elastic-net",
        });
        // Every feature with a term in the model file is listed and not dropped.
        foreach (var term in model.Linear!.Terms)
            Assert.Contains(terms, t => t.GetProperty("feature").GetString() == model.Features[term.Feature].Name && !t.GetProperty("dropped").GetBoolean());

        // Numeric features: the model file's slope per unit.
        foreach (var term in model.Linear.Terms.Where(t => t.LevelValues.Count == 0))
        {
            string name = model.Features[term.Feature].Name;
            var row = terms.Single(t => t.GetProperty("feature").GetString() == name);
            Assert.Equal(term.Slope, row.GetProperty("log_odds_per_unit").GetDouble(), 12);
            Assert.Equal(Math.Exp(term.Slope), row.GetProperty("odds_ratio").GetDouble(), 12);
            Assert.Equal(term.Slope * row.GetProperty("sd").GetDouble(), row.GetProperty("log_odds_per_sd").GetDouble(), 12);
        }

        // Every row as the report prints it: the odds ratios (4 significant digits) and their intervals, or the same reason for none.
        var section = Regex.Match(run.Html, "<h2 id=\"linear-terms\">.*?(?=<h2)", RegexOptions.Singleline).Value;
        var htmlRows = Regex.Matches(section, "<tr><td>(.*?)</td></tr>").Select(m => m.Groups[1].Value.Split("</td><td>")).ToList();
        Assert.Equal(terms.Count, htmlRows.Count);
        for (int i = 0; i < terms.Count; i++)
        {
            var json = terms[i];
            var cells = htmlRows[i];
            string name = json.GetProperty("level").ValueKind == JsonValueKind.String
                ? $"{json.GetProperty("feature").GetString()}: {json.GetProperty("level").GetString()}"
                : json.GetProperty("feature").GetString()!;
            Assert.Equal(name, System.Net.WebUtility.HtmlDecode(cells[0]));
            var or = Numbers(cells[3]);
            Assert.Equal(json.GetProperty("odds_ratio").GetDouble(), or[0], Relative(or[0]));
            if (json.GetProperty("odds_ratio_ci_lower").ValueKind == JsonValueKind.Number)
            {
                Assert.Equal(3, or.Length);
                Assert.Equal(json.GetProperty("odds_ratio_ci_lower").GetDouble(), or[1], Relative(or[1]));
                Assert.Equal(json.GetProperty("odds_ratio_ci_upper").GetDouble(), or[2], Relative(or[2]));
            }
            else Assert.Single(or);
            Assert.Equal(json.GetProperty("dropped").GetBoolean(), cells[2] == "0 (dropped)");
        }
        if (linear.GetProperty("no_interval_reason").GetString() is { } reason)
        {
            Assert.Equal(JsonValueKind.Null, linear.GetProperty("interval_method").ValueKind);
            Assert.Contains("No confidence intervals: " + System.Net.WebUtility.HtmlEncode(reason), section, StringComparison.Ordinal);
        }
        else Assert.Equal("bootstrap_percentile", linear.GetProperty("interval_method").GetString());
        var dropped = linear.GetProperty("dropped").EnumerateArray().Select(d => d.GetString()!).ToList();
        Assert.Equal(terms.Where(t => t.GetProperty("dropped").GetBoolean()).Select(t => t.GetProperty("feature").GetString()!).Distinct().Order(), dropped.Order());
        Assert.Equal(60, linear.GetProperty("bootstrap_replicates").GetInt32() + run.Json.GetProperty("bootstrap").GetProperty("skipped").GetInt32());
    }

    private static double[] Numbers(string cell) =>
        [.. Regex.Matches(cell, @"\d+(\.\d+)?").Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture))];

    /// <summary>Half a unit in the fourth significant digit of a printed number.</summary>
    private static double Relative(double printed) => printed == 0 ? 1e-12 : Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(printed))) - 3) * 0.5 + 1e-12;
}
