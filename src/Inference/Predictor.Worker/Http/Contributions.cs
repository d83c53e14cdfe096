using Predictor.Scoring.Explanations;
using Predictor.Scoring.Trees;
using Predictor.Worker.Models;

namespace Predictor.Worker.Http;

/// <summary>
/// The <c>contributions=K</c> option of <c>POST /v1/score</c>: each patient's K largest TreeSHAP contributions to the
/// raw score (log-odds), with the raw score itself, so a caller can check they add up to raw score minus the
/// expected value. Computed on the request's thread after scoring: explanations are not on the batched hot path.
/// </summary>
internal static class Contributions
{
    /// <summary>The requested count, null when not asked for.</summary>
    /// <exception cref="BadRequestException">The value is not a positive whole number.</exception>
    public static int? Requested(string? value)
    {
        if (value is null) return null;
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int k) && k > 0
            ? k
            : throw new BadRequestException($"contributions must be a positive whole number (how many features to list per patient), not '{value}'.");
    }

    public static PatientScore Explain(PatientScore score, LoadedModel model, ReadOnlySpan<double> row, int count)
    {
        var ensemble = model.Ensemble;
        var top = TreeShap.TopFeatures(ensemble, row, Math.Min(count, ensemble.Features.Count));
        return score with
        {
            RawScore = model.Compiled.PredictRaw(row),
            Contributions = [.. top.Select(c => Describe(ensemble, c))],
        };
    }

    private static ContributionInfo Describe(TreeEnsemble ensemble, FeatureContribution contribution)
    {
        double? value = double.IsNaN(contribution.Value) ? null : contribution.Value;
        string? level = null;
        var feature = ensemble.Features.First(f => string.Equals(f.Name, contribution.Feature, StringComparison.Ordinal));
        if (feature.Kind == FeatureKind.Categorical && value is double code && code >= 0 && code < feature.Levels.Count && code == Math.Floor(code))
            level = feature.Levels[(int)code];
        return new ContributionInfo(contribution.Feature, value, level, contribution.Contribution);
    }
}
