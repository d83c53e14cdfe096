using Hl7.Fhir.Model;

namespace Predictor.Fhir.Mapping;

/// <summary>The clinical date of each resource kind the mapper reads, as an instant to compare with the index date.</summary>
internal static class FhirDates
{
    /// <summary>A dated value: the instant used to order it, and the FHIR text it came from.</summary>
    public readonly record struct Dated(DateTimeOffset At, string Text);

    /// <summary>Observation: effective[x] (dateTime, period start, instant), else issued.</summary>
    public static Dated? Of(Observation observation) => observation.Effective switch
    {
        FhirDateTime dt => Parse(dt),
        Period { StartElement: { } start } => Parse(start),
        Instant { Value: { } at } => new Dated(at, at.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
        _ => observation.Issued is { } issued ? new Dated(issued, issued.ToString("O", System.Globalization.CultureInfo.InvariantCulture)) : null,
    };

    /// <summary>Condition: recordedDate, else onset (dateTime or period start).</summary>
    public static Dated? Of(Condition condition) =>
        (condition.RecordedDateElement is { } recorded ? Parse(recorded) : null)
        ?? condition.Onset switch
        {
            FhirDateTime dt => Parse(dt),
            Period { StartElement: { } start } => Parse(start),
            _ => null,
        };

    /// <summary>MedicationRequest: authoredOn.</summary>
    public static Dated? Of(MedicationRequest request) => request.AuthoredOnElement is { } authored ? Parse(authored) : null;

    /// <summary>Full years between a birth date (full precision only) and the index date; null when the date is partial.</summary>
    public static int? AgeAt(Date birthDate, DateTimeOffset indexDate)
    {
        if (birthDate.Value is not { Length: 10 } || !birthDate.TryToDateTimeOffset(out var born)) return null;
        var index = DateOnly.FromDateTime(indexDate.UtcDateTime);
        var birth = DateOnly.FromDateTime(born.Date);
        int age = index.Year - birth.Year;
        if (index < birth.AddYears(age)) age--;
        return age;
    }

    /// <summary>A date or date-time; one without a zone (such as a bare date) is read as UTC, a partial one as its start.</summary>
    private static Dated? Parse(FhirDateTime value) =>
        value.Value is { } text && value.TryToDateTimeOffset(TimeSpan.Zero, out var at) ? new Dated(at, text) : null;
}
