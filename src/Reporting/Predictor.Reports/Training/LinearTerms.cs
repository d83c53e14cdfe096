using Predictor.Scoring.Trees;
using Predictor.Training.Baselines;
using Predictor.Training.DataSets;
using Predictor.Training.Pipeline;

namespace Predictor.Reports.Training;

/// <summary>One linear term of the model: a numeric feature's slope, or a category level against the first level.</summary>
/// <param name="Feature">The feature.</param>
/// <param name="Level">"level vs reference" for a category, null for a numeric feature.</param>
/// <param name="Unit">The feature's unit (<see cref="Units"/>), or "".</param>
/// <param name="PerUnit">Log-odds per unit of the feature (a level: log-odds against the reference level); 0 when dropped.</param>
/// <param name="StandardDeviation">SD of the feature's measured values in the cohort (NaN for a level).</param>
/// <param name="Interval">Bootstrap 95% percentile interval of <see cref="PerUnit"/>, or null without enough replicates.</param>
/// <param name="KeptShare">Share of bootstrap replicates with a linear start that kept the term (non-zero), or NaN without them.</param>
public sealed record LinearTermRow(string Feature, string? Level, string Unit, double PerUnit, double StandardDeviation, (double Lower, double Upper)? Interval, double KeptShare)
{
    /// <summary>The lasso set the coefficient to exactly 0 (the feature is not in the model's linear part).</summary>
    public bool Dropped => PerUnit == 0;

    /// <summary>Log-odds per standard deviation of the feature.</summary>
    public double PerSd => PerUnit * StandardDeviation;

    public double OddsRatio => Math.Exp(PerUnit);

    public double OddsRatioPerSd => Math.Exp(PerSd);
}

/// <summary>The linear part of the chosen model, and how much of it the bootstrap replicates agree on.</summary>
/// <param name="Start">The penalised regression the model boosts from, or null when it boosts from the base rate.</param>
/// <param name="Rows">One row per model feature (per non-reference level of a category), in model order.</param>
/// <param name="Replicates">Bootstrap replicate models available.</param>
/// <param name="ReplicatesWithStart">Of those, the ones whose tuning also chose a linear start (the interval's denominator).</param>
public sealed record LinearTerms(Regularisation? Start, IReadOnlyList<LinearTermRow> Rows, int Replicates, int ReplicatesWithStart)
{
    /// <summary>Fewest replicates with a linear start for a percentile interval: below it the 2.5th and 97.5th percentiles are little more than the extremes.</summary>
    public const int MinReplicatesForInterval = 50;

    /// <param name="data">The training set (for the features' SDs).</param>
    /// <param name="model">The chosen model.</param>
    /// <param name="replicates">Models of the optimism bootstrap's replicates (may be empty).</param>
    public static LinearTerms Compute(TrainingSet data, PipelineModel model, IReadOnlyList<PipelineModel> replicates)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(replicates);
        var start = model.Settings.LinearStartRegularisation();
        if (start is null) return new LinearTerms(null, [], replicates.Count, 0);
        // Replicates whose tuning chose trees from the base rate have no linear term to compare; they are left out.
        var withStart = replicates.Where(r => r.Settings.LinearStartRegularisation() is not null).ToList();
        var rows = new List<LinearTermRow>();
        var ensemble = model.Ensemble;
        foreach (var feature in ensemble.Features)
        {
            string unit = Units.Of(feature.Name);
            if (feature.Kind == FeatureKind.Categorical && feature.Levels.Count > 1)
            {
                for (int level = 1; level < feature.Levels.Count; level++)
                {
                    int code = level;
                    rows.Add(Row(feature.Name, $"{feature.Levels[level]} vs {feature.Levels[0]}", unit, e => Coefficient(e, feature.Name, code), double.NaN));
                }
                continue;
            }
            var values = FeatureSubset.Find(data, feature.Name).Values.Where(v => !double.IsNaN(v)).ToArray();
            rows.Add(Row(feature.Name, null, unit, e => Coefficient(e, feature.Name, null), StandardDeviation(values)));
        }
        return new LinearTerms(start, rows, replicates.Count, withStart.Count);

        LinearTermRow Row(string name, string? level, string unit, Func<TreeEnsemble, double> coefficient, double sd)
        {
            var spread = withStart.Select(r => coefficient(r.Ensemble)).Order().ToArray();
            (double, double)? interval = spread.Length >= MinReplicatesForInterval ? (Quantiles.Type7(spread, 0.025), Quantiles.Type7(spread, 0.975)) : null;
            double kept = spread.Length == 0 ? double.NaN : spread.Count(c => c != 0) / (double)spread.Length;
            return new LinearTermRow(name, level, unit, coefficient(ensemble), sd, interval, kept);
        }
    }

    /// <summary>A model's log-odds per unit of a numeric feature, or of a level against level 0; 0 when it has no term for the feature.</summary>
    private static double Coefficient(TreeEnsemble model, string feature, int? level)
    {
        int index = -1;
        for (int f = 0; f < model.Features.Count; f++)
            if (string.Equals(model.Features[f].Name, feature, StringComparison.Ordinal)) index = f;
        var term = model.Linear?.Terms.FirstOrDefault(t => t.Feature == index);
        if (term is null) return 0;
        if (level is not { } code) return term.Slope;
        return code < term.LevelValues.Count ? term.LevelValues[code] - term.LevelValues[0] : 0;
    }

    /// <summary>Sample standard deviation (n − 1) of the measured values; NaN for fewer than two.</summary>
    private static double StandardDeviation(double[] values)
    {
        if (values.Length < 2) return double.NaN;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }
}
