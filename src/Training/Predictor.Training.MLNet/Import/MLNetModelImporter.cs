using System.Globalization;
using System.Security.Cryptography;
using Microsoft.ML;
using Predictor.Data.Errors;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Trees;
using Predictor.Training.MLNet.Conversion;

namespace Predictor.Training.MLNet.Import;

/// <summary>A model imported from ML.NET, and what it was.</summary>
/// <param name="Artifact">The converted model and its metadata, ready to write.</param>
/// <param name="Trainer">"FastTree" or "LightGbm".</param>
public sealed record ImportedModel(ModelArtifact Artifact, string Trainer);

/// <summary>
/// Converts a binary FastTree or LightGBM model saved by <c>mlContext.Model.Save</c> into our model: its feature
/// transforms are read back from ML.NET (<see cref="FeatureLayout"/>), its trees converted by
/// <see cref="MLNetTreeConverter"/> with ML.NET's Platt calibrator folded into the raw score (so our probability is
/// ML.NET's <c>Probability</c>), and the result is checked against ML.NET on generated rows before it is returned.
/// Whatever cannot be converted faithfully is refused with a <see cref="PredictorInputException"/> of one line.
/// <para>
/// The imported file has no node covers (ML.NET's public tree API has none), so TreeSHAP needs them added from a
/// cohort (<see cref="TrainingCovers"/>); its decision threshold is ML.NET's <c>PredictedLabel</c> rule (Score &gt; 0)
/// as a probability.
/// </para>
/// </summary>
public static class MLNetModelImporter
{
    public static ImportedModel Import(string path, DateTimeOffset? createdUtc = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(path);
        var ml = new MLContext(seed: 0);
        var (model, input) = MLNetModelFile.Load(ml, path);
        var pipeline = MLNetPipeline.Read(model, name);
        var trained = MLNetTrainerModel.Read(pipeline.Predictor.Model, name);
        var layout = FeatureLayout.Probe(pipeline, input, name);
        RequireSplitsOnVaryingSlots(trained, layout, name);
        TreeEnsemble trees;
        try
        {
            // Our raw score = -(slope × ML.NET score + offset): its logistic is ML.NET's calibrated probability.
            trees = MLNetTreeConverter.Convert(trained.Ensemble, layout.Features, layout.Slots, -trained.Calibrator.Slope, -trained.Calibrator.Offset);
        }
        catch (NotSupportedException ex)
        {
            throw new PredictorInputException($"{name}: {ex.Message}", ex);
        }
        var artifact = new ModelArtifact(trees, Metadata(path, trained, createdUtc));
        AgreementCheck.Run(model, input, layout, artifact, name);
        return new ImportedModel(artifact, trained.Trainer);
    }

    /// <summary>
    /// A tree that tests a slot no contract value moves would route rows by something our data cannot express (e.g.
    /// a one-hot level the contract does not have): refused, naming the slot. A constant zero slot listed in a
    /// categorical split never sends a row right, which the converter follows.
    /// </summary>
    private static void RequireSplitsOnVaryingSlots(MLNetTrainerModel trained, FeatureLayout layout, string name)
    {
        foreach (var tree in trained.Ensemble.Trees)
        {
            for (int n = 0; n < tree.NumberOfNodes; n++)
            {
                var read = tree.CategoricalSplitFlags[n] ? tree.GetCategoricalSplitFeaturesAt(n).ToArray() : [tree.NumericalSplitFeatureIndexes[n]];
                foreach (int slot in read)
                {
                    if (slot < 0 || slot >= layout.Slots.Count) continue;
                    bool constant = layout.Slots[slot].Feature < 0;
                    if (constant && (!tree.CategoricalSplitFlags[n] || layout.ConstantNonZero.Contains(slot)))
                        throw new PredictorInputException($"{name}: a tree splits on slot '{layout.SlotNames[slot]}', which no value of the cohort contract changes (a category level the contract does not have?); it cannot be converted faithfully.");
                }
            }
        }
    }

    private static ModelMetadata Metadata(string path, MLNetTrainerModel trained, DateTimeOffset? createdUtc)
    {
        var platt = trained.Calibrator;
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mlnet.source"] = Path.GetFileName(path),
            ["mlnet.sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))),
            ["mlnet.trainer"] = trained.Trainer,
            ["mlnet.calibration"] = string.Create(CultureInfo.InvariantCulture, $"platt slope={platt.Slope:R} offset={platt.Offset:R}, folded into the raw score"),
        };
        // ML.NET's PredictedLabel is Score > 0; with a falling Platt curve that is probability > sigmoid(-offset).
        DecisionThreshold? threshold = platt.Slope < 0
            ? new DecisionThreshold(TreeEnsemble.Sigmoid(-platt.Offset), "mlnet predicted label (score > 0)")
            : null;
        return new ModelMetadata
        {
            Producer = $"predictor import --mlnet (ML.NET {trained.Trainer}, Microsoft.ML {typeof(MLContext).Assembly.GetName().Version})",
            CreatedUtc = createdUtc,
            Threshold = threshold,
            TrainingOptions = options,
        };
    }
}
