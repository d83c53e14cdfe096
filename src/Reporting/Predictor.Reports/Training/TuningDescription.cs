using System.Globalization;
using Predictor.Training.Tuning;

namespace Predictor.Reports.Training;

/// <summary>
/// How the tuning searched, in the same words in the train summary and the report: on which rows the candidates were
/// scored (the cross-validation folds or a --valid file) and how many of the grid's candidates were tried (all, or as
/// many as a --time-budget allowed).
/// </summary>
public static class TuningDescription
{
    /// <summary>Where the candidates were scored.</summary>
    /// <param name="tuning">The tuning result.</param>
    /// <param name="folds">The pipeline's cross-validation folds.</param>
    /// <param name="validationFile">Name of the --valid file, or null.</param>
    public static string ScoredOn(TuningResult tuning, int folds, string? validationFile)
    {
        ArgumentNullException.ThrowIfNull(tuning);
        return tuning.ValidationRows is { } rows
            ? F($"on the validation file {validationFile ?? "(--valid)"} ({rows:N0} rows, --valid): each candidate trained on all training rows, early-stopped and scored on it")
            : F($"by {folds}-fold cross-validation with early stopping");
    }

    /// <summary>How many candidates were tried, and whether the time budget cut the search.</summary>
    /// <param name="tuning">The tuning result.</param>
    /// <param name="budget">The --time-budget, or null.</param>
    public static string Searched(TuningResult tuning, TimeSpan? budget)
    {
        ArgumentNullException.ThrowIfNull(tuning);
        string tried = tuning.GridSize == 0 ? F($"{tuning.Candidates.Count} candidates") : F($"{tuning.Evaluated} of {tuning.GridSize} candidates");
        if (budget is not { } b) return tried;
        return tuning.Cut
            ? F($"{tried}: the --time-budget of {b.TotalSeconds:0.######} s cut the search (the best of those tried was kept)")
            : F($"{tried}, all within the --time-budget of {b.TotalSeconds:0.######} s");
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
