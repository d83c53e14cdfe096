using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Predictor.Tests.Common;

namespace Predictor.Training.Tests.Support;

/// <summary>Runs tools/xgboost/logistic_reference.py (scikit-learn's LogisticRegression) with Debian's python.</summary>
internal static class SklearnLogistic
{
    /// <summary>Its JSON (intercept, coefficients on standardised features, probabilities) for the CSV at C.</summary>
    /// <param name="csv">Label first, then (with <paramref name="weighted"/>) the sample weight, then numeric features.</param>
    /// <param name="c">sklearn's C (1/λ).</param>
    /// <param name="weighted">Whether the second column is the sample weight.</param>
    /// <param name="l1Ratio">Null for ridge (Newton); otherwise the elastic net with this L1 share (saga).</param>
    public static JsonElement Fit(string csv, double c, bool weighted = false, double? l1Ratio = null)
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
