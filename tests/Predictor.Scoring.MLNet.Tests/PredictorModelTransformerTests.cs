using Microsoft.ML;
using Microsoft.ML.Data;
using Predictor.Scoring.Input;

namespace Predictor.Scoring.MLNet.Tests;

/// <summary>The transformer's scores against Predictor.Scoring's own, on the bundled cohort (missing values, every category).</summary>
public sealed class PredictorModelTransformerTests
{
    private const double Tolerance = 1e-12;
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void Named_columns_in_a_pipeline_score_as_the_library_does()
    {
        var rows = BundledCohort.Rows;
        var data = _ml.Data.LoadFromEnumerable(BundledCohort.Patients());
        // An ordinary ML.NET step before ours: the pipeline composes like any other.
        var pipeline = _ml.Transforms.CopyColumns("age_copy", "age_years")
            .Append(_ml.Transforms.ScoreWithPredictorModel(BundledCohort.ModelPath));
        var scored = pipeline.Fit(data).Transform(data);

        var raw = scored.GetColumn<double>("Score").ToArray();
        var probability = scored.GetColumn<double>("Probability").ToArray();
        var label = scored.GetColumn<bool>("PredictedLabel").ToArray();
        Assert.Equal(rows.Count, raw.Length);
        var artifact = BundledCohort.Artifact;
        int positives = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            double expectedRaw = artifact.Model.PredictRaw(rows[i]);
            double expected = artifact.Predict(rows[i]);
            Assert.Equal(expectedRaw, raw[i], Tolerance);
            Assert.Equal(expected, probability[i], Tolerance);
            Assert.Equal(artifact.IsPositive(expected), label[i]);
            if (label[i]) positives++;
        }
        // Both labels occur, so the label column is not a constant.
        Assert.InRange(positives, 1, rows.Count - 1);
        Assert.Equal(rows.Count, scored.GetColumn<double>("age_copy").Count());
    }

    [Fact]
    public void A_features_vector_scores_as_the_library_does_in_single_and_double_precision()
    {
        var rows = BundledCohort.Rows.Take(1000).ToList();
        var artifact = BundledCohort.Artifact;
        var options = new PredictorModelOptions { FeaturesColumnName = "features" };

        var doubles = _ml.Data.LoadFromEnumerable(rows.Select(r => new DoubleFeatureVector { Features = r }));
        var raw = _ml.Transforms.ScoreWithPredictorModel(artifact, options).Fit(doubles).Transform(doubles).GetColumn<double>("Score").ToArray();
        for (int i = 0; i < rows.Count; i++) Assert.Equal(artifact.Model.PredictRaw(rows[i]), raw[i], Tolerance);

        var singles = _ml.Data.LoadFromEnumerable(rows.Select(r => new FeatureVector { Features = r.Select(v => (float)v).ToArray() }));
        var probability = _ml.Transforms.ScoreWithPredictorModel(artifact, options).Fit(singles).Transform(singles).GetColumn<double>("Probability").ToArray();
        for (int i = 0; i < rows.Count; i++)
            Assert.Equal(artifact.Predict(rows[i].Select(v => (double)(float)v).ToArray()), probability[i], Tolerance);
    }

    [Fact]
    public void PredictionEngine_scores_one_patient_at_a_time_as_the_library_does()
    {
        var patients = BundledCohort.Patients().Take(200).ToList();
        var transformer = _ml.Transforms.ScoreWithPredictorModel(BundledCohort.ModelPath)
            .Fit(_ml.Data.LoadFromEnumerable(patients));
        using var engine = _ml.Model.CreatePredictionEngine<Patient, PatientPrediction>(transformer);
        var artifact = BundledCohort.Artifact;
        for (int i = 0; i < patients.Count; i++)
        {
            var prediction = engine.Predict(patients[i]);
            double expected = artifact.Predict(BundledCohort.Rows[i]);
            Assert.Equal(artifact.Model.PredictRaw(BundledCohort.Rows[i]), prediction.Score, Tolerance);
            Assert.Equal(expected, prediction.Probability, Tolerance);
            Assert.Equal(artifact.IsPositive(expected), prediction.PredictedLabel);
        }
    }

    [Fact]
    public void The_strict_policy_refuses_an_unknown_category_naming_row_and_feature()
    {
        var patients = BundledCohort.Patients().Take(5).ToList();
        patients[3].Sex = "female";
        var data = _ml.Data.LoadFromEnumerable(patients);
        var strict = new PredictorModelOptions { Policy = InputPolicy.Strict with { OutOfRange = OutOfRangeRule.Clamp } };
        var scored = _ml.Transforms.ScoreWithPredictorModel(BundledCohort.ModelPath, strict).Fit(data).Transform(data);
        var error = Assert.Throws<InvalidOperationException>(() => scored.GetColumn<double>("Score").ToArray());
        Assert.StartsWith("Row 3:", error.Message, StringComparison.Ordinal);
        Assert.Contains("'sex'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("female", error.Message, StringComparison.Ordinal);

        // The tolerant default scores the unknown level as missing, as predict does.
        var tolerant = _ml.Transforms.ScoreWithPredictorModel(BundledCohort.ModelPath).Fit(data).Transform(data);
        var row = (double[])BundledCohort.Rows[3].Clone();
        row[1] = double.NaN;
        Assert.Equal(BundledCohort.Artifact.Model.PredictRaw(row), tolerant.GetColumn<double>("Score").ElementAt(3), Tolerance);
    }

    [Fact]
    public void Unusable_columns_are_refused_before_any_row_is_read()
    {
        var vectors = _ml.Data.LoadFromEnumerable(BundledCohort.Rows.Take(3).Select(r => new DoubleFeatureVector { Features = r }));
        var strict = new PredictorModelOptions { Policy = InputPolicy.Strict };
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.ScoreWithPredictorModel(BundledCohort.ModelPath, strict).Fit(vectors));
        Assert.Contains("no column 'age_years'", missing.Message, StringComparison.Ordinal);

        var wrongVector = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _ml.Transforms.ScoreWithPredictorModel(BundledCohort.ModelPath, new PredictorModelOptions { FeaturesColumnName = "nope" }).Fit(vectors));
        Assert.Contains("no column 'nope'", wrongVector.Message, StringComparison.Ordinal);

        var text = _ml.Data.LoadFromEnumerable(new[] { new { age_years = "61" } });
        var wrongType = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.ScoreWithPredictorModel(BundledCohort.ModelPath).Fit(text));
        Assert.Contains("Column 'age_years' must be a number or Boolean", wrongType.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Saving_inside_an_ML_NET_zip_is_refused_with_the_reason()
    {
        var data = _ml.Data.LoadFromEnumerable(BundledCohort.Patients().Take(3));
        var transformer = _ml.Transforms.ScoreWithPredictorModel(BundledCohort.ModelPath).Fit(data);
        using var stream = new MemoryStream();
        var error = Assert.Throws<NotSupportedException>(() => _ml.Model.Save(transformer, data.Schema, stream));
        Assert.Contains("cannot be saved", error.Message, StringComparison.Ordinal);
    }
}
