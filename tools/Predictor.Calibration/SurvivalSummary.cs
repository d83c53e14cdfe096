using System.Globalization;
using Predictor.Data.Simulation;
using Predictor.Data.Tables;
using Predictor.Survival.Cox;
using Predictor.Survival.Data;
using Predictor.Survival.Design;
using Predictor.Survival.KaplanMeier;

namespace Predictor.Calibration;

/// <summary>
/// The marginal survival figures of a simulated cohort that the study reports: each factor's own (univariable) Cox
/// hazard ratio and the Kaplan-Meier median overall survival by p-AKT, computed with the product's survival library.
/// </summary>
internal sealed record SurvivalSummary(
    double LogHrHighPAkt, double LogHrHighPMtor, double LogHrPtenLoss, double LogHrResistance,
    double MedianHighPAkt, double MedianLowPAkt, double EventRate)
{
    public static SurvivalSummary Of(DataTable cohort)
    {
        var time = ((NumericColumn)cohort["os_months"]).Values.ToArray();
        var died = ((BooleanColumn)cohort["os_event"]).Values.ToArray().Select(b => b == 1).ToArray();
        var akt = ((NumericColumn)cohort["p_akt_hscore"]).Values.ToArray();
        var mtor = ((NumericColumn)cohort["p_mtor_hscore"]).Values.ToArray();
        var pten = ((NumericColumn)cohort["pten_hscore"]).Values.ToArray();
        var resistant = ((BooleanColumn)cohort["resistant_6m"]).Values.ToArray();
        var m = CohortModel.Default;

        int?[] Split(double[] values, Func<double, bool> high) => [.. values.Select(v => double.IsNaN(v) ? (int?)null : high(v) ? 1 : 0)];
        var highAkt = Split(akt, v => v > m.PAkt.Mean);
        return new SurvivalSummary(
            LogHazardRatio(time, died, highAkt),
            LogHazardRatio(time, died, Split(mtor, v => v > m.PMtor.Mean)),
            LogHazardRatio(time, died, Split(pten, v => v < m.Pten.Mean)),
            LogHazardRatio(time, died, [.. resistant.Select(r => r == 255 ? (int?)null : r)]),
            MedianSurvival(time, died, highAkt, 1),
            MedianSurvival(time, died, highAkt, 0),
            died.Average(d => d ? 1.0 : 0.0));
    }

    private static double LogHazardRatio(double[] time, bool[] died, int?[] group)
    {
        var rows = Known(group, _ => true);
        var outcome = new SurvivalData(time, died).Select(rows);
        var design = DesignMatrix.FromColumns([("group", rows.Select(i => (double)group[i]!.Value).ToArray())]);
        return CoxModel.Fit(outcome, design).Coefficients[0].Coefficient;
    }

    private static double MedianSurvival(double[] time, bool[] died, int?[] group, int level)
    {
        var outcome = new SurvivalData(time, died).Select(Known(group, g => g == level));
        return KaplanMeierEstimator.Fit(outcome).Median().Estimate;
    }

    private static int[] Known(int?[] group, Func<int, bool> keep) =>
        [.. Enumerable.Range(0, group.Length).Where(i => group[i] is { } g && keep(g))];

    public string Describe(CohortModel model) => string.Create(CultureInfo.InvariantCulture,
        $"HR akt {Math.Exp(LogHrHighPAkt):F3} mtor {Math.Exp(LogHrHighPMtor):F3} pten {Math.Exp(LogHrPtenLoss):F3} res {Math.Exp(LogHrResistance):F3} | " +
        $"median high {MedianHighPAkt:F2} low {MedianLowPAkt:F2} | events {EventRate:P1} || " +
        $"b akt {model.LogHazardHighPAkt:F4} mtor {model.LogHazardHighPMtor:F4} pten {model.LogHazardPtenLoss:F4} res {model.LogHazardResistance:F4} " +
        $"shape {model.WeibullShape:F4} scale {model.WeibullScaleMonths:F3}");
}
