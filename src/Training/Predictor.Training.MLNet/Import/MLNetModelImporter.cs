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
/// ML.NET's public tree API has no node covers, so an imported model explains nothing until <see cref="WithCovers"/>
/// recounts them from patients (the training data or a representative cohort); its decision threshold is ML.NET's
/// <c>PredictedLabel</c> rule (Score &gt; 0) as a probability. What was imported is recorded in the training options
/// under the <c>mlnet.</c> names below.
/// </para>
/// </summary>
public static class MLNetModelImporter
{
    /// <summary>Training option naming the ML.NET zip a model was imported from.</summary>
    public const string SourceOption = Predictor.Scoring.Explanations.MissingCovers.MLNetSourceOption;

    /// <summary>Training option saying how ML.NET's Platt calibration was kept (folded into the raw score).</summary>
    public const string CalibrationOption = "mlnet.calibration";

    /// <summary>Training option saying where the node covers TreeSHAP weighs by came from, or that there are none.</summary>
    public const string CoversOption = "mlnet.covers";

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
            var missing = MissingValueRouting.Read(ml, trained.Model, trained.Ensemble, layout.Slots, name);
            trees = MLNetTreeConverter.Convert(trained.Ensemble, layout.Features, layout.Slots, -trained.Calibrator.Slope, -trained.Calibrator.Offset, missing);
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
    /// The model with node covers recounted from <paramref name="rows"/> (laid out as its features), so that TreeSHAP
    /// explains it: each node's cover is how many of the patients reach it, routed exactly as the model scores them.
    /// Refused when some leaf is reached by none of them, because TreeSHAP cannot weigh a branch the data never takes;
    /// the training data reaches every leaf (each holds at least the trainer's minimum count of its rows).
    /// </summary>
    /// <param name="imported">The model as <see cref="Import"/> returned it.</param>
    /// <param name="rows">The patients, each laid out as the model's features (NaN for missing, level codes for categories).</param>
    /// <param name="source">Where the rows came from, for the message and the model's record (e.g. a file name).</param>
    public static ImportedModel WithCovers(ImportedModel imported, IReadOnlyList<double[]> rows, string source)
    {
        ArgumentNullException.ThrowIfNull(imported);
        ArgumentNullException.ThrowIfNull(rows);
        var model = TrainingCovers.Add(imported.Artifact.Model, rows);
        int empty = TrainingCovers.EmptyLeaves(model);
        if (empty > 0)
        {
            int leaves = model.Trees.Where(t => t.NodeCount > 0).Sum(t => t.LeafCount);
            throw new PredictorInputException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: {empty} of the model's {leaves} leaves are reached by none of its {rows.Count:N0} patients, so TreeSHAP could not weigh them; pass the data the model was trained on (or a larger cohort like it)."));
        }
        var options = new Dictionary<string, string>(imported.Artifact.Metadata.TrainingOptions, StringComparer.Ordinal)
        {
            [CoversOption] = string.Create(CultureInfo.InvariantCulture, $"recounted from {rows.Count} patients of {source}"),
        };
        var metadata = imported.Artifact.Metadata with { TrainingOptions = options };
        return imported with { Artifact = new ModelArtifact(model, metadata) };
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
            [SourceOption] = Path.GetFileName(path),
            ["mlnet.sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))),
            ["mlnet.trainer"] = trained.Trainer,
            [CoversOption] = "none (ML.NET keeps none; import with --data to recount them for TreeSHAP)",
            [CalibrationOption] = string.Create(CultureInfo.InvariantCulture, $"platt slope={platt.Slope:R} offset={platt.Offset:R}, folded into the raw score"),
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
