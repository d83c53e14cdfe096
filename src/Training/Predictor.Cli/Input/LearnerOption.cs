using System.CommandLine;
using Predictor.Training.MLNet.Learners;
using Predictor.Training.Pipeline;

namespace Predictor.Cli.Input;

/// <summary><c>--learner</c>: which tree learner the clinical pipeline tunes and fits (train and cv).</summary>
internal static class LearnerOption
{
    public const string Ours = "ours";

    public static Option<string> Create()
    {
        var option = new Option<string>("--learner")
        {
            Description = "Tree learner inside the pipeline: ours (default: keeps rows with missing values as they are, can boost from a "
                + "penalised logistic regression and honour --monotone), fasttree or lightgbm (ML.NET's own trainers, with missing numbers "
                + "replaced by the training mean plus a missing indicator: choose them to compare with, or to reproduce, an ML.NET "
                + "model inside the same tuning, calibration and validation). Every learner's model is written in our format.",
            DefaultValueFactory = _ => Ours,
        };
        option.AcceptOnlyFromAmong(Ours, "fasttree", "lightgbm");
        return option;
    }

    public static IEnsembleLearner Resolve(string name) => name == Ours ? GbdtLearner.Instance : MLNetLearner.ByName(name);
}
