using Predictor.Training.DataSets;

namespace Predictor.Training.Validation;

/// <summary>
/// Fits a whole learner (for the pipeline: tuning, calibration and all) on a training set using at most
/// <paramref name="threads"/> threads, and returns a function giving probabilities for any set. The thread budget lets
/// resampling loops run fits side by side without each fit also spreading over every core.
/// </summary>
public delegate Func<TrainingSet, double[]> LearnerFit(TrainingSet train, int threads);
