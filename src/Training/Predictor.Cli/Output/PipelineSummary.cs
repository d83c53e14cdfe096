using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Predictor.Reports.Training;
using Predictor.Training.Evaluation;
using Predictor.Training.Pipeline;
using Predictor.Training.SampleSize;
using Predictor.Training.Validation;
using Spectre.Console;

namespace Predictor.Cli.Output;

/// <summary>Performance of the final pipeline model and its comparator on a held-out file.</summary>
internal sealed record HeldOut(PerformanceSummary Model, PerformanceSummary Baseline);

/// <summary>The end-of-run summary of <c>predictor train</c>: a compact table for people, or JSON for machines.</summary>
internal static class PipelineSummary
{
    public static void WriteTable(TextWriter output, PipelineResult result, OptimismResult? bootstrap, SampleSizeRequirement sampleSize, HeldOut? heldOut)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Only the table goes through Spectre, at a width it fits; prose lines are written as they are, never hard-wrapped.
        console.Profile.Width = 120;
        var settings = result.Model.Settings;
        output.WriteLine(F($"Cohort: {result.Rows} rows, {result.Positives} positive; {result.Folds}-fold stratified CV."));
        string trees = F($"{settings.Trees} trees, {settings.Leaves} leaves, depth {settings.MaxDepth}, learning rate {settings.LearningRate}, min rows/leaf {settings.MinRowsPerLeaf}, L2 {settings.L2}, subsample {settings.RowSubsample}/{settings.FeatureSubsample}.");
        if (result.Learner != GbdtLearner.Instance.Name)
            output.WriteLine(F($"Chosen GBDT (learner {result.Learner}, ML.NET's trainer; numeric missing values replaced by the training mean plus a missing indicator, categories one-hot): {settings.Trees} trees, {settings.Leaves} leaves, learning rate {settings.LearningRate}, min rows/leaf {settings.MinRowsPerLeaf}, {settings.MaxBins} bins."));
        else output.WriteLine(result.Model.Ensemble.Linear is not { } linear || settings.LinearStartRegularisation() is not { } start ? "Chosen GBDT: " + trees
            : settings.Trees == 0 ? F($"Chosen model: a {start.Kind} logistic regression alone ({start.Describe()}, {linear.Terms.Count} linear terms); no tree model beat it in cross-validation by more than one standard error.")
            : F($"Chosen GBDT: boosted from a {start.Kind} logistic regression ({start.Describe()}, {linear.Terms.Count} linear terms), then {trees}"));
        output.WriteLine(F($"Calibration: {result.Model.Calibrator.Method} (CV Brier platt {result.Calibration.PlattBrier:F4}, isotonic {result.Calibration.IsotonicBrier:F4}, none {result.Calibration.UncalibratedBrier:F4}); threshold {result.Model.Threshold:F3} by {result.Model.Rule.Describe()}."));
        output.WriteLine(F($"Comparator: {result.Model.Baseline.Describe()}, penalty {result.Model.Baseline.Penalty} (sklearn C = 1/penalty) chosen by CV."));
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumns("Metric", "GBDT apparent", "GBDT cross-validated", "GBDT optimism-corrected", Capitalised(result.Model.Baseline.Name) + " CV");
        string Corrected(string name, Func<BootstrapMetric, double> pick) => bootstrap is null ? "-" : N(pick(bootstrap[name]));
        var a = result.Apparent;
        var cv = result.CrossValidated;
        var lr = result.BaselineCrossValidated;
        table.AddRow("AUC (95% CI)", Auc(a.Auc), Auc(cv.Auc), Corrected("auc", m => m.Corrected), Auc(lr.Auc));
        table.AddRow("Brier", N(a.Brier), N(cv.Brier), Corrected("brier", m => m.Corrected), N(lr.Brier));
        table.AddRow("Calibration intercept", N(a.Calibration.Intercept), N(cv.Calibration.Intercept), Corrected("calibration_intercept", m => m.Corrected), N(lr.Calibration.Intercept));
        table.AddRow("Calibration slope", N(a.Calibration.Slope), N(cv.Calibration.Slope), Corrected("calibration_slope", m => m.Corrected), N(lr.Calibration.Slope));
        table.AddRow("Sensitivity", N(a.AtThreshold.Sensitivity), N(cv.AtThreshold.Sensitivity), "-", N(lr.AtThreshold.Sensitivity));
        table.AddRow("Specificity", N(a.AtThreshold.Specificity), N(cv.AtThreshold.Specificity), "-", N(lr.AtThreshold.Specificity));
        table.AddRow("PPV", N(a.AtThreshold.PositivePredictiveValue), N(cv.AtThreshold.PositivePredictiveValue), "-", N(lr.AtThreshold.PositivePredictiveValue));
        table.AddRow("NPV", N(a.AtThreshold.NegativePredictiveValue), N(cv.AtThreshold.NegativePredictiveValue), "-", N(lr.AtThreshold.NegativePredictiveValue));
        var nb = cv.DecisionCurve.MinBy(p => Math.Abs(p.Threshold - result.Model.Threshold))!;
        table.AddRow(F($"Net benefit at {nb.Threshold:F2}"), "-", F($"{nb.Model:F3} (treat all {nb.TreatAll:F3})"), "-", "-");
        console.Write(table);
        if (heldOut is not null)
        {
            output.WriteLine(F($"Held-out data: GBDT AUC {Auc(heldOut.Model.Auc)}, Brier {heldOut.Model.Brier:F4}, calibration intercept {N(heldOut.Model.Calibration.Intercept)}, slope {N(heldOut.Model.Calibration.Slope)}"));
            output.WriteLine(F($"               {result.Model.Baseline.Name} AUC {Auc(heldOut.Baseline.Auc)}, Brier {heldOut.Baseline.Brier:F4}"));
        }
        if (bootstrap is not null)
            output.WriteLine(F($"Optimism bootstrap: {bootstrap.Replicates} replicates of the whole pipeline, tuning included ({bootstrap.Skipped} skipped; calibration estimable in {bootstrap["calibration_slope"].Replicates})."));
        else output.WriteLine(F($"Optimism bootstrap: off (by default it runs only up to {OptimismBootstrap.DefaultMaxRows} rows; this cohort has {result.Rows}); pass --bootstrap {OptimismBootstrap.DefaultReplicates} to run it."));
        output.WriteLine(F($"Sample size (Riley et al., {sampleSize.Parameters} parameters, prevalence {sampleSize.Prevalence:F3}, R2_CS {sampleSize.CoxSnellR2:F3}): needs {sampleSize.Required} (criteria {sampleSize.Criterion1}/{sampleSize.Criterion2}/{sampleSize.Criterion3}); have {result.Rows}."));
        foreach (var warning in Warnings(result, sampleSize)) output.WriteLine("warning: " + warning);
    }

    public static IEnumerable<string> Warnings(PipelineResult result, SampleSizeRequirement sampleSize)
    {
        foreach (var w in result.Warnings) yield return w;
        if (result.Rows < sampleSize.Required)
            yield return F($"the data ({result.Rows} rows) are below the minimum sample size ({sampleSize.Required}); expect overfitting and treat the performance figures with caution.");
    }

    public static void WriteJson(TextWriter output, PipelineResult result, OptimismResult? bootstrap, SampleSizeRequirement sampleSize, HeldOut? heldOut,
        IReadOnlyList<CohortTableRow>? cohortTable = null)
    {
        var document = new
        {
            rows = result.Rows,
            positives = result.Positives,
            folds = result.Folds,
            learner = result.Learner,
            settings = new
            {
                trees = result.Model.Settings.Trees,
                linear_start_penalty = result.Model.Settings.LinearStartPenalty,
                linear_start_l1_ratio = result.Model.Settings.LinearStartPenalty is null ? (double?)null : result.Model.Settings.LinearStartL1Ratio,
                linear_terms = result.Model.Ensemble.Linear?.Terms.Count ?? 0,
                leaves = result.Model.Settings.Leaves,
                max_depth = result.Model.Settings.MaxDepth,
                learning_rate = result.Model.Settings.LearningRate,
                min_rows_per_leaf = result.Model.Settings.MinRowsPerLeaf,
                l2 = result.Model.Settings.L2,
                row_subsample = result.Model.Settings.RowSubsample,
                feature_subsample = result.Model.Settings.FeatureSubsample,
            },
            calibration = new { method = result.Model.Calibrator.Method, platt_cv_brier = result.Calibration.PlattBrier, isotonic_cv_brier = result.Calibration.IsotonicBrier, uncalibrated_cv_brier = result.Calibration.UncalibratedBrier },
            threshold = new { value = result.Model.Threshold, rule = result.Model.Rule.Describe() },
            apparent = Metrics(result.Apparent),
            cross_validated = Metrics(result.CrossValidated),
            baseline_cross_validated = Metrics(result.BaselineCrossValidated),
            baseline_penalty = result.Model.Baseline.Penalty,
            bootstrap = bootstrap is null ? null : new
            {
                replicates = bootstrap.Replicates,
                skipped = bootstrap.Skipped,
                metrics = bootstrap.Metrics.Select(m => new { name = m.Name, apparent = m.Apparent, optimism = m.Optimism, corrected = m.Corrected }),
            },
            sample_size = new
            {
                parameters = sampleSize.Parameters,
                prevalence = sampleSize.Prevalence,
                cox_snell_r2 = sampleSize.CoxSnellR2,
                criterion_1 = sampleSize.Criterion1,
                criterion_2 = sampleSize.Criterion2,
                criterion_3 = sampleSize.Criterion3,
                required = sampleSize.Required,
            },
            held_out = heldOut is null ? null : new { model = Metrics(heldOut.Model), baseline = Metrics(heldOut.Baseline) },
            table_1 = cohortTable?.Select(CohortTableJson),
            warnings = Warnings(result, sampleSize).ToArray(),
        };
        output.WriteLine(JsonSerializer.Serialize(document, JsonOptions));
    }

    internal static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    internal static object Metrics(PerformanceSummary s) => new
    {
        auc = s.Auc.Auc,
        auc_ci_lower = s.Auc.Lower,
        auc_ci_upper = s.Auc.Upper,
        brier = s.Brier,
        calibration_intercept = s.Calibration.Intercept,
        calibration_slope = s.Calibration.Slope,
        threshold = s.AtThreshold.Threshold,
        sensitivity = s.AtThreshold.Sensitivity,
        specificity = s.AtThreshold.Specificity,
        ppv = s.AtThreshold.PositivePredictiveValue,
        npv = s.AtThreshold.NegativePredictiveValue,
        // Wilson score 95% intervals of the four proportions (NaN when a denominator is empty).
        sensitivity_ci_lower = s.AtThreshold.SensitivityInterval.Lower,
        sensitivity_ci_upper = s.AtThreshold.SensitivityInterval.Upper,
        specificity_ci_lower = s.AtThreshold.SpecificityInterval.Lower,
        specificity_ci_upper = s.AtThreshold.SpecificityInterval.Upper,
        ppv_ci_lower = s.AtThreshold.PositivePredictiveValueInterval.Lower,
        ppv_ci_upper = s.AtThreshold.PositivePredictiveValueInterval.Upper,
        npv_ci_lower = s.AtThreshold.NegativePredictiveValueInterval.Lower,
        npv_ci_upper = s.AtThreshold.NegativePredictiveValueInterval.Upper,
        proportion_ci_method = "wilson",
    };

    /// <summary>A Table 1 row: median and quartiles of a measurement, or the count of a level, per outcome group (resistant, not resistant, all).</summary>
    private static object CohortTableJson(CohortTableRow row) => new
    {
        feature = row.Feature,
        level = row.Level,
        unit = row.Unit,
        statistic = row.Groups.Count == 0 ? "heading" : row.IsCount ? "count" : "median_iqr",
        missing = row.Missing,
        groups = row.Groups.Select((g, i) => new
        {
            group = CohortTable.GroupNames[i],
            present = g.Present,
            median = row.IsCount ? (double?)null : g.Median,
            q1 = row.IsCount ? (double?)null : g.Lower,
            q3 = row.IsCount ? (double?)null : g.Upper,
            count = row.IsCount ? g.Count : (int?)null,
        }),
    };

    private static string Capitalised(string text) => string.Concat(text[..1].ToUpperInvariant(), text[1..]);

    private static string Auc(DeLongAuc auc) => F($"{auc.Auc:F3} ({auc.Lower:F3}-{auc.Upper:F3})");

    private static string N(double value) => double.IsNaN(value) ? "n/a" : value.ToString("F3", CultureInfo.InvariantCulture);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
