namespace Predictor.Scoring.Explanations;

/// <summary>One feature's share of a patient's raw score (log-odds), as TreeSHAP computes it.</summary>
/// <param name="Feature">Feature name.</param>
/// <param name="Value">The patient's input value (level code for categories, NaN when missing).</param>
/// <param name="Contribution">Log-odds this feature adds to the expected value for this patient.</param>
public sealed record FeatureContribution(string Feature, double Value, double Contribution);
