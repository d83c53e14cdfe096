using Microsoft.ML;
using Predictor.Scoring.Trees;
using Predictor.Training.MLNet.Conversion;

namespace Predictor.Training.MLNet.Learners;

/// <summary>One ML.NET fit and its conversions.</summary>
/// <param name="Context">The context the pipeline was fitted in.</param>
/// <param name="Pipeline">ML.NET's fitted preparation and trainer: what <c>Transform</c> scores with.</param>
/// <param name="RawSlots">The <see cref="CohortRow.Raw"/> layout the pipeline reads.</param>
/// <param name="Raw">The converted ensemble whose raw score is ML.NET's <c>Score</c> column.</param>
/// <param name="Calibrated">The converted ensemble whose logistic is ML.NET's <c>Probability</c> column.</param>
public sealed record MLNetFit(MLContext Context, ITransformer Pipeline, IReadOnlyList<FeatureSlot> RawSlots, TreeEnsemble Raw, TreeEnsemble Calibrated);
