using System.Security.Cryptography;
using Predictor.Data.Contract;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;

namespace Predictor.Worker.Models;

/// <summary>
/// Reads a model file once into memory, checksums exactly those bytes, parses them and checks the model's inputs
/// against the cohort contract, so the model served is the one whose checksum is reported.
/// </summary>
internal static class ModelLoader
{
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
        string version = Convert.ToHexStringLower(SHA256.HashData(bytes));
        TreeEnsemble ensemble;
        using (var stream = new MemoryStream(bytes, writable: false))
        {
            try
            {
                ensemble = ModelJson.Read(stream);
            }
            catch (ModelFormatException ex)
            {
                throw new ModelFormatException($"{path}: {ex.Message}", ex);
            }
        }
        CheckSchema(ensemble, path);
        return new LoadedModel(ensemble, version, path, bytes.LongLength, clock.GetUtcNow(), LoadedModel.DefaultThreshold);
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
