using Predictor.Training.DataSets;

namespace Predictor.Training.Tests.Support;

/// <summary>
/// <see cref="SyntheticCohort"/> plus marker-like columns that carry no signal, the situation of a small clinical
/// cohort with many candidate markers: what the lasso is for.
/// </summary>
internal static class NoisyCohort
{
    public static TrainingSet Generate(int rows, int seed, int noiseColumns = 15)
    {
        var data = SyntheticCohort.Generate(rows, seed, missingRate: 0.1);
        var random = new Random(seed + 1000);
        var noise = Enumerable.Range(0, noiseColumns)
            .Select(k => new FeatureColumn($"noise_{k}", [.. Enumerable.Range(0, rows).Select(_ => Math.Round(random.NextDouble() * 300))]));
        return new TrainingSet([.. data.Features, .. noise], data.Labels);
    }
}
