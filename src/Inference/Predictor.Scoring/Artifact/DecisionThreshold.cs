namespace Predictor.Scoring.Artifact;

/// <summary>A cut-off on the probability above which a patient is called positive, and how it was chosen.</summary>
/// <param name="Value">Probability cut-off in [0, 1]; probability &gt;= value is positive.</param>
/// <param name="Rule">The rule that chose it, e.g. "youden" or "sensitivity>=0.90".</param>
public sealed record DecisionThreshold(double Value, string Rule)
{
    /// <summary>Probability cut-off in [0, 1]; probability &gt;= value is positive.</summary>
    public double Value { get; } = Value is >= 0 and <= 1 ? Value : throw new ArgumentOutOfRangeException(nameof(Value), "A probability threshold lies in [0, 1].");

    /// <summary>The rule that chose the threshold.</summary>
    public string Rule { get; } = string.IsNullOrWhiteSpace(Rule) ? throw new ArgumentException("Say how the threshold was chosen.", nameof(Rule)) : Rule;
}
