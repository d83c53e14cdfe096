namespace Predictor.Training.MLNet.Learners;

/// <summary>Which of ML.NET's binary tree trainers the pipeline runs.</summary>
public enum MLNetTrainer
{
    /// <summary>ML.NET's <c>FastTreeBinaryTrainer</c> (MART gradient boosting).</summary>
    FastTree,

    /// <summary>ML.NET's <c>LightGbmBinaryTrainer</c> (the LightGBM native library).</summary>
    LightGbm,
}
