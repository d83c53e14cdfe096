using System.Globalization;
using Predictor.Scoring.Artifact;
using Predictor.Training.Calibration;
using Predictor.Training.DataSets;
using Predictor.Training.Evaluation;
using Predictor.Training.Gbdt;
using Predictor.Training.Thresholds;
using Predictor.Training.Validation;

namespace Predictor.Training.Pipeline;

/// <summary>What the label is and who wrote the file: the parts of a model file the pipeline cannot know itself.</summary>
/// <param name="Label">The label column's name.</param>
/// <param name="LabelMeaning">What a positive label means, in words.</param>
/// <param name="Producer">Name and version of the program writing the file.</param>
/// <param name="CreatedUtc">When the file is written.</param>
public sealed record ArtifactDescription(string Label, string? LabelMeaning, string Producer, DateTimeOffset CreatedUtc);

/// <summary>
/// Turns a fitted pipeline into a complete model file for the scoring library: the ensemble with its training feature
/// ranges, the chosen calibrator in the scoring library's terms, the threshold and its rule, the tuned settings and
/// seed, the data fingerprint and the validation figures. A scorer reading the file reproduces
/// <see cref="PipelineModel.PredictProbabilities"/> without any training code.
/// </summary>
public static class PipelineArtifact
{
    public static ModelArtifact Create(PipelineResult result, TrainingSet data, ArtifactDescription description, OptimismResult? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(description);
        var model = result.Model;
        var options = TrainingProvenance.Describe(model.Settings);
        // Only another learner is named, so files of the default pipeline stay byte for byte what they were.
        if (result.Learner != GbdtLearner.Instance.Name) options["pipeline.learner"] = result.Learner;
        options["pipeline.folds"] = result.Folds.ToString(CultureInfo.InvariantCulture);
        options["pipeline.calibration"] = model.Calibrator.Method;
        options["pipeline.baseline_penalty"] = model.Baseline.Penalty.ToString(CultureInfo.InvariantCulture);
        options["pipeline.baseline_l1_ratio"] = model.Baseline.L1Ratio.ToString(CultureInfo.InvariantCulture);
        return new ModelArtifact(TrainingProvenance.WithFeatureRanges(model.Ensemble, data), new ModelMetadata
        {
            Label = description.Label,
            LabelMeaning = description.LabelMeaning,
            Calibration = Calibration(model.Calibrator),
            Threshold = new DecisionThreshold(model.Threshold, RuleName(model.Rule)),
            TrainingOptions = options,
            Seed = model.Settings.Seed,
            Data = TrainingProvenance.Fingerprint(data),
            Metrics = Metrics(result, bootstrap),
            Producer = description.Producer,
            CreatedUtc = description.CreatedUtc,
        });
    }

    /// <summary>
    /// The training calibrator as the scoring library applies it. Platt scaling was fitted on logit(sigmoid(raw)), which
    /// is the raw score itself, so its coefficients carry over; isotonic knots are kept only where the step function
    /// changes (first and last input of each flat block), which leaves the interpolated function unchanged.
    /// </summary>
    public static ProbabilityCalibration? Calibration(ICalibrator calibrator) => calibrator switch
    {
        IdentityCalibrator => null,
        PlattCalibrator platt => new PlattCalibration(platt.Slope, platt.Intercept),
        IsotonicCalibrator isotonic => Isotonic(isotonic.Knots),
        null => throw new ArgumentNullException(nameof(calibrator)),
        _ => throw new NotSupportedException($"Calibration method '{calibrator.Method}' has no counterpart in the model file format."),
    };

    private static IsotonicCalibration Isotonic(IReadOnlyList<(double X, double Y)> knots)
    {
        var x = new List<double>();
        var y = new List<double>();
        for (int i = 0; i < knots.Count; i++)
        {
            bool sameAsBefore = i > 0 && knots[i - 1].Y == knots[i].Y;
            bool sameAsAfter = i + 1 < knots.Count && knots[i + 1].Y == knots[i].Y;
            if (sameAsBefore && sameAsAfter) continue;
            x.Add(knots[i].X);
            y.Add(knots[i].Y);
        }
        return new IsotonicCalibration(x, y);
    }

    /// <summary>The rule's short name in the file: "youden" or "sensitivity>=0.9".</summary>
    public static string RuleName(ThresholdRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.MinimumSensitivity is { } s ? string.Create(CultureInfo.InvariantCulture, $"sensitivity>={s:0.###}") : "youden";
    }

    /// <summary>
    /// Validation figures by name: <c>cv.*</c> for the calibrated out-of-fold predictions, <c>optimism_corrected.*</c>
    /// when the bootstrap ran, <c>baseline.cv.*</c> for the ridge logistic comparator. Figures that are not estimable
    /// (NaN, for example a calibration slope under perfect separation) are left out rather than written as numbers.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Metrics(PipelineResult result, OptimismResult? bootstrap)
    {
        ArgumentNullException.ThrowIfNull(result);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        void Add(string name, double value)
        {
            if (double.IsFinite(value)) metrics[name] = value;
        }
        void AddSummary(string prefix, PerformanceSummary s)
        {
            Add(prefix + "auc", s.Auc.Auc);
            Add(prefix + "auc_ci_lower", s.Auc.Lower);
            Add(prefix + "auc_ci_upper", s.Auc.Upper);
            Add(prefix + "brier", s.Brier);
            Add(prefix + "calibration_intercept", s.Calibration.Intercept);
            Add(prefix + "calibration_slope", s.Calibration.Slope);
            Add(prefix + "sensitivity", s.AtThreshold.Sensitivity);
            Add(prefix + "specificity", s.AtThreshold.Specificity);
        }
        AddSummary("cv.", result.CrossValidated);
        Add("apparent.auc", result.Apparent.Auc.Auc);
        Add("apparent.brier", result.Apparent.Brier);
        Add("baseline.cv.auc", result.BaselineCrossValidated.Auc.Auc);
        Add("baseline.cv.brier", result.BaselineCrossValidated.Brier);
        if (bootstrap is not null)
        {
            foreach (var metric in bootstrap.Metrics) Add("optimism_corrected." + metric.Name, metric.Corrected);
            Add("optimism_corrected.replicates", bootstrap.Replicates);
        }
        return metrics;
    }
}
