using System.Text.Json;
using Predictor.Scoring.Trees;

namespace Predictor.Scoring.Serialization;

/// <summary>
/// Reads and writes a <see cref="TreeEnsemble"/> as JSON (format described in MODEL_FORMAT.md beside this file).
/// Doubles are written in their shortest round-trip form, so a model read back scores bit for bit like the original.
/// </summary>
public static class ModelJson
{
    /// <summary>The format this code writes and the only one it reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The model kind this format describes.</summary>
    public const string Kind = "binary-logistic-tree-ensemble";

    public static void Write(TreeEnsemble model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteNumber("formatVersion", FormatVersion);
        json.WriteString("kind", Kind);
        json.WriteNumber("baseScore", model.BaseScore);
        json.WriteStartArray("features");
        foreach (var feature in model.Features) WriteFeature(json, feature);
        json.WriteEndArray();
        json.WriteStartArray("trees");
        foreach (var tree in model.Trees) WriteTree(json, tree);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteFile(TreeEnsemble model, string path)
    {
        using var stream = File.Create(path);
        Write(model, stream);
    }

    /// <summary>The model as a JSON string (handy for comparing two models byte for byte).</summary>
    public static string ToJson(TreeEnsemble model)
    {
        using var stream = new MemoryStream();
        Write(model, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static TreeEnsemble ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return Read(stream);
        }
        catch (ModelFormatException ex)
        {
            throw new ModelFormatException($"{path}: {ex.Message}", ex);
        }
    }

    public static TreeEnsemble Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException("The model file is not valid JSON: " + ex.Message, ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new ModelFormatException("The model file must hold a JSON object.");
            int version = RequireInt(root, "formatVersion", "model");
            if (version != FormatVersion)
                throw new ModelFormatException($"Model formatVersion {version} is not supported; this build reads version {FormatVersion}.");
            string kind = Require(root, "kind", JsonValueKind.String, "model").GetString()!;
            if (!string.Equals(kind, Kind, StringComparison.Ordinal))
                throw new ModelFormatException($"Model kind '{kind}' is not supported; expected '{Kind}'.");
            double baseScore = RequireDouble(root, "baseScore", "model");
            var features = Require(root, "features", JsonValueKind.Array, "model").EnumerateArray().Select(ReadFeature).ToList();
            var trees = new List<RegressionTree>();
            int t = 0;
            foreach (var tree in Require(root, "trees", JsonValueKind.Array, "model").EnumerateArray())
                trees.Add(ReadTree(tree, t++, features));
            try
            {
                return new TreeEnsemble(features, trees, baseScore);
            }
            catch (ArgumentException ex)
            {
                throw new ModelFormatException("The model is inconsistent: " + ex.Message, ex);
            }
        }
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
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("leaves");
        foreach (double value in tree.LeafValues) json.WriteNumberValue(value);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static ModelFeature ReadFeature(JsonElement element, int index)
    {
        string where = $"features[{index}]";
        string name = Require(element, "name", JsonValueKind.String, where).GetString()!;
        string kind = Require(element, "kind", JsonValueKind.String, where).GetString()!;
        try
        {
            return kind switch
            {
                "numeric" => new ModelFeature(name, FeatureKind.Numeric),
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
        int n = 0;
        foreach (var node in nodes.EnumerateArray())
        {
            string nodeWhere = $"{where}.nodes[{n}]";
            feature[n] = RequireInt(node, "feature", nodeWhere);
            left[n] = RequireInt(node, "left", nodeWhere);
            right[n] = RequireInt(node, "right", nodeWhere);
            var direction = Require(node, "defaultLeft", JsonValueKind.Undefined, nodeWhere);
            defaultLeft[n] = direction.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new ModelFormatException($"{nodeWhere}.defaultLeft must be true or false."),
            };
            if (node.TryGetProperty("categoriesLeft", out var set))
            {
                if (set.ValueKind != JsonValueKind.Array) throw new ModelFormatException($"{nodeWhere}.categoriesLeft must be an array.");
                var codes = set.EnumerateArray().Select(c => c.TryGetInt32(out int code) && code is >= 0 and < 1 << 16
                    ? code : throw new ModelFormatException($"{nodeWhere}.categoriesLeft holds an invalid code.")).ToList();
                int levels = feature[n] >= 0 && feature[n] < features.Count ? features[feature[n]].Levels.Count : 0;
                int highest = Math.Max(levels - 1, codes.Count == 0 ? 0 : codes.Max());
                var bits = new ulong[(highest >> 6) + 1];
                foreach (int code in codes) bits[code >> 6] |= 1UL << (code & 63);
                categories[n] = bits;
            }
            else
            {
                threshold[n] = RequireDouble(node, "threshold", nodeWhere);
            }
            n++;
        }
        var leaves = Require(element, "leaves", JsonValueKind.Array, where).EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.Number && double.IsFinite(v.GetDouble())
                ? v.GetDouble() : throw new ModelFormatException($"{where}.leaves must hold finite numbers."))
            .ToArray();
        try
        {
            return new RegressionTree(feature, threshold, defaultLeft, left, right, categories, leaves);
        }
        catch (ArgumentException ex)
        {
            throw new ModelFormatException($"{where}: {ex.Message}", ex);
        }
    }

    private static JsonElement Require(JsonElement element, string name, JsonValueKind kind, string where)
    {
        if (!element.TryGetProperty(name, out var value))
            throw new ModelFormatException($"{where} has no '{name}'.");
        if (kind != JsonValueKind.Undefined && value.ValueKind != kind)
            throw new ModelFormatException($"{where}.{name} must be a JSON {kind.ToString().ToUpperInvariant()}.");
        return value;
    }

    private static int RequireInt(JsonElement element, string name, string where) =>
        Require(element, name, JsonValueKind.Number, where).TryGetInt32(out int value)
            ? value : throw new ModelFormatException($"{where}.{name} must be an integer.");

    private static double RequireDouble(JsonElement element, string name, string where)
    {
        double value = Require(element, name, JsonValueKind.Number, where).GetDouble();
        return double.IsFinite(value) ? value : throw new ModelFormatException($"{where}.{name} must be finite.");
    }
}
