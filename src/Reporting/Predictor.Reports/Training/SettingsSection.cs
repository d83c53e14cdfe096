using Predictor.Reporting.Html;
using Predictor.Training.Gbdt;

namespace Predictor.Reports.Training;

/// <summary>How the model was made: the tuned ensemble options (marking those the tuning grid varied), calibration, threshold rule, seed.</summary>
internal static class SettingsSection
{
    public static void Write(HtmlReport report, TrainingReportInput input)
    {
        var r = input.Result;
        var chosen = TrainingProvenance.Describe(r.Model.Settings);
        var candidates = r.Tuning.Candidates.Select(c => TrainingProvenance.Describe(c.Options)).ToList();
        bool Tuned(string option) => candidates.Select(c => c.GetValueOrDefault(option)).Append(chosen[option]).Distinct(StringComparer.Ordinal).Count() > 1;
        report.Heading("Model settings", "settings")
            .Table(["Setting", "Value"],
            [
                ["Tree learner", r.Learner == "ours" ? "ours (Predictor.Training)" : $"{r.Learner} (ML.NET's trainer, converted into our model; missing numbers: training mean + indicator)"],
                ["Seed", input.Options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                ["Cross-validation folds", ReportNumbers.Count(r.Folds)],
                ["Tuning candidates", ReportNumbers.Count(r.Tuning.Candidates.Count)],
                ["Start", r.Model.Ensemble.Linear is { } linear && r.Model.Settings.LinearStartRegularisation() is { } start
                    ? $"{start.Kind} logistic regression fitted with the trees (penalty {ReportNumbers.Fixed(start.Penalty, 2)}{(start.Kind == "elastic-net" ? ", L1 ratio " + ReportNumbers.Fixed(start.L1Ratio, 2) : "")}, {ReportNumbers.Count(linear.Terms.Count)} linear terms)"
                    : "base rate (trees only)"],
                ["Trees in the final ensemble", ReportNumbers.Count(r.Model.Ensemble.Trees.Count)],
                ["Calibration", $"{r.Calibration.Calibrator.Method} (cross-validated Brier: Platt {ReportNumbers.Fixed(r.Calibration.PlattBrier, 4)}, isotonic {ReportNumbers.Fixed(r.Calibration.IsotonicBrier, 4)}, none {ReportNumbers.Fixed(r.Calibration.UncalibratedBrier, 4)})"],
                ["Decision threshold", $"{ReportNumbers.Fixed(r.Model.Threshold, 3)}: {r.Model.Rule.Describe()}"],
            ])
            .Table(["Ensemble option", "Value", "Tuned"],
                chosen.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (IReadOnlyList<string>)[p.Key, p.Value == "" ? "(none)" : p.Value, Tuned(p.Key) ? "yes" : ""]),
                "Options marked 'tuned' varied across the tuning grid; the tree count comes from early stopping.");
    }
}
