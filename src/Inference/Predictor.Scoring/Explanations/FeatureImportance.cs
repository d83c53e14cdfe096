namespace Predictor.Scoring.Explanations;

/// <summary>How much one feature is used across all trees of a model.</summary>
/// <param name="Feature">Feature name.</param>
/// <param name="Splits">Number of split nodes on the feature.</param>
/// <param name="Gain">Total split gain of those nodes (XGBoost's <c>total_gain</c>), or null when the model has no gains.</param>
/// <param name="Cover">Total training weight (hessian sum) reaching those nodes (XGBoost's <c>total_cover</c>), or null when the model has no covers.</param>
public sealed record FeatureImportance(string Feature, int Splits, double? Gain, double? Cover);
