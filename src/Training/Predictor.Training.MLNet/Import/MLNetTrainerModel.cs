using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Predictor.Data.Errors;

namespace Predictor.Training.MLNet.Import;

/// <summary>
/// The trained part of an imported model: the tree ensemble behind ML.NET's <c>Score</c> column and the Platt
/// calibrator behind its <c>Probability</c> column.
/// </summary>
/// <param name="Trainer">"FastTree" or "LightGbm".</param>
/// <param name="Ensemble">The trees behind ML.NET's <c>Score</c>.</param>
/// <param name="Calibrator">Maps <c>Score</c> to ML.NET's <c>Probability</c>.</param>
/// <param name="Model">The trees as ML.NET's model parameters (what its tree featurizer reads).</param>
internal sealed record MLNetTrainerModel(string Trainer, RegressionTreeEnsemble Ensemble, PlattCalibrator Calibrator, TreeEnsembleModelParameters Model)
{
    public static MLNetTrainerModel Read(object model, string name)
    {
        if (model is not CalibratedModelParametersBase calibrated)
        {
            if (model is FastTreeBinaryModelParameters or LightGbmBinaryModelParameters)
                throw new PredictorInputException($"{name}: the {MLNetPipeline.TypeName(model)} model has no calibrator, so ML.NET gives it no probability to reproduce; save it with its Platt calibrator (the trainers' default).");
            throw Unsupported(name, model);
        }
        var (trainer, ensemble, parameters) = calibrated.SubModel switch
        {
            FastTreeBinaryModelParameters fastTree => ("FastTree", fastTree.TrainedTreeEnsemble, (TreeEnsembleModelParameters)fastTree),
            LightGbmBinaryModelParameters lightGbm => ("LightGbm", lightGbm.TrainedTreeEnsemble, lightGbm),
            var other => throw Unsupported(name, other),
        };
        if (calibrated.Calibrator is not PlattCalibrator platt)
            throw new PredictorInputException($"{name}: calibrator {MLNetPipeline.TypeName(calibrated.Calibrator)} is not supported; only Platt calibration (the trainers' default) is imported.");
        return new MLNetTrainerModel(trainer, ensemble, platt, parameters);
    }

    /// <summary>
    /// A zip holds model parameters, not the trainer's name; the trainer a user called is named where the parameter
    /// type tells it, because that is what they will look for in their own code.
    /// </summary>
    private static PredictorInputException Unsupported(string name, object model)
    {
        string type = MLNetPipeline.TypeName(model);
        string? trainer = type switch
        {
            "FastForestBinaryModelParameters" => "trainer FastForest",
            "FastForestRegressionModelParameters" => "trainer FastForest (regression)",
            "FastTreeRegressionModelParameters" or "FastTreeTweedieModelParameters" => "trainer FastTree (regression)",
            "LightGbmRegressionModelParameters" => "trainer LightGbm (regression)",
            "GamBinaryModelParameters" => "trainer Gam",
            "LinearBinaryModelParameters" => "a linear trainer such as LbfgsLogisticRegression or SdcaLogisticRegression",
            "PriorModelParameters" => "trainer Prior",
            _ => null,
        };
        string what = trainer is null ? $"trainer model {type}" : $"{trainer} (model {type})";
        return new PredictorInputException($"{name}: {what} is not supported; only FastTree and LightGBM binary models are imported.");
    }
}
