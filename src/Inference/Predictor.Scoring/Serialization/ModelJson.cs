using System.Text;
using System.Text.Json;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Trees;

namespace Predictor.Scoring.Serialization;

/// <summary>
/// Reads and writes model files (JSON, format described in MODEL_FORMAT.md beside this file). Doubles are written in
/// their shortest round-trip form, so a model read back scores bit for bit like the original. Files carry a SHA-256
/// checksum: a modified, truncated or newer-format file is refused with a <see cref="ModelFormatException"/>.
/// </summary>
public static class ModelJson
{
    /// <summary>
    /// The newest format this code reads and writes. Models with linear terms are written as format 3; models of trees
    /// alone are still written as format 2, so builds that predate linear terms keep reading them. Format 1 (trees
    /// only, no metadata, no checksum) is read too.
    /// </summary>
    public const int FormatVersion = 3;

    /// <summary>The format of files without linear terms.</summary>
    internal const int TreesOnlyFormatVersion = 2;

    /// <summary>
    /// The <c>formatVersion</c> a file of <paramref name="model"/> is written with: <see cref="FormatVersion"/> when it
    /// has linear terms, 2 otherwise. Exporters that record the model format (ONNX metadata) report this, so they never
    /// claim a version the model file does not have.
    /// </summary>
    public static int FormatVersionFor(TreeEnsemble model)
    {
        ArgumentNullException.ThrowIfNull(model);
        // A file with linear terms must not reach a reader that would ignore them, so only such files take the new version.
        return model.Linear is null ? TreesOnlyFormatVersion : FormatVersion;
    }

    /// <summary>The model kind this format describes.</summary>
    public const string Kind = "binary-logistic-tree-ensemble";

    /// <summary>Writes the trees alone (no metadata) as a current-format file.</summary>
    public static void Write(TreeEnsemble model, Stream stream) => Write(new ModelArtifact(model), stream);

    /// <summary>Writes a model with its metadata, indented for people, with its checksum last.</summary>
    public static void Write(ModelArtifact artifact, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        ArgumentNullException.ThrowIfNull(stream);
        using var content = new MemoryStream();
        using (var json = new Utf8JsonWriter(content)) ModelWriter.Write(json, artifact);
        using var document = JsonDocument.Parse(content.ToArray());
        using var output = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        output.WriteStartObject();
        foreach (var member in document.RootElement.EnumerateObject()) member.WriteTo(output);
        output.WriteString("checksum", ModelChecksum.Compute(document.RootElement));
        output.WriteEndObject();
    }

    /// <summary>Writes a model without metadata to <paramref name="path"/>.</summary>
    public static void WriteFile(TreeEnsemble model, string path) => WriteFile(new ModelArtifact(model), path);

    /// <summary>Writes an artifact to <paramref name="path"/>.</summary>
    public static void WriteFile(ModelArtifact artifact, string path)
    {
        using var stream = File.Create(path);
        Write(artifact, stream);
    }

    /// <summary>The model as a JSON string (handy for comparing two models byte for byte).</summary>
    public static string ToJson(TreeEnsemble model) => ToJson(new ModelArtifact(model));

    /// <summary>The model file's text.</summary>
    public static string ToJson(ModelArtifact artifact)
    {
        using var stream = new MemoryStream();
        Write(artifact, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads the trees of a model file (format 1 to 3).</summary>
    public static TreeEnsemble ReadFile(string path) => ReadArtifactFile(path).Model;

    /// <summary>Reads the trees of a model file (format 1 to 3).</summary>
    public static TreeEnsemble Read(Stream stream) => ReadArtifact(stream).Model;

    /// <summary>Reads a model file with its metadata; errors name the file.</summary>
    public static ModelArtifact ReadArtifactFile(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return ReadArtifact(stream);
        }
        catch (ModelFormatException ex)
        {
            throw new ModelFormatException($"{path}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a model with its metadata, checking version, checksum and consistency.</summary>
    public static ModelArtifact ReadArtifact(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException("The model file is not valid JSON (truncated or damaged?): " + ex.Message, ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new ModelFormatException("The model file must hold a JSON object.");
            int version = JsonFields.RequireInt(root, "formatVersion", "model");
            if (version > FormatVersion)
                throw new ModelFormatException($"Model formatVersion {version} is newer than this build of Predictor.Scoring reads (up to {FormatVersion}); update the library.");
            if (version < 1)
                throw new ModelFormatException($"Model formatVersion {version} is not a valid version.");
            if (version >= 2) VerifyChecksum(root);
            return ModelReader.Read(root, version);
        }
    }

    private static void VerifyChecksum(JsonElement root)
    {
        string expected = JsonFields.Require(root, "checksum", JsonValueKind.String, "model").GetString()!;
        string actual = ModelChecksum.Compute(root);
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
            throw new ModelFormatException($"The model file's checksum does not match its content (the file was modified or damaged): it says {expected}, the content hashes to {actual}.");
    }
}
