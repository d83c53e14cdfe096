namespace Predictor.Training.DataSets;

/// <summary>
/// The weight each row carries in a fit: its row weight times the positive-class weight when it is a positive. The
/// booster, its linear start and the pipeline's choice of the start's penalty all weigh rows by this one rule.
/// </summary>
public static class EffectiveWeights
{
    /// <summary>Per-row weights, or null when every row weighs 1 (no row weights and a positive-class weight of 1).</summary>
    public static double[]? For(TrainingSet data, double positiveClassWeight)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Weights is null && positiveClassWeight == 1) return null;
        var weights = new double[data.RowCount];
        for (int i = 0; i < weights.Length; i++)
            weights[i] = (data.Weights?[i] ?? 1) * (data.Labels[i] == 1 ? positiveClassWeight : 1);
        return weights;
    }
}
