using Predictor.Data.Csv;
using Predictor.Data.Tables;
using Predictor.Survival.Cox;
using Predictor.Survival.Data;
using Predictor.Survival.Design;
using Predictor.Survival.Paper;
using Predictor.Tests.Common;

namespace Predictor.Survival.Tests;

public class PaperAnalysisTests
{
    private static readonly DataTable Cohort = CsvTableReader.Read(RepoPaths.Data("cohort.csv"));

    [Fact]
    public void Median_and_dichotomies_by_hand()
    {
        Assert.Equal(2.5, MarkerDichotomiser.Median([4, 1, double.NaN, 2, 3]));
        Assert.Equal(2, MarkerDichotomiser.Median([3, 1, 2]));
        Assert.Equal([0, 0, 1, double.NaN], MarkerDichotomiser.Dichotomise([1, 2, 3, double.NaN], 2));
        Assert.Equal([1, 0, 0, double.NaN], MarkerDichotomiser.Dichotomise([1, 2, 3, double.NaN], 2, highIsAbove: false));
    }

    [Fact]
    public void High_p_AKT_hazard_ratio_equals_an_independent_fit_of_the_median_split()
    {
        var result = PaperAnalysis.Run(Cohort);
        var akt = ((NumericColumn)Cohort["p_akt_hscore"]).Values.ToArray();
        var measured = Enumerable.Range(0, akt.Length).Where(i => !double.IsNaN(akt[i])).ToArray();
        var sorted = measured.Select(i => akt[i]).Order().ToArray();
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        var time = ((NumericColumn)Cohort["os_months"]).Values.ToArray();
        var died = ((BooleanColumn)Cohort["os_event"]).Values.ToArray();
        var outcome = new SurvivalData([.. measured.Select(i => time[i])], [.. measured.Select(i => died[i] == 1)]);
        var design = DesignMatrix.FromColumns([("high", [.. measured.Select(i => akt[i] > median ? 1.0 : 0.0)])]);
        var fit = CoxModel.Fit(outcome, design);

        var row = result.Factors[0];
        Assert.Equal("High p-AKT", row.Label);
        Assert.Equal(measured.Length, row.Patients);
        Assert.Equal(fit.Coefficients[0].HazardRatio, row.Univariable.HazardRatio, 12);
        Assert.Equal(fit.Coefficients[0].StdErr, row.Univariable.StdErr, 12);
        Assert.Contains("(median)", row.Definition, StringComparison.Ordinal);
    }

    [Fact]
    public void Resistance_is_analysed_among_treated_patients_only_and_the_multivariable_model_uses_complete_rows()
    {
        var result = PaperAnalysis.Run(Cohort);
        int treated = Enumerable.Range(0, Cohort.RowCount).Count(r => !Cohort["resistant_6m"].IsMissing(r));
        Assert.Equal(treated, result.Factors[3].Patients);
        Assert.True(result.MultivariablePatients <= treated);
        Assert.All(result.Factors, f => Assert.NotNull(f.Multivariable));
        // The simulated cohort is calibrated to the study: high p-AKT means shorter survival.
        var km = result.OverallSurvivalByPAkt;
        Assert.Equal(["High p-AKT", "Low p-AKT"], km.Levels);
        Assert.True(km.Curves[0].Median().Estimate < km.Curves[1].Median().Estimate);
        Assert.True(result.Factors[0].Univariable.HazardRatio > 1);
    }

    [Fact]
    public void A_stated_cut_off_replaces_the_median()
    {
        var result = PaperAnalysis.Run(Cohort, new PaperCutOffs(PAkt: 200));
        Assert.Contains("> 200 (stated cut-off)", result.Factors[0].Definition, StringComparison.Ordinal);
        var akt = ((NumericColumn)Cohort["p_akt_hscore"]).Values.ToArray();
        int high = akt.Count(v => v > 200);
        Assert.Equal(high, result.OverallSurvivalByPAkt.Curves[0].Count);
    }

    [Fact]
    public void Missing_required_columns_are_named()
    {
        var table = Cohort.SelectColumns(Cohort.ColumnNames.Where(c => c != "pten_hscore"));
        var ex = Assert.Throws<Predictor.Data.Errors.PredictorInputException>(() => PaperAnalysis.Run(table));
        Assert.Contains("'pten_hscore'", ex.Message, StringComparison.Ordinal);
    }
}
