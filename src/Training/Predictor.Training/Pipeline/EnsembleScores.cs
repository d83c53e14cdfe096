using Predictor.Scoring.Trees;
using Predictor.Training.Gbdt.Data;

namespace Predictor.Training.Pipeline;

/// <summary>Scores a training set with an ensemble, matching features by name (the set may hold more features).</summary>
public static class EnsembleScores
{
    public static double[] Predict(TreeEnsemble model, TrainingSet data)
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
        model.Predict(rows, output);
        return output;
    }
}
