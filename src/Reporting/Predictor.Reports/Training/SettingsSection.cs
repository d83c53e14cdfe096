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
        var linearStart = r.Model.Ensemble.Linear is { } linear && r.Model.Settings.LinearStartRegularisation() is { } start
            ? $"{start.Kind} logistic regression fitted with the trees (penalty {ReportNumbers.Fixed(start.Penalty, 2)}{(start.Kind == "elastic-net" ? ", L1 ratio " + ReportNumbers.Fixed(start.L1Ratio, 2) : "")}, {ReportNumbers.Count(linear.Terms.Count)} linear terms)"
            : "base rate (trees only)";
        report.Heading("Model settings", "settings")
            .Table(["Setting", "Train option", "Value"],
            [
                ["Tree learner", "--learner", r.Learner == "ours" ? "ours (Predictor.Training)" : $"{r.Learner} (ML.NET's trainer, converted into our model; missing numbers: training mean + indicator)"],
                ["Seed", "--seed", input.Options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                ["Cross-validation folds", "--folds", ReportNumbers.Count(r.Folds)],
                ["Tuning candidates", "", ReportNumbers.Count(r.Tuning.Candidates.Count)],
                ["Start", "--linear-start", linearStart],
                ["Trees in the final ensemble", "", ReportNumbers.Count(r.Model.Ensemble.Trees.Count)],
                ["Calibration", "", $"{r.Calibration.Calibrator.Method} (cross-validated Brier: Platt {ReportNumbers.Fixed(r.Calibration.PlattBrier, 4)}, isotonic {ReportNumbers.Fixed(r.Calibration.IsotonicBrier, 4)}, none {ReportNumbers.Fixed(r.Calibration.UncalibratedBrier, 4)})"],
                ["Decision threshold", "--min-sensitivity", $"{ReportNumbers.Fixed(r.Model.Threshold, 3)}: {r.Model.Rule.Describe()}"],
                ["Logistic comparator", "--baseline-l1-ratio", $"{r.Model.Baseline.Describe()}, penalty {ReportNumbers.Fixed(r.Model.Baseline.Penalty, 4)} chosen by cross-validation"],
                ["Optimism bootstrap", "--bootstrap", input.Bootstrap is { } b ? $"{ReportNumbers.Count(b.Replicates)} replicates" : "off"],
            ], "Train option: the predictor train option that sets it (blank: chosen by the pipeline).")
            .Table(["Ensemble setting", "Train option", "Value", "Tuned"],
                chosen.OrderBy(p => TrainOptionNames.OptionFor(p.Key).StartsWith('(') ? 1 : 0).ThenBy(p => TrainOptionNames.OptionFor(p.Key), StringComparer.Ordinal)
                    .Select(p => (IReadOnlyList<string>)[TrainOptionNames.WordsFor(p.Key), TrainOptionNames.OptionFor(p.Key), p.Value == "" ? "(none)" : p.Value, Tuned(p.Key) ? "yes" : ""]),
                "Settings marked 'tuned' varied across the tuning grid and were chosen by cross-validation; the tree count comes from early stopping. Any train option given on the command line (--trees, --learning-rate, ...) skips the tuning and fits that setting only.");
    }
}
