using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace Predictor.Tests.MLNetModels;

/// <summary>The ML.NET models the import tests read, each trained by real ML.NET on simulated patients.</summary>
public enum SavedModel
{
    /// <summary>FastTree binary over Concatenate of contract numbers (NaN reaches the trees).</summary>
    FastTreeConcatenate,

    /// <summary>LightGBM binary after ReplaceMissingValues (mean) and OneHotEncoding of two categories.</summary>
    LightGbmReplaceMissingOneHot,

    /// <summary>LightGBM binary with UseCategoricalSplit over one-hot categories, NaN numbers reaching the trees.</summary>
    LightGbmCategoricalSplits,

    /// <summary>Multiclass LightGBM predicting the BCLC stage.</summary>
    Multiclass,

    /// <summary>FastTree regression of overall survival months.</summary>
    Regression,

    /// <summary>NormalizeMinMax between Concatenate and a LightGBM binary trainer.</summary>
    NormalizeMinMax,

    /// <summary>FastForest binary (no Platt calibrator, another trainer).</summary>
    FastForest,

    /// <summary>L-BFGS logistic regression (a linear trainer).</summary>
    LbfgsLogisticRegression,

    /// <summary>LightGBM binary whose features include 'bmi', which is not a contract column.</summary>
    NonContractColumn,
}

/// <summary>
/// Trains and saves (<c>mlContext.Model.Save</c>) the ML.NET models of <see cref="SavedModel"/> on first use, small
/// (a few thousand simulated patients, at most 40 trees) so that the tests stay fast; shared by the tests of a class
/// as an xunit fixture. The files are what an ML.NET user hands to <c>predictor import --mlnet</c>.
/// </summary>
public sealed class SavedMLNetModels : IDisposable
{
    public const int TrainingPatients = 3000;
    private readonly ConcurrentDictionary<SavedModel, Lazy<string>> _paths = new();

    public SavedMLNetModels()
    {
        Directory = Path.Combine(Path.GetTempPath(), "predictor-tests", "mlnet-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Training = new Lazy<SimulatedPatients>(() => SimulatedPatients.Make(TrainingPatients, seed: 11, missing: 0.05));
    }

    public string Directory { get; }

    /// <summary>The patients every model is trained on (5% extra missing cells per used column).</summary>
    public Lazy<SimulatedPatients> Training { get; }

    /// <summary>The saved model zip for <paramref name="model"/>, trained on first use.</summary>
    public string PathOf(SavedModel model) =>
        _paths.GetOrAdd(model, m => new Lazy<string>(() => TrainAndSave(m))).Value;

    private string TrainAndSave(SavedModel model)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Training.Value.Rows);
        var pipeline = Pipeline(ml, model);
        var fitted = pipeline.Fit(data);
        string path = Path.Combine(Directory, model + ".zip");
        ml.Model.Save(fitted, data.Schema, path);
        return path;
    }

    private static IEstimator<ITransformer> Pipeline(MLContext ml, SavedModel model)
    {
        string[] numbers = ["age_years", "tumor_size_cm", "afp_ng_ml", "ecog_ps", "microvascular_invasion"];
        var lightGbm = new LightGbmBinaryTrainer.Options
        {
            NumberOfIterations = 40, NumberOfLeaves = 8, MinimumExampleCountPerLeaf = 10, LearningRate = 0.2, NumberOfThreads = 1, Seed = 1,
        };
        switch (model)
        {
            case SavedModel.FastTreeConcatenate:
                return ml.Transforms.Concatenate("Features", numbers)
                    .Append(ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: 8, numberOfTrees: 30, minimumExampleCountPerLeaf: 10, learningRate: 0.2));
            case SavedModel.LightGbmReplaceMissingOneHot:
                string[] replaced = ["age_years", "afp_ng_ml", "pten_hscore", "p_akt_hscore"];
                return ml.Transforms.ReplaceMissingValues([.. replaced.Select(c => new InputOutputColumnPair(c))])
                    .Append(ml.Transforms.Categorical.OneHotEncoding([new InputOutputColumnPair("stage_onehot", "bclc_stage"), new InputOutputColumnPair("child_pugh_onehot", "child_pugh")]))
                    .Append(ml.Transforms.Concatenate("Features", [.. replaced, "tumor_size_cm", "stage_onehot", "child_pugh_onehot"]))
                    .Append(ml.BinaryClassification.Trainers.LightGbm(lightGbm));
            case SavedModel.LightGbmCategoricalSplits:
                lightGbm.UseCategoricalSplit = true;
                lightGbm.MinimumExampleCountPerGroup = 10;
                return ml.Transforms.Categorical.OneHotEncoding([new InputOutputColumnPair("stage_onehot", "bclc_stage"), new InputOutputColumnPair("etiology_onehot", "etiology")])
                    .Append(ml.Transforms.Concatenate("Features", ["age_years", "afp_ng_ml", "pten_hscore", "stage_onehot", "etiology_onehot"]))
                    .Append(ml.BinaryClassification.Trainers.LightGbm(lightGbm));
            case SavedModel.Multiclass:
                return ml.Transforms.Conversion.MapValueToKey("stage_key", "bclc_stage")
                    .Append(ml.Transforms.Concatenate("Features", numbers))
                    .Append(ml.MulticlassClassification.Trainers.LightGbm(labelColumnName: "stage_key", numberOfIterations: 5));
            case SavedModel.Regression:
                return ml.Transforms.Concatenate("Features", numbers)
                    .Append(ml.Regression.Trainers.FastTree(labelColumnName: "os_months", numberOfTrees: 5, numberOfLeaves: 4));
            case SavedModel.NormalizeMinMax:
                return ml.Transforms.Concatenate("Features", numbers)
                    .Append(ml.Transforms.NormalizeMinMax("Features"))
                    .Append(ml.BinaryClassification.Trainers.LightGbm(numberOfIterations: 5));
            case SavedModel.FastForest:
                return ml.Transforms.Concatenate("Features", numbers)
                    .Append(ml.BinaryClassification.Trainers.FastForest(numberOfTrees: 5, numberOfLeaves: 4));
            case SavedModel.LbfgsLogisticRegression:
                return ml.Transforms.Concatenate("Features", numbers)
                    .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression());
            case SavedModel.NonContractColumn:
                return ml.Transforms.Concatenate("Features", "age_years", "bmi")
                    .Append(ml.BinaryClassification.Trainers.LightGbm(numberOfIterations: 5));
            default:
                throw new ArgumentOutOfRangeException(nameof(model), model, null);
        }
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on Windows; the temp folder is cleaned up by the OS.
        }
    }
}
