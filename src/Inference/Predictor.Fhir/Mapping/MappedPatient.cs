namespace Predictor.Fhir.Mapping;

/// <summary>Where a feature's value came from: the resource (type/id), its clinical date and how it was read.</summary>
/// <param name="Resource">The resource used, as <c>Type/id</c>.</param>
/// <param name="Date">The date that made it the latest (effective, recorded or authored), as written in FHIR; null for Patient.</param>
/// <param name="Detail">How it was read: code and unit conversion (no patient values).</param>
public sealed record FeatureSource(string Resource, string? Date, string Detail);

/// <summary>A feature that could not be read from a resource (unknown unit, no value, ...); the feature is not scored.</summary>
public sealed record FeatureProblem(string Feature, string Resource, string Problem);

/// <summary>A feature with no usable resource, and why (nothing recorded, only after the index date, data absent).</summary>
public sealed record MissingFeature(string Feature, string Reason);

/// <summary>
/// One patient's contract features read from FHIR: the values as contract cells (numbers in invariant culture,
/// booleans true/false, category levels), where each came from, what was missing and what could not be read.
/// </summary>
public sealed record MappedPatient(
    string PatientId,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, FeatureSource> Sources,
    IReadOnlyList<MissingFeature> Missing,
    IReadOnlyList<FeatureProblem> Problems);
