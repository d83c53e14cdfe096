using System.Globalization;
using Predictor.Reporting.Charts;
using Predictor.Reporting.Html;
using Predictor.Training.Evaluation;

namespace Predictor.Reports.Training;

/// <summary>
/// The training report: one self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched) with the
/// cohort and its Table 1 by outcome, the model's linear terms, performance, ROC, calibration and decision curves,
/// feature importance (and the features of zero importance), the SHAP summary, the threshold table with Wilson
/// intervals at the chosen threshold, the sample-size check, the model settings and the data fingerprint. Every performance chart draws the
/// calibrated out-of-fold predictions, never the final model scored on its own training rows.
/// </summary>
public static class TrainingReport
{
    /// <summary>Features shown in the SHAP summary.</summary>
    public const int ShapFeatures = 10;

    /// <summary>Bootstrap resamples behind the ROC band (predictions fixed, so cheap).</summary>
    public const int RocBandResamples = 200;

    public static string Build(TrainingReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var r = input.Result;
        var oof = input.OutOfFold();
        var labels = input.Labels;
        var cv = r.CrossValidated;
        // Wide enough for two charts side by side; narrower windows stack them.
        var report = new HtmlReport("Resistance model: training report") { MaxWidth = 1500 }
            .Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"Data: {input.Source}; label '{input.Label}'; {ModelKind(r.Model.Ensemble, r.Model.Settings)} tuned by {r.Folds}-fold stratified cross-validation, {(r.Calibration.Calibrator.Method == "none" ? "no recalibration (cross-validation found it did not help)" : r.Calibration.Calibrator.Method + " calibration")}. No patient identifiers are included in this report."))
            .Warnings(ReportWarnings.For(input));

        var cohort = CohortSummary.Compute(input.Data);
        CohortSection.Write(report, cohort, input.Label);
        CohortTableSection.Write(report, CohortTable.Compute(input.Data, input.OrderedLevels), cohort, input.Label);
        LinearTermsSection.Write(report, LinearTerms.Compute(input.Data, r.Model, input.ReplicateModels), input.Bootstrap is not null, r.Model.Ensemble.Trees.Count);
        PerformanceSection.Write(report, input);

        var band = RocBand.Compute(oof, labels, RocBandResamples, input.Options.Seed);
        report.Heading("Discrimination, calibration and clinical usefulness", "charts").Figures(
        [
            (ChartRenderer.ToSvg(RocChart.Build(oof, labels, cv.Auc, cv.AtThreshold, band)),
                $"ROC curve of the calibrated out-of-fold (cross-validated) predictions: each patient scored by a model fitted without them. AUC with DeLong 95% CI in the legend; shaded: pointwise 95% band from {RocBandResamples} bootstrap resamples of these predictions (vertical averaging)."),
            (ChartRenderer.ToSvg(CalibrationChart.Build(oof, labels, cv.Calibration)),
                $"Observed proportion against predicted probability, out-of-fold predictions: {CalibrationChart.GroupCount(oof.Length)} equal-sized risk groups with Wilson 95% intervals, and a Gaussian-kernel smooth. Calibration intercept (ideal 0) and slope (ideal 1) by logistic recalibration; a slope below 1 means predictions too extreme."),
            (ChartRenderer.ToSvg(DecisionCurveChart.Build(cv.DecisionCurve, r.Model.Threshold)),
                "Decision curve: net benefit = TP/n − FP/n · pt/(1 − pt) of the out-of-fold predictions, against treating every patient as resistant and treating none. The model is useful where its curve lies above both."),
        ]);

        var shap = ShapValues.Compute(r.Model.Ensemble, input.Data);
        int top = Math.Min(ShapFeatures, shap.Features.Count);
        report.Heading("Feature importance and SHAP summary", "explanations").Figures(
        [
            (BarChartRenderer.ToSvg(ImportanceChart.Build(shap)),
                "Mean absolute TreeSHAP contribution (log-odds) of each feature over the cohort, for the final ensemble (trained on all rows). Importance describes the model, not causation."),
            (BeeswarmRenderer.ToSvg(ShapSummaryChart.Build(shap, top)),
                $"Exact TreeSHAP contribution of the top {top} features for each patient under the final ensemble; colour: the patient's value of the feature (5th–95th percentile scale), grey when missing. Dots right of zero push the prediction towards resistance." +
                (input.Data.RowCount > ShapSummaryChart.MaxDots ? $" Every {(int)Math.Ceiling(input.Data.RowCount / (double)ShapSummaryChart.MaxDots)}th patient is drawn." : "")),
        ]);

        var unused = ZeroImportance.Find(input.Data, r.Model.Ensemble, r.Model.Settings, shap);
        report.Paragraph(unused.Count == 0 ? "Every candidate feature moves some patient's prediction." : $"{unused.Count} candidate feature(s) have zero importance: they change no patient's prediction.");
        if (unused.Count > 0)
            report.Table(["Feature with zero importance", "Why"], unused.Select(u => (IReadOnlyList<string>)[u.Name, u.Reason]),
                "Never split on: no tree uses the feature. Dropped by the lasso: the linear start's L1 penalty set its coefficient to exactly 0.");

        var (rows, chosen) = ThresholdTable.Compute(oof, labels, r.Model.Threshold);
        report.Heading("Decision threshold", "thresholds")
            .Table(ThresholdTable.Header, rows.Select(ThresholdTable.Cells), $"Out-of-fold predictions; predicted resistant when p ≥ threshold. Highlighted: the chosen threshold, by the rule {r.Model.Rule.Describe()}.", chosen)
            .Table(ChosenThresholdTable.Header, ChosenThresholdTable.Rows(rows[chosen]), ChosenThresholdTable.Caption(rows[chosen], r.Positives / (double)r.Rows));

        SampleSizeSection.Write(report, input);
        SettingsSection.Write(report, input);

        var fingerprint = input.Fingerprint;
        report.Heading("Data fingerprint", "fingerprint")
            .Table(["Field", "Value"],
            [
                ["Rows", ReportNumbers.Count(fingerprint.Rows)],
                ["Positives", ReportNumbers.Count(fingerprint.Positives)],
                ["SHA-256", fingerprint.Sha256],
            ], "SHA-256 over the feature names, kinds, levels, values and labels as the trainer saw them, computed as model files record their data fingerprint, so a model and its report can be matched to the data.");
        return report.ToHtml();
    }

    private static string ModelKind(Predictor.Scoring.Trees.TreeEnsemble ensemble, Predictor.Training.Gbdt.GbdtOptions settings) => (settings.LinearStartRegularisation(), ensemble.Trees.Count) switch
    {
        (null, _) => "gradient-boosted trees",
        ({ } start, 0) => $"a {start.Kind} logistic regression (no tree beat it)",
        ({ } start, _) => $"gradient-boosted trees on a {start.Kind} logistic start ({ensemble.Trees.Count} trees)",
    };
}
