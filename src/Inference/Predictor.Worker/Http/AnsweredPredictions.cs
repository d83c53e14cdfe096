namespace Predictor.Worker.Http;

/// <summary>One patient's answer, as an endpoint gave it: no feature values.</summary>
/// <param name="Item">The patient's position in the request (0-based).</param>
internal sealed record AnsweredPrediction(int Item, string PatientId, double Probability, bool PredictedResistant);

/// <summary>
/// The predictions an endpoint answered, left on the request (<c>HttpContext.Features</c>) by endpoints whose
/// answer does not carry them in a form a filter can read (a CDS card has no patient id), so that whatever records
/// answers (the fleet's audit trail) reads one shape for every scoring route.
/// </summary>
internal sealed record AnsweredPredictions(string ModelVersion, IReadOnlyList<AnsweredPrediction> Predictions);
