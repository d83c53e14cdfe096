using System.Security.Cryptography;
using System.Text.Json;
using Predictor.Data.Contract;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;

namespace Predictor.Worker.Models;

/// <summary>
/// Reads a model file once into memory, hashes exactly those bytes, parses them as a full artifact (which verifies the
/// file's own checksum) and checks the model's inputs against the cohort contract, so the model served is the one
/// whose version and checksum are reported.
/// </summary>
internal static class ModelLoader
{
    /// <summary>Format 1 files carry no checksum; formats 2 (trees) and 3 (trees with a linear margin) do.</summary>
    private const int FirstChecksummedFormat = 2;

    /// <exception cref="ModelFormatException">The file is not a usable model; the message says why.</exception>
    public static LoadedModel Load(string path, TimeProvider clock)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelFormatException($"{path}: cannot read the model file ({ex.Message}).", ex);
        }
        return Load(bytes, path, clock);
    }

    /// <summary>Loads a model from its file's bytes (for example from the fleet's model registry); <paramref name="path"/> names them in messages.</summary>
    /// <exception cref="ModelFormatException">The bytes are not a usable model; the message says why.</exception>
    public static LoadedModel Load(byte[] bytes, string path, TimeProvider clock)
    {
        string version = Convert.ToHexStringLower(SHA256.HashData(bytes));
        ModelArtifact artifact;
        using (var stream = new MemoryStream(bytes, writable: false))
        {
            try
            {
                // Verifies the recorded checksum against the content: an edited or damaged file is refused here.
                artifact = ModelJson.ReadArtifact(stream);
            }
            catch (ModelFormatException ex)
            {
                throw new ModelFormatException($"{path}: {ex.Message}", ex);
            }
        }
        var (format, checksum) = Envelope(bytes, path);
        CheckSchema(artifact.Model, path);
        return new LoadedModel(artifact, version, checksum, format, path, bytes.LongLength, clock.GetUtcNow());
    }

    /// <summary>
    /// The format version and recorded checksum. A format 1 file records no checksum, so an edit to it could not be
    /// detected: the worker refuses it rather than serve a model it cannot verify.
    /// </summary>
    private static (int Format, string Checksum) Envelope(byte[] bytes, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("formatVersion", out var format) || !format.TryGetInt32(out int version))
            {
                throw new ModelFormatException($"{path}: not a model file (no formatVersion).");
            }
            if (version < FirstChecksummedFormat)
            {
                throw new ModelFormatException(
                    $"{path}: model format {version} carries no checksum, and the worker serves only checksummed models (format {FirstChecksummedFormat} or later); retrain it with 'predictor train'.");
            }
            return root.TryGetProperty("checksum", out var checksum) && checksum.ValueKind == JsonValueKind.String
                ? (version, checksum.GetString()!)
                : throw new ModelFormatException($"{path}: the model file records no checksum.");
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException($"{path}: the model file is not valid JSON (truncated or damaged?): {ex.Message}", ex);
        }
    }

    /// <summary>Every model input must be a contract feature of a compatible kind, or no patient could be scored.</summary>
    private static void CheckSchema(TreeEnsemble model, string path)
    {
        if (model.Features.Count == 0) throw new ModelFormatException($"{path}: the model has no features.");
        foreach (var feature in model.Features)
        {
            if (!CohortContract.TryGet(feature.Name, out var column) || !column.IsFeature)
                throw new ModelFormatException($"{path}: model feature '{feature.Name}' is not a feature of the cohort contract.");
            bool categorical = column.Type == ContractValueType.Category;
            if (categorical != (feature.Kind == FeatureKind.Categorical))
                throw new ModelFormatException(
                    $"{path}: model feature '{feature.Name}' is {feature.Kind.ToString().ToLowerInvariant()}, but the contract column is {column.Type}.");
        }
    }
}
