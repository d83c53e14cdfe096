using Predictor.Training.Evaluation;

namespace Predictor.Reports.Training;

/// <summary>Sensitivity, specificity, PPV and NPV at the chosen threshold, each with its Wilson 95% interval and its counts.</summary>
public static class ChosenThresholdTable
{
    public static IReadOnlyList<string> Header { get; } = ["Measure", "Estimate", "95% CI (Wilson)", "Patients"];

    public static IReadOnlyList<IReadOnlyList<string>> Rows(ThresholdMetrics m)
    {
        ArgumentNullException.ThrowIfNull(m);
        int positives = m.TruePositives + m.FalseNegatives, negatives = m.TrueNegatives + m.FalsePositives;
        int predictedPositive = m.TruePositives + m.FalsePositives, predictedNegative = m.TrueNegatives + m.FalseNegatives;
        return
        [
            Row("Sensitivity", m.Sensitivity, m.SensitivityInterval, $"{ReportNumbers.Count(m.TruePositives)} of {ReportNumbers.Count(positives)} resistant predicted resistant"),
            Row("Specificity", m.Specificity, m.SpecificityInterval, $"{ReportNumbers.Count(m.TrueNegatives)} of {ReportNumbers.Count(negatives)} not resistant predicted not resistant"),
            Row("PPV", m.PositivePredictiveValue, m.PositivePredictiveValueInterval, $"{ReportNumbers.Count(m.TruePositives)} of {ReportNumbers.Count(predictedPositive)} predicted resistant were resistant"),
            Row("NPV", m.NegativePredictiveValue, m.NegativePredictiveValueInterval, $"{ReportNumbers.Count(m.TrueNegatives)} of {ReportNumbers.Count(predictedNegative)} predicted not resistant were not"),
        ];
    }

    public static string Caption(ThresholdMetrics m, double prevalence) =>
        $"At the chosen threshold {ReportNumbers.Fixed(m.Threshold, 3)}, out-of-fold predictions. 95% confidence intervals by the Wilson score method " +
        $"(binomial, each proportion on its own denominator; they do not count the uncertainty of choosing the threshold on the same data). " +
        $"PPV and NPV hold at this cohort's prevalence ({ReportNumbers.Percent(prevalence)}) and change with it.";

    private static IReadOnlyList<string> Row(string name, double estimate, WilsonInterval ci, string counts) =>
        [name, ReportNumbers.Percent(estimate), double.IsNaN(ci.Lower) ? "NA" : $"{ReportNumbers.Percent(ci.Lower)}–{ReportNumbers.Percent(ci.Upper)}", counts];
}
