using Predictor.Scoring.Explanations;

namespace Predictor.Scoring.Artifact;

/// <summary>One patient's result.</summary>
/// <param name="RawScore">The trees' log-odds.</param>
/// <param name="Probability">The reported (calibrated, when the model has a calibration) probability of the positive label.</param>
/// <param name="IsPositive">Whether <paramref name="Probability"/> reaches <paramref name="Threshold"/>.</param>
/// <param name="Threshold">The decision threshold applied (the artifact's, or 0.5 when it has none).</param>
/// <param name="TopContributions">The largest TreeSHAP contributions (log-odds), largest magnitude first; empty unless asked for.</param>
public sealed record PatientScore(double RawScore, double Probability, bool IsPositive, double Threshold,
    IReadOnlyList<FeatureContribution> TopContributions);
