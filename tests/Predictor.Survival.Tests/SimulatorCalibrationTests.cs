using Predictor.Data.Simulation;
using Predictor.Data.Tables;
using Predictor.Survival.Cox;
using Predictor.Survival.Data;
using Predictor.Survival.Design;
using Predictor.Survival.KaplanMeier;

namespace Predictor.Survival.Tests;

/// <summary>
/// The cohort simulator's survival calibration, checked with the product's own (R-verified) Cox and Kaplan–Meier
/// code: in a large cohort with the study's composition (38/92 treated), each factor's own hazard ratio and the
/// p-AKT median survival match the seed study's published figures.
/// </summary>
public class SimulatorCalibrationTests
{
    private static readonly Lazy<DataTable> Cohort = new(() =>
        CohortSimulator.Generate(new SimulationOptions { Patients = 10_000, Seed = 2025 }));

    private static (SurvivalData Outcome, double[] Factor) Dichotomise(string column, Func<double, bool> exposed)
    {
        var t = Cohort.Value;
        var time = (NumericColumn)t["os_months"];
        var died = (BooleanColumn)t["os_event"];
        var values = t[column];
        var rows = Enumerable.Range(0, t.RowCount).Where(r => !values.IsMissing(r)).ToArray();
        double Value(int r) => values is NumericColumn n ? n[r] : ((BooleanColumn)values)[r] == true ? 1 : 0;
        return (new SurvivalData([.. rows.Select(r => time[r])], [.. rows.Select(r => died[r] == true)]),
                [.. rows.Select(r => exposed(Value(r)) ? 1.0 : 0.0)]);
    }

    [Theory]
    [InlineData("p_akt_hscore", "high", 173, StudyFigures.HazardRatioHighPAkt)]
    [InlineData("p_mtor_hscore", "high", 167, StudyFigures.HazardRatioHighPMtor)]
    [InlineData("pten_hscore", "low", 72, StudyFigures.HazardRatioPtenLoss)]
    [InlineData("resistant_6m", "high", 0.5, StudyFigures.HazardRatioResistance)]
    public void Each_factor_alone_has_the_published_hazard_ratio(string column, string direction, double cutoff, double published)
    {
        var (outcome, factor) = Dichotomise(column, v => direction == "high" ? v > cutoff : v < cutoff);
        var fit = CoxModel.Fit(outcome, DesignMatrix.FromColumns([(column, factor)]));
        double hr = fit.Coefficients[0].HazardRatio;
        Assert.InRange(hr, published * 0.9, published * 1.1);
    }

    [Fact]
    public void Median_overall_survival_by_p_akt_matches_the_study()
    {
        var (outcome, high) = Dichotomise("p_akt_hscore", v => v > 173);
        double Median(double level)
        {
            var rows = Enumerable.Range(0, high.Length).Where(i => high[i] == level).ToArray();
            return KaplanMeierEstimator.Fit(outcome.Select(rows)).Median().Estimate;
        }
        Assert.InRange(Median(1), StudyFigures.MedianOsHighPAkt - 1.5, StudyFigures.MedianOsHighPAkt + 1.5);
        Assert.InRange(Median(0), StudyFigures.MedianOsLowPAkt - 2.5, StudyFigures.MedianOsLowPAkt + 2.5);
    }
}
