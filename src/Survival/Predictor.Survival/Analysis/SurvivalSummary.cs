using Predictor.Survival.Data;

namespace Predictor.Survival.Analysis;

/// <summary>Everything one <c>predictor survival</c> run found, ready for the text, JSON and HTML reports.</summary>
public sealed record SurvivalSummary(
    string Source, SurvivalOutcome Outcome, GroupComparison Groups, IReadOnlyList<double> Times, CoxAnalysis? Cox,
    IReadOnlyList<string> Notes);
