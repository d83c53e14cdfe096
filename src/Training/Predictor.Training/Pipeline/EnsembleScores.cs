using Predictor.Scoring.Artifact;
using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;

namespace Predictor.Training.Pipeline;

/// <summary>Scores a training set with an ensemble, matching features by name (the set may hold more features).</summary>
public static class EnsembleScores
{
    /// <summary>Uncalibrated probabilities: the logistic transform of the raw scores.</summary>
    public static double[] Predict(TreeEnsemble model, TrainingSet data)
    {
        var output = PredictRaw(model, data);
        for (int i = 0; i < output.Length; i++) output[i] = TreeEnsemble.Sigmoid(output[i]);
        return output;
    }

    /// <summary>The probabilities a model file reports: its calibration applied to the raw scores.</summary>
    public static double[] Predict(ModelArtifact artifact, TrainingSet data)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var output = PredictRaw(artifact.Model, data);
        for (int i = 0; i < output.Length; i++) output[i] = artifact.Probability(output[i]);
        return output;
    }

    /// <summary>Raw scores (log-odds) of every row.</summary>
    public static double[] PredictRaw(TreeEnsemble model, TrainingSet data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var columns = model.Features.Select(f => FeatureSubset.Find(data, f.Name).Values).ToArray();
        int width = columns.Length;
        var rows = new double[data.RowCount * width];
        for (int f = 0; f < width; f++)
        {
            for (int r = 0; r < data.RowCount; r++) rows[r * width + f] = columns[f][r];
        }
        var output = new double[data.RowCount];
        model.PredictRaw(rows, output);
        return output;
    }
}
