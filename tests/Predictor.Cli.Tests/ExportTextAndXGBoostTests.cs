using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Predictor.Data.Csv;
using Predictor.Data.Tables;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Linear;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests;

/// <summary><c>export --format text</c> and <c>--format xgboost-json</c>.</summary>
public partial class ExportTextAndXGBoostTests
{
    private static readonly ModelFeature[] Features =
    [
        new("afp", FeatureKind.Numeric), new("etiology", FeatureKind.Categorical, ["HBV", "HCV", "other"]), new("size", FeatureKind.Numeric),
    ];

    // Tree 0: afp <= 100.25 (missing right) ? [etiology in {HBV, other} (missing left) ? -0.5 : 0.25] : 0.75. Tree 1: size <= 3 ? 0.1 : -0.2.
    private static TreeEnsemble HandModel(LinearMargin? linear = null) => new(Features,
    [
        new RegressionTree([0, 1], [100.25, 0], [false, true], [1, -1], [-3, -2], [null, [0b101UL]], [-0.5, 0.25, 0.75], [20, 12], [7, 5, 8]) { NodeGain = [3, 1.5] },
        new RegressionTree([2], [3], [true], [-1], [-2], [null], [0.1, -0.2]),
    ], baseScore: -1.25, linear);

    [Fact]
    public void Text_dump_read_back_scores_every_row_as_the_model_does()
    {
        string dir = RepoPaths.TempDirectory(), model = Path.Combine(dir, "m.json"), dump = Path.Combine(dir, "m.txt");
        var ensemble = HandModel();
        ModelJson.WriteFile(new ModelArtifact(ensemble, new ModelMetadata { Calibration = new PlattCalibration(0.9, 0.1) }), model);
        var (code, output, error) = CliRunner.Run("export", "--model", model, "--format", "text", "--out", dump);
        Assert.True(code == 0, error);
        Assert.Contains("2 trees as text", output, StringComparison.Ordinal);
        string text = File.ReadAllText(dump);
        Assert.Contains("base score: -1.25", text, StringComparison.Ordinal);
        Assert.Contains("calibration: platt: probability = sigmoid(0.9 * raw score + 0.1)", text, StringComparison.Ordinal);
        Assert.Contains("0:[afp<=100.25] yes=1,no=4,missing=4 gain=3 cover=20", text, StringComparison.Ordinal);
        Assert.Contains("\t1:[etiology in {HBV,other}] yes=2,no=3,missing=2 gain=1.5 cover=12", text, StringComparison.Ordinal);

        // Read the dump back with a parser of its own and score rows: it must say exactly what the model computes.
        var trees = ParseTrees(text);
        Assert.Equal(2, trees.Count);
        double[][] rows = [[50, 0, 1], [50, 1, 4], [50, 2, double.NaN], [50, double.NaN, 3], [150, 0, 2], [double.NaN, 1, 5], [100.25, 2, 3]];
        foreach (var row in rows)
        {
            double sum = -1.25 + trees.Sum(tree => Walk(tree, row));
            Assert.Equal(ensemble.PredictRaw(row), sum, 15);
        }
    }

