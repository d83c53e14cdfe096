namespace Predictor.Fhir.Reading;

/// <summary>Input that is not the FHIR this service reads (not FHIR JSON, a resource of the wrong type, a bundle of
/// the wrong kind). The message says what was expected and where, never a patient's values.</summary>
public sealed class FhirInputException : Exception
{
    public FhirInputException() { }

    public FhirInputException(string message) : base(message) { }

    public FhirInputException(string message, Exception innerException) : base(message, innerException) { }
}
