using System.Globalization;
using Predictor.Data.Errors;
using Predictor.Data.Tables;
using Predictor.Survival.Analysis;
using Predictor.Survival.Cox;
using Predictor.Survival.Data;
using Predictor.Survival.Design;

namespace Predictor.Survival.Paper;

/// <summary>Cut-offs for the paper's factors; null means the cohort median (high = above it; PTEN loss = below it).</summary>
public sealed record PaperCutOffs(double? PAkt = null, double? PMtor = null, double? Pten = null);

/// <summary>One factor of the paper's hazard-ratio table.</summary>
public sealed record PaperFactor(string Label, string Definition, CoxCoefficient Univariable, int Patients, int Events, CoxCoefficient? Multivariable);

/// <summary>The seed study's survival analysis reproduced on a cohort.</summary>
public sealed record PaperAnalysisResult(
    IReadOnlyList<PaperFactor> Factors, int MultivariablePatients, int MultivariableEvents,
    GroupComparison OverallSurvivalByPAkt, string CodingStatement, IReadOnlyList<string> Warnings);

/// <summary>
/// The analysis of Popescu et al. (2025) on any cohort following the data contract: p-AKT and p-mTOR dichotomised
/// at the median (high = above), PTEN loss = PTEN below the median, resistance within six months among treated
/// patients; one Cox model per factor and one with all four (patients with every factor, i.e. treated ones), and
/// Kaplan–Meier overall survival for high versus low p-AKT.
/// </summary>
public static class PaperAnalysis
{
    public const string Time = "os_months", Event = "os_event";

    public static PaperAnalysisResult Run(DataTable cohort, PaperCutOffs? cutOffs = null, TieMethod ties = TieMethod.Efron)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        cutOffs ??= new PaperCutOffs();
        var outcome = SurvivalTable.Outcome(cohort, Time, Event);
        double[] Marker(string name) => cohort.TryGetColumn(name, out var c) && c is NumericColumn n
            ? n.Values.ToArray()
            : throw new PredictorInputException($"The paper's analysis needs the numeric column '{name}'.");
        var akt = Marker("p_akt_hscore");
        var mtor = Marker("p_mtor_hscore");
        var pten = Marker("pten_hscore");
        double aktCut = cutOffs.PAkt ?? MarkerDichotomiser.Median(akt);
        double mtorCut = cutOffs.PMtor ?? MarkerDichotomiser.Median(mtor);
        double ptenCut = cutOffs.Pten ?? MarkerDichotomiser.Median(pten);
        if (!cohort.TryGetColumn("resistant_6m", out var resistantColumn) || resistantColumn is not BooleanColumn resistant)
            throw new PredictorInputException("The paper's analysis needs the boolean column 'resistant_6m'.");

        string Basis(double? stated) => stated is null ? "median" : "stated cut-off";
        var factors = new (string Label, string Column, string Definition, double[] Values)[]
        {
            ("High p-AKT", "high_p_akt", $"p-AKT H-score > {F(aktCut)} ({Basis(cutOffs.PAkt)})", MarkerDichotomiser.Dichotomise(akt, aktCut)),
            ("High p-mTOR", "high_p_mtor", $"p-mTOR H-score > {F(mtorCut)} ({Basis(cutOffs.PMtor)})", MarkerDichotomiser.Dichotomise(mtor, mtorCut)),
            ("PTEN loss", "pten_loss", $"PTEN H-score < {F(ptenCut)} ({Basis(cutOffs.Pten)})", MarkerDichotomiser.Dichotomise(pten, ptenCut, highIsAbove: false)),
            ("Resistance (6 months)", "resistant", "progression within 6 months of sorafenib/lenvatinib (treated patients)", resistant.ToDoubles()),
        };
        var table = new DataTable(factors.Select(f => (Column)new NumericColumn(f.Column, f.Values)));
        var options = new CoxOptions { Ties = ties };

        var warnings = new List<string>();
        var univariable = new List<(CoxResult Fit, int N, int Events)>();
        foreach (var f in factors)
        {
            var fit = CoxAnalysis.Run(table, outcome.Data, [f.Column], options).Model;
            warnings.AddRange(fit.Warnings.Select(w => f.Label + ": " + w));
            univariable.Add((fit, fit.Patients, fit.Events));
        }
        var multi = CoxAnalysis.Run(table, outcome.Data, [.. factors.Select(f => f.Column)], options).Model;
        warnings.AddRange(multi.Warnings.Select(w => "multivariable: " + w));

        var rows = factors.Select((f, i) => new PaperFactor(
            f.Label, f.Definition, univariable[i].Fit.Coefficients[0] with { Name = f.Label }, univariable[i].N, univariable[i].Events,
            multi.Coefficients[i] with { Name = f.Label })).ToArray();

        var measured = Enumerable.Range(0, cohort.RowCount).Where(r => !double.IsNaN(factors[0].Values[r])).ToArray();
        var groups = new Grouping([.. measured.Select(r => factors[0].Values[r] == 1 ? 0 : 1)], ["High p-AKT", "Low p-AKT"], "p-AKT");
        var km = GroupComparison.Run(outcome.Data.Select(measured), groups);
        return new PaperAnalysisResult(rows, multi.Patients, multi.Events, km, outcome.CodingStatement, warnings);
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
