using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Predictor.Tests.Common;
using Predictor.Training.DataSets;

namespace Predictor.Training.Tests.Support;

/// <summary>Runs the committed XGBoost scripts (tools/xgboost) with Debian's python, where python3-xgboost lives.</summary>
internal static class XGBoostRunner
{
    public static string Python => Environment.GetEnvironmentVariable("PREDICTOR_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";

    /// <summary>Writes a training set as CSV: label first, then features (categorical codes as numbers), empty = missing.</summary>
    public static void WriteCsv(TrainingSet data, string path)
    {
        var text = new StringBuilder();
        text.Append("resistant_6m");
        foreach (var f in data.Features) text.Append(',').Append(f.Name);
        text.Append('\n');
        for (int r = 0; r < data.RowCount; r++)
        {
            text.Append(data.Labels[r].ToString(CultureInfo.InvariantCulture));
            foreach (var f in data.Features)
            {
                text.Append(',');
                if (!double.IsNaN(f.Values[r])) text.Append(f.Values[r].ToString("R", CultureInfo.InvariantCulture));
            }
            text.Append('\n');
        }
        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Runs tools/xgboost/parity.py on one or more training files against one test file; returns its JSON.</summary>
    public static JsonElement RunParity(IReadOnlyList<string> trainCsvs, string testCsv, params string[] options)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tools", "xgboost", "parity.py"));
        foreach (var a in new[] { "--train" }.Concat(trainCsvs).Concat(["--test", testCsv]).Concat(options)) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + Python);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"parity.py failed ({process.ExitCode}); install python3-xgboost python3-sklearn (see .ci/run): {stderr.Result}");
        return JsonDocument.Parse(stdout.Result).RootElement.Clone();
    }
}
