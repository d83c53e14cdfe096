using Predictor.Training.DataSets;

namespace Predictor.Reports.Training;

/// <summary>Counts describing the cohort: rows, outcomes and, per feature, how many values are missing.</summary>
public sealed record CohortSummary(int Rows, int Positives, IReadOnlyList<FeatureMissingness> Features)
{
    public double Prevalence => Positives / (double)Rows;

    public static CohortSummary Compute(TrainingSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new CohortSummary(data.RowCount, data.Labels.Count(y => y == 1),
            [.. data.Features.Select(f => new FeatureMissingness(f.Name, f.Kind.ToString().ToLowerInvariant(), f.Values.Count(double.IsNaN), data.RowCount))]);
    }
}

/// <summary>One feature's missing values.</summary>
public sealed record FeatureMissingness(string Name, string Kind, int Missing, int Rows)
{
    public double Share => Missing / (double)Rows;
}
