using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Predictor.Tests.Common;
using Predictor.Training.DataSets;

namespace Predictor.Training.Tests.Support;

/// <summary>Runs tools/xgboost/logistic_reference.py (scikit-learn's LogisticRegression) with Debian's python.</summary>
internal static class SklearnLogistic
{
    /// <summary>sklearn's intercept and coefficients (on standardised features, in feature order).</summary>
    public sealed record Solution(double Intercept, IReadOnlyList<double> Coefficients)
    {
        /// <summary>Intercept first, then the coefficients: the layout of our design's coefficients.</summary>
        public IReadOnlyList<double> All => [Intercept, .. Coefficients];
    }

    /// <summary>Fits sklearn on the set's numeric features (no missing values) at C, weighted and/or elastic-net when asked.</summary>
    /// <param name="data">Numeric features without missing values, and 0/1 labels.</param>
    /// <param name="c">sklearn's C (1/λ).</param>
    /// <param name="weights">sample_weight, or null.</param>
    /// <param name="l1Ratio">Null for ridge (Newton); otherwise the elastic net with this L1 share (saga).</param>
    public static Solution Fit(TrainingSet data, double c, double[]? weights = null, double? l1Ratio = null)
    {
        var csv = Path.Combine(Path.GetTempPath(), $"sklearn-logistic-{Environment.ProcessId}-{Guid.NewGuid():N}.csv");
        var text = new StringBuilder(weights is null ? "y" : "y,w");
        foreach (var feature in data.Features) text.Append(',').Append(feature.Name);
        text.Append('\n');
        for (int i = 0; i < data.RowCount; i++)
        {
            text.Append(data.Labels[i].ToString("R", CultureInfo.InvariantCulture));
            if (weights is not null) text.Append(',').Append(weights[i].ToString("R", CultureInfo.InvariantCulture));
            foreach (var feature in data.Features) text.Append(',').Append(feature.Values[i].ToString("R", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        File.WriteAllText(csv, text.ToString());
        try
        {
            var json = Run(csv, c, weights is not null, l1Ratio);
            return new Solution(json.GetProperty("intercept").GetDouble(), [.. json.GetProperty("coefficients").EnumerateArray().Select(e => e.GetDouble())]);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    private static JsonElement Run(string csv, double c, bool weighted, double? l1Ratio)
    {
        var start = new ProcessStartInfo(XGBoostRunner.Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tools", "xgboost", "logistic_reference.py"));
        foreach (var arg in new[] { "--data", csv, "--C", c.ToString("R", CultureInfo.InvariantCulture) }) start.ArgumentList.Add(arg);
        if (weighted) start.ArgumentList.Add("--weighted");
        if (l1Ratio is { } ratio)
        {
            start.ArgumentList.Add("--l1-ratio");
            start.ArgumentList.Add(ratio.ToString("R", CultureInfo.InvariantCulture));
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("logistic_reference.py failed (install python3-sklearn, see .ci/run): " + stderr.Result);
        return JsonDocument.Parse(stdout.Result).RootElement.Clone();
    }
}
