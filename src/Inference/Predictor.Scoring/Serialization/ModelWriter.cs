using System.Text.Json;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Linear;
using Predictor.Scoring.Trees;

namespace Predictor.Scoring.Serialization;

/// <summary>Writes a model's content (everything but the checksum) in the documented member order.</summary>
internal static class ModelWriter
{
    public static void Write(Utf8JsonWriter json, ModelArtifact artifact)
    {
        var model = artifact.Model;
        var meta = artifact.Metadata;
        json.WriteStartObject();
        json.WriteNumber("formatVersion", ModelJson.FormatVersionFor(model));
        json.WriteString("kind", ModelJson.Kind);
        if (meta.Producer is not null) json.WriteString("producer", meta.Producer);
        if (meta.CreatedUtc is { } created) json.WriteString("createdUtc", created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        if (meta.Label is not null || meta.LabelMeaning is not null)
        {
            json.WriteStartObject("label");
            if (meta.Label is not null) json.WriteString("name", meta.Label);
            if (meta.LabelMeaning is not null) json.WriteString("meaning", meta.LabelMeaning);
            json.WriteEndObject();
        }
        json.WriteNumber("baseScore", model.BaseScore);
        if (model.Linear is { } linear) WriteLinear(json, linear);
        WriteProbability(json, meta.Calibration);
        if (meta.Threshold is { } threshold)
        {
            json.WriteStartObject("threshold");
            json.WriteNumber("value", threshold.Value);
            json.WriteString("rule", threshold.Rule);
            json.WriteEndObject();
        }
        json.WriteStartArray("features");
        foreach (var feature in model.Features) WriteFeature(json, feature);
        json.WriteEndArray();
        json.WriteStartArray("trees");
        foreach (var tree in model.Trees) WriteTree(json, tree);
        json.WriteEndArray();
        WriteTraining(json, meta);
        if (meta.Data is { } data)
        {
            json.WriteStartObject("data");
            json.WriteNumber("rows", data.Rows);
            json.WriteNumber("positives", data.Positives);
            json.WriteString("sha256", data.Sha256);
            json.WriteEndObject();
        }
        json.WriteStartObject("metrics");
        foreach (var (name, value) in meta.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal)) json.WriteNumber(name, value);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteProbability(Utf8JsonWriter json, ProbabilityCalibration? calibration)
    {
        json.WriteStartObject("probability");
        json.WriteString("transform", "logistic");
        switch (calibration)
        {
            case null:
                break;
            case PlattCalibration platt:
                json.WriteStartObject("calibration");
                json.WriteString("method", platt.Method);
                json.WriteNumber("slope", platt.Slope);
                json.WriteNumber("intercept", platt.Intercept);
                json.WriteEndObject();
                break;
            case IsotonicCalibration isotonic:
                json.WriteStartObject("calibration");
                json.WriteString("method", isotonic.Method);
                WriteNumbers(json, "inputs", isotonic.Inputs);
                WriteNumbers(json, "outputs", isotonic.Outputs);
                json.WriteEndObject();
                break;
            default:
                throw new NotSupportedException($"Calibration method '{calibration.Method}' has no file representation.");
        }
        json.WriteEndObject();
    }

    private static void WriteTraining(Utf8JsonWriter json, ModelMetadata meta)
    {
        json.WriteStartObject("training");
        if (meta.Seed is { } seed) json.WriteNumber("seed", seed);
        json.WriteStartObject("options");
        foreach (var (name, value) in meta.TrainingOptions.OrderBy(o => o.Key, StringComparer.Ordinal)) json.WriteString(name, value);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteLinear(Utf8JsonWriter json, LinearMargin linear)
    {
        json.WriteStartObject("linear");
        json.WriteStartArray("terms");
        foreach (var term in linear.Terms)
        {
            json.WriteStartObject();
            json.WriteNumber("feature", term.Feature);
            if (term.IsCategorical) WriteNumbers(json, "levels", term.LevelValues);
            else json.WriteNumber("slope", term.Slope);
            json.WriteNumber("missing", term.MissingValue);
            json.WriteNumber("mean", term.MeanContribution);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteFeature(Utf8JsonWriter json, ModelFeature feature)
    {
        json.WriteStartObject();
        json.WriteString("name", feature.Name);
        json.WriteString("kind", feature.Kind == FeatureKind.Categorical ? "categorical" : "numeric");
        if (feature.Kind == FeatureKind.Categorical)
        {
            json.WriteStartArray("levels");
            foreach (var level in feature.Levels) json.WriteStringValue(level);
            json.WriteEndArray();
        }
        if (feature.Minimum is { } min) json.WriteNumber("minimum", min);
        if (feature.Maximum is { } max) json.WriteNumber("maximum", max);
        json.WriteEndObject();
    }

    private static void WriteTree(Utf8JsonWriter json, RegressionTree tree)
    {
        json.WriteStartObject();
        json.WriteStartArray("nodes");
        for (int node = 0; node < tree.NodeCount; node++)
        {
            json.WriteStartObject();
            json.WriteNumber("feature", tree.SplitFeature[node]);
            var categories = tree.CategoriesLeft(node);
            if (categories is null)
            {
                json.WriteNumber("threshold", tree.Threshold[node]);
            }
            else
            {
                json.WriteStartArray("categoriesLeft");
                for (int word = 0; word < categories.Count; word++)
                {
                    for (int bit = 0; bit < 64; bit++)
                    {
                        if ((categories[word] & (1UL << bit)) != 0) json.WriteNumberValue(word * 64 + bit);
                    }
                }
                json.WriteEndArray();
            }
            json.WriteBoolean("defaultLeft", tree.DefaultLeft[node]);
            json.WriteNumber("left", tree.LeftChild[node]);
            json.WriteNumber("right", tree.RightChild[node]);
            if (tree.NodeCover is { } cover) json.WriteNumber("cover", cover[node]);
            if (tree.NodeGain is { } gain) json.WriteNumber("gain", gain[node]);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteNumbers(json, "leaves", tree.LeafValues);
        if (tree.LeafCover is { } leafCover) WriteNumbers(json, "leafCovers", leafCover);
        json.WriteEndObject();
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, IReadOnlyList<double> values)
    {
        json.WriteStartArray(name);
        foreach (double value in values) json.WriteNumberValue(value);
        json.WriteEndArray();
    }
}
