using System.Globalization;
using System.Text.Json;
using Predictor.Data.Csv;
using Predictor.Data.Tables;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Linear;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests;

/// <summary><c>predictor importance</c> on a model small enough to compute by hand.</summary>
public class ImportanceCliTests
{
    // Tree 1: a <= 1 (gain 4, cover 10) ? leaf -1 (cover 6) : [b <= 2 (gain 2, cover 4) ? 0.5 (cover 1) : 1.5 (cover 3)].
    // Tree 2: a <= 3 (gain 1, cover 10, missing right) ? -0.2 (cover 7) : 0.3 (cover 3). Feature c is never split on;
    // d only has a linear term (0.5 per unit, 0.1 when missing, mean 0.25).
    private static readonly ModelFeature[] Features = new[] { "a", "b", "c", "d" }.Select(n => new ModelFeature(n, FeatureKind.Numeric)).ToArray();

    private static TreeEnsemble HandModel(bool withLinear) => new(Features,
    [
        new RegressionTree([0, 1], [1, 2], [true, false], [-1, -2], [1, -3], [null, null], [-1, 0.5, 1.5], [10, 4], [6, 1, 3]) { NodeGain = [4, 2] },
        new RegressionTree([0], [3], [false], [-1], [-2], [null], [-0.2, 0.3], [10], [7, 3]) { NodeGain = [1] },
    ], baseScore: -0.4, withLinear ? new LinearMargin([LinearTerm.Numeric(3, 0.5, 0.1, 0.25)]) : null);

    private static readonly double[][] Rows =
    [
        [0, 0, 5, 1], [2, 1, 0, 0], [2, 3, 1, double.NaN], [4, double.NaN, 2, 2], [double.NaN, 3, 3, -1], [0.5, 2.5, double.NaN, 0.5],
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Csv_lists_every_feature_with_hand_computed_gain_cover_and_brute_force_shapley_means(bool withLinear)
    {
        var (model, data, dir) = Write(HandModel(withLinear));
        string csv = Path.Combine(dir, "importance.csv");
        var (code, output, error) = CliRunner.Run("importance", "--model", model, "--data", data, "--out", csv);
        Assert.True(code == 0, error);
        Assert.Contains("mean |SHAP| over 6 rows", output, StringComparison.Ordinal);

        var table = CsvTableReader.Read(csv);
        Assert.Equal(["feature", "splits", "gain", "cover", "mean_abs_shap", "linear_term"], table.Columns.Select(c => c.Name));
        var byName = Enumerable.Range(0, table.RowCount).ToDictionary(r => table["feature"].FormatValue(r) ?? "", r => r);
        Assert.Equal(4, byName.Count);
        double Value(string column, string feature) => ((NumericColumn)table[column]).Values[byName[feature]];
        Assert.Equal((2, 5, 20), ((int)Value("splits", "a"), Value("gain", "a"), Value("cover", "a")));
        Assert.Equal((1, 2, 4), ((int)Value("splits", "b"), Value("gain", "b"), Value("cover", "b")));
        foreach (var unused in new[] { "c", "d" }) Assert.Equal((0, 0, 0), ((int)Value("splits", unused), Value("gain", unused), Value("cover", unused)));
        Assert.Equal(0, Value("mean_abs_shap", "c"));
        Assert.Equal(withLinear ? "True" : "False", table["linear_term"].FormatValue(byName["d"]), ignoreCase: true);

        var expected = BruteForceMeanAbsShapley(HandModel(withLinear));
        for (int f = 0; f < Features.Length; f++)
            Assert.Equal(expected[f], Value("mean_abs_shap", Features[f].Name), 12);
        if (withLinear) Assert.True(Value("mean_abs_shap", "d") > 0, "a linear-only feature has no splits but moves the predictions");

        // Most important first.
        var shap = ((NumericColumn)table["mean_abs_shap"]).Values.ToArray();
        Assert.Equal(shap.OrderByDescending(v => v), shap);
    }

    [Fact]
    public void Json_without_data_has_tree_statistics_and_no_shap()
    {
        var (model, _, dir) = Write(HandModel(withLinear: true));
        string json = Path.Combine(dir, "importance.json");
        var (code, _, error) = CliRunner.Run("importance", "--model", model, "--out", json);
        Assert.True(code == 0, error);
        var features = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(["a", "b", "c", "d"], features.Select(f => f.GetProperty("feature").GetString()));
        Assert.Equal(5, features[0].GetProperty("gain").GetDouble());
        Assert.Equal(20, features[0].GetProperty("cover").GetDouble());
        Assert.Equal(JsonValueKind.Null, features[0].GetProperty("mean_abs_shap").ValueKind);
        Assert.True(features[3].GetProperty("linear_term").GetBoolean());
        Assert.Equal(0, features[2].GetProperty("splits").GetInt32());
    }

    [Fact]
    public void Without_out_it_prints_every_feature_and_other_extensions_are_refused()
    {
        var (model, data, dir) = Write(HandModel(withLinear: false));
        var (code, output, _) = CliRunner.Run("importance", "--model", model, "--data", data);
        Assert.Equal(0, code);
        var lines = output.TrimEnd().Split('\n');
        Assert.Equal(5, lines.Length);
        // The unused features last, with zeros, ties by name.
        Assert.Matches(@"^c +0 +0\.000 +0\.000 +0\.0000 +no$", lines[^2].TrimEnd());
        Assert.StartsWith("d ", lines[^1], StringComparison.Ordinal);

        string bad = Path.Combine(dir, "importance.txt");
        var (refused, _, error) = CliRunner.Run("importance", "--model", model, "--out", bad);
        Assert.Equal(PredictorCli.InputError, refused);
        Assert.Contains("--out", Assert.Single(error.TrimEnd().Split('\n')), StringComparison.Ordinal);
        Assert.False(File.Exists(bad));
    }

    private static (string Model, string Data, string Directory) Write(TreeEnsemble ensemble)
    {
        string dir = RepoPaths.TempDirectory();
        string model = Path.Combine(dir, "m.json"), data = Path.Combine(dir, "rows.csv");
        ModelJson.WriteFile(new ModelArtifact(ensemble), model);
        var lines = new List<string> { "a,b,c,d" };
        lines.AddRange(Rows.Select(r => string.Join(',', r.Select(v => double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture)))));
        File.WriteAllLines(data, lines);
        return (model, data, dir);
    }

