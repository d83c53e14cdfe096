using Predictor.Scoring.Linear;
using Predictor.Scoring.Trees;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;

namespace Predictor.Export.Tests;

/// <summary>
/// Hand-built models with a linear margin (numeric terms on p_akt_hscore and age_years, a categorical term on
/// etiology, none on pten_hscore) over the <see cref="ExportData"/> features, and rows that reach every branch of a
/// term: NaN, unknown, negative and fractional codes, values far outside the training range.
/// </summary>
internal static class LinearModels
{
    public const int Width = 4;

    public static readonly LinearTerm[] Terms =
    [
        LinearTerm.Numeric(0, 0.0123456789, 0.37, 0.2),
        LinearTerm.Numeric(2, -0.021, 0.11, -1.2),
        LinearTerm.Categorical(3, [0.3, -0.45, 0.125, 0.8, -0.05], -0.2, 0.1),
    ];

    /// <summary>Boosted trees (with categorical splits) on top of <see cref="Terms"/>.</summary>
    public static TreeEnsemble WithTrees()
    {
        var trained = BoostingTrainer.Train(ExportData.Patients(1500, seed: 11), GbdtPresets.FastTree with { Trees = 15, Threads = 1, MaxOneHotLevels = 2 }).Model;
        return new TreeEnsemble(trained.Features, trained.Trees, -1.75, new LinearMargin(Terms));
    }

    /// <summary>The same margin with no trees at all.</summary>
    public static TreeEnsemble PureLinear(TreeEnsemble withTrees) => new(withTrees.Features, [], -1.75, new LinearMargin(Terms));

    /// <summary>No trees and no margin: every row scores the base score.</summary>
    public static TreeEnsemble BaseOnly(TreeEnsemble withTrees) => new(withTrees.Features, [], 0.4);

    /// <summary><paramref name="model"/> with one term replaced: what a wrong export of that term would score.</summary>
    public static TreeEnsemble WithTerm(TreeEnsemble model, int index, LinearTerm replacement)
    {
        var terms = Terms.ToArray();
        terms[index] = replacement;
        return new TreeEnsemble(model.Features, model.Trees, model.BaseScore, new LinearMargin(terms));
    }

    /// <summary>
    /// Patients as float-exact rows (ONNX reads float32, so the library scores the same values), the first ones edited
    /// to hit each branch of the terms.
    /// </summary>
    public static List<double[]> Rows(int count)
    {
        var patients = ExportData.Patients(count, seed: 12);
        var rows = Enumerable.Range(0, patients.RowCount).Select(patients.Row).ToList();
        double[][] edits =
        [
            [double.NaN, 100, 55, 1],
            [200, double.NaN, double.NaN, double.NaN],
            [150, 20, 60, 7],       // unknown level code
            [150, 20, 60, -1],      // negative code
            [150, 20, 60, 2.5],     // fractional code
            [150, 20, 60, 5],       // one past the last level
            [1e6, -50, -40, 0],     // far outside the training ranges
            [-3000, 1e5, 250, 4],
            [double.NaN, double.NaN, double.NaN, double.NaN],
        ];
        for (int i = 0; i < edits.Length; i++) rows[i] = edits[i];
        foreach (var row in rows)
        {
            for (int f = 0; f < row.Length; f++) row[f] = (float)row[f];
        }
        return rows;
    }
}
