using System.Globalization;
using System.Text.Json;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Linear;
using Predictor.Scoring.Trees;
using static Predictor.Scoring.Serialization.JsonFields;

namespace Predictor.Scoring.Serialization;

/// <summary>Builds a <see cref="ModelArtifact"/> from a parsed model file whose version and checksum were checked.</summary>
internal static class ModelReader
{
    public static ModelArtifact Read(JsonElement root, int version)
    {
        string kind = RequireString(root, "kind", "model");
        if (!string.Equals(kind, ModelJson.Kind, StringComparison.Ordinal))
            throw new ModelFormatException($"Model kind '{kind}' is not supported; expected '{ModelJson.Kind}'.");
        double baseScore = RequireDouble(root, "baseScore", "model");
        var features = Require(root, "features", JsonValueKind.Array, "model").EnumerateArray().Select(ReadFeature).ToList();
        var trees = new List<RegressionTree>();
        int t = 0;
        foreach (var tree in Require(root, "trees", JsonValueKind.Array, "model").EnumerateArray())
            trees.Add(ReadTree(tree, t++, features));
        var linear = ReadLinear(root, version);
        TreeEnsemble model;
        try
        {
            model = new TreeEnsemble(features, trees, baseScore, linear);
        }
        catch (ArgumentException ex)
        {
            throw new ModelFormatException("The model is inconsistent: " + ex.Message, ex);
        }
        return new ModelArtifact(model, version >= 2 ? ReadMetadata(root) : null);
    }

    private static LinearMargin? ReadLinear(JsonElement root, int version)
    {
        if (Optional(root, "linear", JsonValueKind.Object, "model") is not { } linear) return null;
        if (version < 3)
            throw new ModelFormatException($"The model has linear terms but says formatVersion {version}; linear terms need format 3.");
        var terms = new List<LinearTerm>();
        int index = 0;
        foreach (var term in Require(linear, "terms", JsonValueKind.Array, "linear").EnumerateArray())
        {
            string where = $"linear.terms[{index++}]";
            if (term.ValueKind != JsonValueKind.Object) throw new ModelFormatException($"{where} must be an object.");
            int feature = RequireInt(term, "feature", where);
            double missing = RequireDouble(term, "missing", where);
            double mean = RequireDouble(term, "mean", where);
            var levels = Optional(term, "levels", JsonValueKind.Array, where);
            bool hasSlope = term.TryGetProperty("slope", out _);
            if (levels is not null == hasSlope)
                throw new ModelFormatException($"{where} must have either 'slope' (numeric feature) or 'levels' (categorical feature).");
            try
            {
                terms.Add(levels is { } l
                    ? LinearTerm.Categorical(feature, Doubles(l, where + ".levels"), missing, mean)
                    : LinearTerm.Numeric(feature, RequireDouble(term, "slope", where), missing, mean));
            }
            catch (ArgumentException ex)
            {
                throw new ModelFormatException($"{where}: {ex.Message}", ex);
            }
        }
        try
        {
            return new LinearMargin(terms);
        }
        catch (ArgumentException ex)
        {
            throw new ModelFormatException("linear: " + ex.Message, ex);
        }
    }

