using Microsoft.ML;
using Predictor.Scoring.Artifact;

namespace Predictor.Scoring.MLNet;

/// <summary><c>mlContext.Transforms.ScoreWithPredictorModel(...)</c>, the way ML.NET apps add a step to a pipeline.</summary>
public static class PredictorModelCatalog
{
    /// <summary>Scores with the model file at <paramref name="modelPath"/> (checksum verified).</summary>
    public static PredictorModelEstimator ScoreWithPredictorModel(this TransformsCatalog catalog, string modelPath, PredictorModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new PredictorModelEstimator(modelPath, options);
    }

    /// <summary>Scores with a model already read (<see cref="Serialization.ModelJson.ReadArtifactFile"/>).</summary>
    public static PredictorModelEstimator ScoreWithPredictorModel(this TransformsCatalog catalog, ModelArtifact artifact, PredictorModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new PredictorModelEstimator(artifact, options);
    }
}