    [Fact]
    public void Text_dump_lists_the_linear_terms()
    {
        string dir = RepoPaths.TempDirectory(), model = Path.Combine(dir, "m.json"), dump = Path.Combine(dir, "m.txt");
        var linear = new LinearMargin([LinearTerm.Numeric(0, 0.01, 0.2, 1.5), LinearTerm.Categorical(1, [0.1, -0.4, 0.6], -0.25, 0)]);
        ModelJson.WriteFile(new ModelArtifact(HandModel(linear)), model);
        Assert.Equal(0, CliRunner.Run("export", "--model", model, "--format", "text", "--out", dump).ExitCode);
        string text = File.ReadAllText(dump);
        Assert.Contains("raw score (log-odds) = base score + linear terms + sum of 2 trees", text, StringComparison.Ordinal);
        Assert.Contains("  afp: 0.01 per unit, missing=0.2 mean=1.5", text, StringComparison.Ordinal);
        Assert.Contains("  etiology: HBV=0.1 HCV=-0.4 other=0.6 missing=-0.25 mean=0 (also for unknown levels)", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("linear", "linear terms")]
    [InlineData("categorical", "categorical feature 'etiology'")]
    [InlineData("isotonic", "isotonic calibration")]
    public void Xgboost_json_refuses_what_xgboost_cannot_hold_in_one_line(string obstacle, string reason)
    {
        string dir = RepoPaths.TempDirectory(), model = Path.Combine(dir, "m.json"), json = Path.Combine(dir, "x.json");
        var numericOnly = new TreeEnsemble(Features, [new RegressionTree([0], [100], [true], [-1], [-2], [null], [-0.5, 0.5])], -1);
        var artifact = obstacle switch
        {
            "linear" => new ModelArtifact(new TreeEnsemble(Features, numericOnly.Trees, -1, new LinearMargin([LinearTerm.Numeric(2, 0.3, 0, 0.5)]))),
            "categorical" => new ModelArtifact(HandModel()),
            _ => new ModelArtifact(numericOnly, new ModelMetadata { Calibration = new IsotonicCalibration([0.1, 0.9], [0.05, 0.95]) }),
        };
        ModelJson.WriteFile(artifact, model);
        var (code, output, error) = CliRunner.Run("export", "--model", model, "--format", "xgboost-json", "--out", json);
        Assert.Equal(PredictorCli.InputError, code);
        Assert.Equal("", output);
        Assert.Contains(reason, Assert.Single(error.TrimEnd().Split('\n')), StringComparison.Ordinal);
        Assert.False(File.Exists(json));
    }

    [PeerFact(Peers.XGBoost)]
    public void Xgboost_loads_the_json_and_its_margins_equal_predict_raw_with_missing_values_and_a_folded_platt_calibration()
    {
        string dir = RepoPaths.TempDirectory();
        string train = Path.Combine(dir, "train.csv"), score = Path.Combine(dir, "score.csv"), model = Path.Combine(dir, "m.json");
        WriteSimulated(train, 600, seed: 1, withLabel: true);
        WriteSimulated(score, 400, seed: 2, withLabel: false);
        var (code, _, error) = CliRunner.Run("train", "--data", train, "--label", "y", "--trees", "40", "--leaves", "8", "--out", model);
        Assert.True(code == 0, error);
        var ours = Predict(model, score, dir);

        string xgb = Path.Combine(dir, "x.json");
        (code, _, error) = CliRunner.Run("export", "--model", model, "--format", "xgboost-json", "--out", xgb);
        Assert.True(code == 0, error);
        var (margin, probability) = ScoreWithXGBoost(xgb, score);
        Assert.Equal(ours.Margin.Length, margin.Length);
        double worst = 0;
        for (int i = 0; i < margin.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(margin[i] - ours.Margin[i]));
            Assert.True(Math.Abs(probability[i] - ours.Probability[i]) < 1e-6, $"row {i}: XGBoost {probability[i]} vs ours {ours.Probability[i]}");
        }
        // XGBoost keeps leaves in float and sums them in float: agreement to its precision, which wrong routing would break by a leaf value.
        Assert.True(worst < 1e-6, $"largest margin difference {worst}");

        // The same trees with a Platt calibration: XGBoost's probability is our calibrated probability.
        string platt = Path.Combine(dir, "platt.json"), plattXgb = Path.Combine(dir, "platt-x.json");
        var artifact = ModelJson.ReadArtifactFile(model);
        ModelJson.WriteFile(new ModelArtifact(artifact.Model, new ModelMetadata { Calibration = new PlattCalibration(0.8, -0.3) }), platt);
        Assert.Equal(0, CliRunner.Run("export", "--model", platt, "--format", "xgboost-json", "--out", plattXgb).ExitCode);
        var calibrated = Predict(platt, score, dir);
        (margin, probability) = ScoreWithXGBoost(plattXgb, score);
        for (int i = 0; i < margin.Length; i++)
        {
            Assert.True(Math.Abs(margin[i] - (0.8 * calibrated.Margin[i] - 0.3)) < 1e-6, $"row {i}: calibrated log-odds");
            Assert.True(Math.Abs(probability[i] - calibrated.Probability[i]) < 1e-6, $"row {i}: calibrated probability");
        }
    }

