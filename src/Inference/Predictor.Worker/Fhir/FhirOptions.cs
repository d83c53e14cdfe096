namespace Predictor.Worker.Fhir;

/// <summary>
/// Settings of the FHIR and CDS Hooks endpoints (section <c>Worker:Fhir</c>): which mapping file turns FHIR
/// resources into features, and where the cards' model-card link points.
/// </summary>
internal sealed class FhirOptions
{
    public const string Section = "Worker:Fhir";

    /// <summary>A mapping JSON file (shape of the shipped <c>fhir-mapping.json</c>); empty uses the shipped mapping.</summary>
    public string MappingFile { get; set; } = "";

    /// <summary>Absolute URL of the model card shown on CDS cards; empty links to this worker's <c>/v1/model</c>.</summary>
    public string ModelCardUrl { get; set; } = "";

    /// <summary>How many contributions a CDS card lists.</summary>
    public int CardContributions { get; set; } = 5;
}
