using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Predictor.Data.Tables;
using Predictor.Scoring.Tables;
using Predictor.Training.MLNet.Import;
using Predictor.Tests.MLNetModels;

namespace Predictor.Training.MLNet.Tests.Import;

/// <summary>
/// Models trained and saved by real ML.NET (<see cref="SavedMLNetModels"/>), imported, and scored by our scorer on
/// held-out simulated patients (15% extra missing cells in every column used, every category level) as
/// <c>predictor predict</c> reads them (<see cref="ModelInput"/>): probabilities equal the <c>Probability</c> column of
/// the saved model loaded back into ML.NET and transformed, and the raw score maps back onto its <c>Score</c>.
/// </summary>
public sealed class ImportAgreementTests(SavedMLNetModels models) : IClassFixture<SavedMLNetModels>
{
    private static readonly Lazy<SimulatedPatients> HeldOut = new(() => SimulatedPatients.Make(1500, seed: 12, missing: 0.15));

    [Theory]
    [InlineData(SavedModel.FastTreeConcatenate, "FastTree")]
    [InlineData(SavedModel.LightGbmReplaceMissingOneHot, "LightGbm")]
    [InlineData(SavedModel.LightGbmCategoricalSplits, "LightGbm")]
    public void Imported_probabilities_and_scores_equal_MLNets_on_held_out_patients(SavedModel saved, string trainer)
    {
        string path = models.PathOf(saved);
        var imported = MLNetModelImporter.Import(path);
        Assert.Equal(trainer, imported.Trainer);

        var ml = new MLContext(seed: 0);
        var mlModel = ml.Model.Load(path, out _);
        var scored = mlModel.Transform(ml.Data.LoadFromEnumerable(HeldOut.Value.Rows));
        var probability = scored.GetColumn<float>("Probability").ToArray();
        var score = scored.GetColumn<float>("Score").ToArray();
        var platt = (PlattCalibrator)Calibrated(mlModel).Calibrator;

        var artifact = imported.Artifact;
        var model = artifact.Model;
        var rows = ModelInput.FromTable(HeldOut.Value.Table, model);
        int width = model.Features.Count;
        for (int r = 0; r < HeldOut.Value.Table.RowCount; r++)
        {
            double raw = model.PredictRaw(rows.AsSpan(r * width, width));
            Assert.Equal(probability[r], artifact.Probability(raw), 1e-5);
            // Our raw score is ML.NET's Platt argument: -(slope × Score + offset).
            double asScore = -(raw + platt.Offset) / platt.Slope;
            Assert.True(Math.Abs(asScore - score[r]) <= 1e-5 * Math.Max(1, Math.Abs(score[r])), $"row {r}: ML.NET Score {score[r]}, ours {asScore}");
        }

        // The held-out patients exercise what the conversion must get right: missing values in every column the
        // model reads, and every level of its categories.
        foreach (var feature in model.Features)
        {
            var column = HeldOut.Value.Table[feature.Name];
            Assert.True(column.MissingCount > 0, $"{feature.Name} has no missing values in the held-out rows");
            if (column is CategoricalColumn category)
                Assert.Equal(category.Levels.Count, category.Codes.ToArray().Where(c => c >= 0).Distinct().Count());
        }
        Assert.Contains(rows, double.IsNaN);
    }

    [Fact]
    public void LightGbm_categorical_splits_are_imported_as_categorical_splits()
    {
        string path = models.PathOf(SavedModel.LightGbmCategoricalSplits);
        var mlModel = new MLContext(seed: 0).Model.Load(path, out _);
        var trees = ((LightGbmBinaryModelParameters)Calibrated(mlModel).SubModel).TrainedTreeEnsemble.Trees;
        int mlNetCategorical = trees.Sum(t => t.CategoricalSplitFlags.Count(flag => flag));
        // Else this model proves nothing about categorical splits.
        Assert.True(mlNetCategorical > 0, "LightGBM made no categorical split");

        var model = MLNetModelImporter.Import(path).Artifact.Model;
        var categorical = model.Trees.SelectMany(t => Enumerable.Range(0, t.NodeCount).Where(t.IsCategorical).Select(n => (Tree: t, Node: n))).ToList();
        // Each of LightGBM's categorical splits becomes one of ours (one-hot slots split singly add to them).
        Assert.True(categorical.Count >= mlNetCategorical, $"{categorical.Count} categorical splits in the import, {mlNetCategorical} in LightGBM");
        Assert.All(categorical, c => Assert.Equal(Predictor.Scoring.Trees.FeatureKind.Categorical, FeatureKindOf(model, c.Tree.SplitFeature[c.Node])));
        // Some LightGBM split sends several levels one way: not expressible as a single one-hot threshold.
        Assert.Contains(categorical, c => LevelsLeft(c.Tree.CategoriesLeft(c.Node)!) is var left
            && left >= 2 && model.Features[c.Tree.SplitFeature[c.Node]].Levels.Count - left >= 2);
    }

    [Fact]
    public void FastTree_import_reads_the_saved_trainer_and_names_the_source_in_the_metadata()
    {
        string path = models.PathOf(SavedModel.FastTreeConcatenate);
        var imported = MLNetModelImporter.Import(path);
        var mlModel = new MLContext(seed: 0).Model.Load(path, out _);
        Assert.IsType<FastTreeBinaryModelParameters>(Calibrated(mlModel).SubModel);
        var options = imported.Artifact.Metadata.TrainingOptions;
        Assert.Equal(Path.GetFileName(path), options["mlnet.source"]);
        Assert.Equal("FastTree", options["mlnet.trainer"]);
        // The features are the concatenated columns, whatever order they were concatenated in.
        Assert.Equal(new[] { "afp_ng_ml", "age_years", "ecog_ps", "microvascular_invasion", "tumor_size_cm" },
            imported.Artifact.Model.Features.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    private static CalibratedModelParametersBase Calibrated(ITransformer model) =>
        (CalibratedModelParametersBase)((ISingleFeaturePredictionTransformer<object>)((TransformerChain<ITransformer>)model).LastTransformer).Model;

    private static Predictor.Scoring.Trees.FeatureKind FeatureKindOf(Predictor.Scoring.Trees.TreeEnsemble model, int feature) => model.Features[feature].Kind;

    private static int LevelsLeft(IReadOnlyList<ulong> bits) => bits.Sum(b => System.Numerics.BitOperations.PopCount(b));
}