    /// <summary>
    /// Shapley values by their definition: every subset S of the features, v(S) = the path-dependent expectation of the
    /// raw score given the row's values on S (a node on a feature outside S averages its children by cover; a linear term
    /// outside S gives its training mean). Written independently of TreeShap.
    /// </summary>
    private static double[] BruteForceMeanAbsShapley(TreeEnsemble model)
    {
        int m = model.Features.Count;
        var sums = new double[m];
        foreach (var row in Rows)
        {
            var v = new double[1 << m];
            for (int s = 0; s < v.Length; s++) v[s] = Value(model, row, s);
            for (int f = 0; f < m; f++)
            {
                double phi = 0;
                for (int s = 0; s < v.Length; s++)
                {
                    if ((s & (1 << f)) != 0) continue;
                    int size = int.PopCount(s);
                    phi += Factorial(size) * Factorial(m - size - 1) / Factorial(m) * (v[s | (1 << f)] - v[s]);
                }
                sums[f] += Math.Abs(phi);
            }
        }
        return [.. sums.Select(s => s / Rows.Length)];
    }

    private static double Value(TreeEnsemble model, double[] row, int subset)
    {
        double sum = model.BaseScore;
        foreach (var term in model.Linear?.Terms ?? [])
            sum += (subset & (1 << term.Feature)) != 0 ? term.Evaluate(row[term.Feature]) : term.MeanContribution;
        foreach (var tree in model.Trees) sum += Expectation(tree, row, subset, 0).Value;
        return sum;
    }

    private static (double Value, double Cover) Expectation(RegressionTree tree, double[] row, int subset, int node)
    {
        if (node < 0) return (tree.LeafValues[~node], tree.LeafCover![~node]);
        int feature = tree.SplitFeature[node];
        if ((subset & (1 << feature)) != 0)
        {
            var next = tree.GoesLeft(node, row[feature]) ? tree.LeftChild[node] : tree.RightChild[node];
            return (Expectation(tree, row, subset, next).Value, tree.NodeCover![node]);
        }
        var left = Expectation(tree, row, subset, tree.LeftChild[node]);
        var right = Expectation(tree, row, subset, tree.RightChild[node]);
        double leftCover = tree.LeftChild[node] < 0 ? tree.LeafCover![~tree.LeftChild[node]] : tree.NodeCover![tree.LeftChild[node]];
        double rightCover = tree.RightChild[node] < 0 ? tree.LeafCover![~tree.RightChild[node]] : tree.NodeCover![tree.RightChild[node]];
        return ((leftCover * left.Value + rightCover * right.Value) / (leftCover + rightCover), tree.NodeCover![node]);
    }

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);
}