    private static ModelMetadata ReadMetadata(JsonElement root)
    {
        try
        {
            var label = Optional(root, "label", JsonValueKind.Object, "model");
            var threshold = Optional(root, "threshold", JsonValueKind.Object, "model");
            var training = Optional(root, "training", JsonValueKind.Object, "model");
            var data = Optional(root, "data", JsonValueKind.Object, "model");
            var metrics = Optional(root, "metrics", JsonValueKind.Object, "model");
            string? created = Optional(root, "createdUtc", JsonValueKind.String, "model")?.GetString();
            var seed = training is { } tr ? Optional(tr, "seed", JsonValueKind.Number, "training") : null;
            var options = training is { } tr2 ? Optional(tr2, "options", JsonValueKind.Object, "training") : null;
            return new ModelMetadata
            {
                Producer = Optional(root, "producer", JsonValueKind.String, "model")?.GetString(),
                CreatedUtc = created is null ? null
                    : DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
                        ? when : throw new ModelFormatException($"model.createdUtc '{created}' is not a date and time."),
                Label = label is { } l ? Optional(l, "name", JsonValueKind.String, "label")?.GetString() : null,
                LabelMeaning = label is { } m ? Optional(m, "meaning", JsonValueKind.String, "label")?.GetString() : null,
                Calibration = ReadCalibration(Require(root, "probability", JsonValueKind.Object, "model")),
                Threshold = threshold is { } th ? new DecisionThreshold(RequireDouble(th, "value", "threshold"), RequireString(th, "rule", "threshold")) : null,
                Seed = seed is { } s ? (s.TryGetUInt64(out ulong value) ? value : throw new ModelFormatException("training.seed must be a non-negative integer.")) : null,
                TrainingOptions = options is { } o
                    ? o.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw new ModelFormatException($"training.options.{p.Name} must be a string."), StringComparer.Ordinal)
                    : new Dictionary<string, string>(StringComparer.Ordinal),
                Data = data is { } d ? new DataFingerprint(RequireLong(d, "rows", "data"), RequireLong(d, "positives", "data"), RequireString(d, "sha256", "data")) : null,
                Metrics = metrics is { } mt
                    ? mt.EnumerateObject().ToDictionary(p => p.Name, p => Finite(p.Value, $"metrics.{p.Name}"), StringComparer.Ordinal)
                    : new Dictionary<string, double>(StringComparer.Ordinal),
            };
        }
        catch (ArgumentException ex)
        {
            throw new ModelFormatException("The model metadata is invalid: " + ex.Message, ex);
        }
    }

    private static ProbabilityCalibration? ReadCalibration(JsonElement probability)
    {
        string transform = RequireString(probability, "transform", "probability");
        if (!string.Equals(transform, "logistic", StringComparison.Ordinal))
            throw new ModelFormatException($"probability.transform '{transform}' is not supported; expected 'logistic'.");
        if (Optional(probability, "calibration", JsonValueKind.Object, "probability") is not { } calibration) return null;
        string method = RequireString(calibration, "method", "calibration");
        return method switch
        {
            "platt" => new PlattCalibration(RequireDouble(calibration, "slope", "calibration"), RequireDouble(calibration, "intercept", "calibration")),
            "isotonic" => new IsotonicCalibration(
                Doubles(Require(calibration, "inputs", JsonValueKind.Array, "calibration"), "calibration.inputs"),
                Doubles(Require(calibration, "outputs", JsonValueKind.Array, "calibration"), "calibration.outputs")),
            _ => throw new ModelFormatException($"calibration.method '{method}' is not supported; expected 'platt' or 'isotonic'."),
        };
    }

    private static long RequireLong(JsonElement element, string name, string where) =>
        Require(element, name, JsonValueKind.Number, where).TryGetInt64(out long value)
            ? value : throw new ModelFormatException($"{where}.{name} must be an integer.");

    private static ModelFeature ReadFeature(JsonElement element, int index)
    {
        string where = $"features[{index}]";
        string name = RequireString(element, "name", where);
        string kind = RequireString(element, "kind", where);
        double? min = Optional(element, "minimum", JsonValueKind.Number, where) is { } lo ? Finite(lo, $"{where}.minimum") : null;
        double? max = Optional(element, "maximum", JsonValueKind.Number, where) is { } hi ? Finite(hi, $"{where}.maximum") : null;
        if (min > max) throw new ModelFormatException($"{where}: minimum {min} is above maximum {max}.");
        try
        {
            return kind switch
            {
                "numeric" => new ModelFeature(name, FeatureKind.Numeric) { Minimum = min, Maximum = max },
                "categorical" => new ModelFeature(name, FeatureKind.Categorical,
                    Require(element, "levels", JsonValueKind.Array, where).EnumerateArray()
                        .Select(l => l.ValueKind == JsonValueKind.String ? l.GetString()! : throw new ModelFormatException($"{where}.levels must hold strings."))
                        .ToList()),
                _ => throw new ModelFormatException($"{where}.kind is '{kind}'; expected 'numeric' or 'categorical'."),
            };
        }
        catch (ArgumentException ex)
        {
            throw new ModelFormatException($"{where}: {ex.Message}", ex);
        }
    }

    private static RegressionTree ReadTree(JsonElement element, int index, List<ModelFeature> features)
    {
        string where = $"trees[{index}]";
        var nodes = Require(element, "nodes", JsonValueKind.Array, where);
        int count = nodes.GetArrayLength();
        var feature = new int[count];
        var threshold = new double[count];
        var defaultLeft = new bool[count];
        var left = new int[count];
        var right = new int[count];
        var categories = new ulong[]?[count];
        var cover = new double[count];
        var gain = new double[count];
        int covered = 0, gained = 0;
        int n = 0;
        foreach (var node in nodes.EnumerateArray())
        {
            string nodeWhere = $"{where}.nodes[{n}]";
            feature[n] = RequireInt(node, "feature", nodeWhere);
            left[n] = RequireInt(node, "left", nodeWhere);
            right[n] = RequireInt(node, "right", nodeWhere);
            defaultLeft[n] = Require(node, "defaultLeft", JsonValueKind.Undefined, nodeWhere).ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new ModelFormatException($"{nodeWhere}.defaultLeft must be true or false."),
            };
            if (node.TryGetProperty("categoriesLeft", out var set))
                categories[n] = ReadCategorySet(set, nodeWhere, feature[n] >= 0 && feature[n] < features.Count ? features[feature[n]].Levels.Count : 0);
            else
                threshold[n] = RequireDouble(node, "threshold", nodeWhere);
            if (Optional(node, "cover", JsonValueKind.Number, nodeWhere) is { } c)
            {
                cover[n] = Finite(c, $"{nodeWhere}.cover");
                covered++;
            }
            if (Optional(node, "gain", JsonValueKind.Number, nodeWhere) is { } g)
            {
                gain[n] = Finite(g, $"{nodeWhere}.gain");
                gained++;
            }
            n++;
        }
        var leaves = Doubles(Require(element, "leaves", JsonValueKind.Array, where), $"{where}.leaves");
        var leafCovers = Optional(element, "leafCovers", JsonValueKind.Array, where) is { } lc ? Doubles(lc, $"{where}.leafCovers") : null;
        // A one-leaf tree (no split: nothing left to gain) has covers on its leaf and no node to carry any.
        if ((count > 0 && (leafCovers is null) != (covered == 0)) || (covered != 0 && covered != count))
            throw new ModelFormatException($"{where}: covers must be given for every node and leaf or for none.");
        if (gained != 0 && gained != count)
            throw new ModelFormatException($"{where}: gains must be given for every node or for none.");
        try
        {
            return new RegressionTree(feature, threshold, defaultLeft, left, right, categories, leaves, leafCovers is null ? null : cover, leafCovers)
            {
                NodeGain = gained == 0 ? null : gain,
            };
        }
        catch (ArgumentException ex)
        {
            throw new ModelFormatException($"{where}: {ex.Message}", ex);
        }
    }

    private static ulong[] ReadCategorySet(JsonElement set, string where, int levels)
    {
        if (set.ValueKind != JsonValueKind.Array) throw new ModelFormatException($"{where}.categoriesLeft must be an array.");
        var codes = set.EnumerateArray().Select(c => c.TryGetInt32(out int code) && code is >= 0 and < 1 << 16
            ? code : throw new ModelFormatException($"{where}.categoriesLeft holds an invalid code.")).ToList();
        int highest = Math.Max(levels - 1, codes.Count == 0 ? 0 : codes.Max());
        var bits = new ulong[(highest >> 6) + 1];
        foreach (int code in codes) bits[code >> 6] |= 1UL << (code & 63);
        return bits;
    }
}