    private static (double[] Margin, double[] Probability) Predict(string model, string data, string dir)
    {
        string output = Path.Combine(dir, "p.csv");
        var (code, _, error) = CliRunner.Run("predict", "--model", model, "--data", data, "--out", output, "--raw");
        Assert.True(code == 0, error);
        var table = CsvTableReader.Read(output);
        return (((NumericColumn)table["raw_score"]).Values.ToArray(), ((NumericColumn)table["probability"]).Values.ToArray());
    }

    /// <summary>Four numeric features, about 10% missing each, and a label from a logistic model with a threshold effect.</summary>
    private static void WriteSimulated(string path, int rows, int seed, bool withLabel)
    {
        var random = new Random(seed);
        var lines = new List<string> { withLabel ? "x1,x2,x3,x4,y" : "x1,x2,x3,x4" };
        for (int r = 0; r < rows; r++)
        {
            var x = new[] { random.NextDouble() * 100, random.NextDouble() * 10 - 5, Math.Round(random.NextDouble() * 400, 1), random.Next(0, 4) };
            double logit = 0.03 * (x[0] - 50) + (x[1] > 1 ? 1.2 : -0.4) + 0.004 * (x[2] - 200);
            var cells = x.Select(v => random.NextDouble() < 0.1 ? "" : v.ToString("R", CultureInfo.InvariantCulture)).ToList();
            if (withLabel) cells.Add(random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? "1" : "0");
            lines.Add(string.Join(',', cells));
        }
        File.WriteAllLines(path, lines);
    }

    private static (double[] Margin, double[] Probability) ScoreWithXGBoost(string model, string rows)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("PREDICTOR_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(RepoPaths.Root, "tools", "xgboost", "score_model.py"), model, rows }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "score_model.py: " + stderr.Result);
        var root = JsonDocument.Parse(stdout.Result).RootElement;
        return (root.GetProperty("margin").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
            root.GetProperty("probability").EnumerateArray().Select(v => v.GetDouble()).ToArray());
    }

    private sealed record DumpNode(string? Feature, double Threshold, string[]? Levels, int Yes, int No, int Missing, double Leaf);

    private static List<Dictionary<int, DumpNode>> ParseTrees(string text)
    {
        var trees = new List<Dictionary<int, DumpNode>>();
        foreach (var line in text.Split('\n').Select(l => l.Trim()))
        {
            if (line.StartsWith("tree[", StringComparison.Ordinal)) { trees.Add([]); continue; }
            if (trees.Count == 0 || line.Length == 0) continue;
            var leaf = LeafLine().Match(line);
            if (leaf.Success)
            {
                trees[^1][int.Parse(leaf.Groups[1].Value, CultureInfo.InvariantCulture)] = new DumpNode(null, 0, null, 0, 0, 0, double.Parse(leaf.Groups[2].Value, CultureInfo.InvariantCulture));
                continue;
            }
            var split = SplitLine().Match(line);
            Assert.True(split.Success, "unreadable dump line: " + line);
            int Group(int g) => int.Parse(split.Groups[g].Value, CultureInfo.InvariantCulture);
            string[]? levels = split.Groups[3].Success ? split.Groups[3].Value.Split(',') : null;
            double threshold = split.Groups[4].Success ? double.Parse(split.Groups[4].Value, CultureInfo.InvariantCulture) : 0;
            trees[^1][Group(1)] = new DumpNode(split.Groups[2].Value, threshold, levels, Group(5), Group(6), Group(7), 0);
        }
        return trees;
    }

    private static double Walk(Dictionary<int, DumpNode> tree, double[] row)
    {
        var node = tree[0];
        while (node.Feature is not null)
        {
            int f = Array.FindIndex(Features, x => x.Name == node.Feature);
            double v = row[f];
            bool yes = double.IsNaN(v) ? false : node.Levels is null ? v <= node.Threshold : node.Levels.Contains(Features[f].Levels[(int)v]);
            node = tree[double.IsNaN(v) ? node.Missing : yes ? node.Yes : node.No];
        }
        return node.Leaf;
    }

    [GeneratedRegex(@"^(\d+):leaf=([^ ]+)")]
    private static partial Regex LeafLine();

    [GeneratedRegex(@"^(\d+):\[([^<\] ]+)(?: in \{([^}]*)\}|<=([^\]]+))\] yes=(\d+),no=(\d+),missing=(\d+)")]
    private static partial Regex SplitLine();
}
