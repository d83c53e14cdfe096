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
            throw new PredictorInputException($"{name}: trainer model {MLNetPipeline.TypeName(model)} is not supported; only FastTree and LightGBM binary models are imported.");
        }
        var (trainer, ensemble, parameters) = calibrated.SubModel switch
        {
            FastTreeBinaryModelParameters fastTree => ("FastTree", fastTree.TrainedTreeEnsemble, (TreeEnsembleModelParameters)fastTree),
            LightGbmBinaryModelParameters lightGbm => ("LightGbm", lightGbm.TrainedTreeEnsemble, lightGbm),
            var other => throw new PredictorInputException(
                $"{name}: trainer model {MLNetPipeline.TypeName(other)} is not supported; only FastTree and LightGBM binary models are imported."),
        };
        if (calibrated.Calibrator is not PlattCalibrator platt)
            throw new PredictorInputException($"{name}: calibrator {MLNetPipeline.TypeName(calibrated.Calibrator)} is not supported; only Platt calibration (the trainers' default) is imported.");
        return new MLNetTrainerModel(trainer, ensemble, platt, parameters);
    }
}
