using System.Text;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;
using Predictor.Training.Calibration;
using Predictor.Training.DataSets;
using Predictor.Training.Evaluation;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;
using Predictor.Training.Pipeline;
using Predictor.Training.Tests.Support;
using Predictor.Training.Thresholds;
using Predictor.Training.Validation;
using Xunit;

namespace Predictor.Training.Tests.Pipeline;

public sealed class PipelineArtifactTests
{
    private static readonly PipelineOptions Options = new() { Threads = 1, Seed = 7, Folds = 3 };
    private static readonly ArtifactDescription Description = new("resistant_6m", "progression within six months", "tests", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    private static readonly Lazy<(TrainingSet Train, PipelineResult Result)> Fitted = new(() =>
    {
        var train = SyntheticCohort.Generate(150, 21);
        return (train, ClinicalPipeline.Fit(train, Options));
    });

    /// <summary>Writes the artifact to JSON and reads it back, so the comparison covers the file format too.</summary>
    private static ModelArtifact RoundTrip(ModelArtifact artifact)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(ModelJson.ToJson(artifact)));
        return ModelJson.ReadArtifact(stream);
    }

    [Fact]
    public void ModelFileProbabilitiesEqualThePipelinesForPlattAndIsotonic()
    {
        var (train, result) = Fitted.Value;
        var test = SyntheticCohort.Generate(400, 22);
        var uncalibrated = EnsembleScores.Predict(result.Model.Ensemble, train);
        ICalibrator[] calibrators = [PlattCalibrator.Fit(uncalibrated, train.Labels), IsotonicCalibrator.Fit(uncalibrated, train.Labels)];
        foreach (var calibrator in calibrators)
        {
            var variant = result with { Model = result.Model with { Calibrator = calibrator } };
            var artifact = RoundTrip(PipelineArtifact.Create(variant, train, Description));
            Assert.Equal(calibrator.Method, artifact.Metadata.Calibration!.Method);
            var expected = variant.Model.PredictProbabilities(test);
            var actual = EnsembleScores.Predict(artifact, test);
            // Platt goes through logit(sigmoid(raw)) on the training side and raw on the scoring side: equal to rounding.
            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-12);
            // And row by row through the scoring library's own entry point.
            for (int i = 0; i < 20; i++) Assert.Equal(expected[i], artifact.Predict(test.Row(i)), 1e-12);
        }
    }

    [Fact]
    public void PlattParametersCarryOverAsSlopeAndIntercept()
    {
        var calibration = Assert.IsType<PlattCalibration>(PipelineArtifact.Calibration(new PlattCalibrator(-0.25, 1.5)));
        Assert.Equal(1.5, calibration.Slope);
        Assert.Equal(-0.25, calibration.Intercept);
        // Hand-computed: sigmoid(1.5 * 0.8 - 0.25) = sigmoid(0.95).
        Assert.Equal(1 / (1 + Math.Exp(-0.95)), calibration.Apply(0.8, TreeEnsemble.Sigmoid(0.8)), 15);
    }

    [Fact]
    public void IsotonicKnotsAreCompressedWithoutChangingTheFunction()
    {
        // PAV by hand: outcomes 0,1,0,1,1,1 at 0.1..0.6 pool to 0, 0.5, 0.5, 1, 1, 1.
        var fitted = IsotonicCalibrator.Fit([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [0, 1, 0, 1, 1, 1]);
        var calibration = Assert.IsType<IsotonicCalibration>(PipelineArtifact.Calibration(fitted));
        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.6], calibration.Inputs);
        Assert.Equal([0.0, 0.5, 0.5, 1.0, 1.0], calibration.Outputs);
        for (double p = 0; p <= 1; p += 0.01) Assert.Equal(fitted.Apply(p), calibration.Apply(0, p), 15);
    }

    [Fact]
    public void MetadataRecordsThresholdSettingsDataAndMetrics()
    {
        var (train, result) = Fitted.Value;
        var bootstrap = new OptimismResult(5, 0, [new BootstrapMetric("auc", 0.9, 0.05, 5), new BootstrapMetric("calibration_slope", double.NaN, double.NaN, 0)]);
        var artifact = RoundTrip(PipelineArtifact.Create(result, train, Description, bootstrap));
        var meta = artifact.Metadata;
        Assert.Equal("resistant_6m", meta.Label);
        Assert.Equal("progression within six months", meta.LabelMeaning);
        Assert.Equal(result.Model.Threshold, meta.Threshold!.Value);
        Assert.Equal("youden", meta.Threshold.Rule);
        Assert.Equal(7UL, meta.Seed);
        Assert.Equal(result.Model.Settings.Trees.ToString(System.Globalization.CultureInfo.InvariantCulture), meta.TrainingOptions["Trees"]);
        Assert.Equal(result.Model.Calibrator.Method, meta.TrainingOptions["pipeline.calibration"]);
        Assert.Equal(TrainingProvenance.Fingerprint(train), meta.Data);
        Assert.Equal(result.CrossValidated.Auc.Auc, meta.Metrics["cv.auc"]);
        Assert.Equal(result.CrossValidated.Brier, meta.Metrics["cv.brier"]);
        Assert.Equal(result.BaselineCrossValidated.Auc.Auc, meta.Metrics["baseline.cv.auc"]);
        Assert.Equal(0.85, meta.Metrics["optimism_corrected.auc"], 12);
        Assert.False(meta.Metrics.ContainsKey("optimism_corrected.calibration_slope"));
        Assert.Equal("tests", meta.Producer);
        Assert.Equal(Description.CreatedUtc, meta.CreatedUtc);
        var age = artifact.Model.Features.Single(f => f.Name == "age_years");
        Assert.Equal(train.Features.Single(f => f.Name == "age_years").Values.Min(), age.Minimum);
        Assert.Equal(train.Features.Single(f => f.Name == "age_years").Values.Max(), age.Maximum);
    }

    [Fact]
    public void SensitivityRuleIsNamedInTheFile()
    {
        Assert.Equal("sensitivity>=0.9", PipelineArtifact.RuleName(ThresholdRule.AtLeastSensitivity(0.9)));
        Assert.Equal("youden", PipelineArtifact.RuleName(ThresholdRule.Youden));
    }

    [Fact]
    public void AModelWithoutSplitsOrSignalIsFlagged()
    {
        var data = SyntheticCohort.Generate(40, 3);
        var flat = BoostingTrainer.Train(data, GbdtPresets.Default with { Threads = 1, Trees = 5, MinRowsPerLeaf = 1000 }).Model;
        Assert.All(flat.Trees, t => Assert.Equal(0, t.NodeCount));
        var summary = PerformanceSummary.Compute(EnsembleScores.Predict(flat, data), data.Labels, 0.5);
        var warnings = ModelWarnings.For(flat, summary).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("no split", warnings[0], StringComparison.Ordinal);
        Assert.Contains("does not exclude 0.5", warnings[1], StringComparison.Ordinal);
    }
}
