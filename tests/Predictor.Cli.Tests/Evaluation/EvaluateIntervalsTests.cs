using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests.Evaluation;

/// <summary><c>evaluate</c> prints the Wilson 95% intervals of the four rates in plain text, as its --json has them.</summary>
public class EvaluateIntervalsTests
{
    [Fact]
    public void Plain_text_shows_each_rate_with_its_Wilson_interval_and_counts()
    {
        var model = Path.Combine(RepoPaths.TempDirectory(), "model.json");
        var trained = CliRunner.Run("train", "--data", RepoPaths.Data("cohort-5000.csv"), "--out", model, "--trees", "20");
        Assert.True(trained.ExitCode == 0, trained.Err);

        var (code, text, error) = CliRunner.Run("evaluate", "--model", model, "--data", RepoPaths.Data("cohort-5000.csv"));
        Assert.True(code == 0, error);
        var json = CliRunner.Run("evaluate", "--model", model, "--data", RepoPaths.Data("cohort-5000.csv"), "--json");
        Assert.True(json.ExitCode == 0, json.Err);
        var metrics = JsonDocument.Parse(json.Out).RootElement;

        Assert.Contains("(95% CI, Wilson score):", text, StringComparison.Ordinal);
        foreach (var (label, key) in new[] { ("sensitivity", "sensitivity"), ("specificity", "specificity"), ("PPV", "ppv"), ("NPV", "npv") })
        {
            var line = Regex.Match(text, $@"(?m)^\s+{label}\s+(\d\.\d{{3}}) \((\d\.\d{{3}})-(\d\.\d{{3}})\)\s+(\d+)/(\d+)\s*$");
            Assert.True(line.Success, text);
            double value = D(line.Groups[1].Value), lower = D(line.Groups[2].Value), upper = D(line.Groups[3].Value);
            int events = int.Parse(line.Groups[4].Value, CultureInfo.InvariantCulture), total = int.Parse(line.Groups[5].Value, CultureInfo.InvariantCulture);
            // The same figures as --json, to the printed precision.
            Assert.Equal(metrics.GetProperty(key).GetDouble(), value, 3);
            Assert.Equal(metrics.GetProperty(key + "_ci_lower").GetDouble(), lower, 3);
            Assert.Equal(metrics.GetProperty(key + "_ci_upper").GetDouble(), upper, 3);
            // The counts give the rate, and the textbook Wilson score interval (z = 1.959964) gives the bounds.
            Assert.Equal((double)events / total, value, 3);
            var (wl, wu) = Wilson(events, total);
            Assert.Equal(wl, lower, 3);
            Assert.Equal(wu, upper, 3);
            Assert.True(lower < value && value < upper);
        }
    }

    /// <summary>Wilson (1927): (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n).</summary>
    private static (double Lower, double Upper) Wilson(int events, int n)
    {
        const double z = 1.959963984540054;
        double p = (double)events / n, denominator = 1 + z * z / n;
        double centre = (p + z * z / (2 * n)) / denominator;
        double half = z * Math.Sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denominator;
        return (centre - half, centre + half);
    }

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
