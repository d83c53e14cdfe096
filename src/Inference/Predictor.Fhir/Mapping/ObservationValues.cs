using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace Predictor.Fhir.Mapping;

/// <summary>
/// Reads an Observation's value in the contract's unit. Units are matched by their UCUM code exactly as listed in
/// the feature's table; a unit not in the table is an error for that feature, never a guess.
/// </summary>
internal static class ObservationValues
{
    public const string Ucum = "http://unitsofmeasure.org";

    /// <summary>The value as a contract cell and how it was read, or the problem (value and unit never in the text).</summary>
    public readonly record struct Reading(string? Cell, string Detail, string? Problem)
    {
        public static Reading Fail(string problem) => new(null, "", problem);
    }

    public static Reading Read(Observation observation, ObservationFeature feature) => feature.Value switch
    {
        ObservationValueKind.Boolean => ReadBoolean(observation.Value, feature),
        ObservationValueKind.Integer => observation.Value is Integer { Value: { } whole }
            ? new Reading(whole.ToString(CultureInfo.InvariantCulture), "valueInteger", null)
            : ReadQuantity(observation.Value, feature, wholeNumber: true),
        _ => ReadQuantity(observation.Value, feature, wholeNumber: false),
    };

    /// <summary>Converts <paramref name="value"/> in <paramref name="unit"/> (a UCUM code) with the feature's table.</summary>
    public static Reading Convert(decimal value, string unit, ObservationFeature feature, bool wholeNumber = false)
    {
        if (!feature.Units.TryGetValue(unit, out double factor))
            return Reading.Fail($"unit '{unit}' is not one this feature accepts (accepted UCUM codes: {string.Join(", ", feature.Units.Keys)}).");
        // In decimal, so 52 mm is 5.2 cm exactly (a double product would print as 5.2000000000000002).
        double converted = (double)(value * (decimal)factor);
        if (wholeNumber && converted != Math.Floor(converted)) return Reading.Fail("expected a whole number.");
        string detail = factor == 1 ? $"{unit}" : string.Create(CultureInfo.InvariantCulture, $"{unit} x {factor:R}");
        return new Reading(converted.ToString("R", CultureInfo.InvariantCulture), detail, null);
    }

    private static Reading ReadQuantity(DataType? value, ObservationFeature feature, bool wholeNumber)
    {
        if (value is null) return Reading.Fail("the observation has no value.");
        if (value is not Quantity quantity)
            return Reading.Fail($"expected valueQuantity with a UCUM unit{(wholeNumber ? " or valueInteger" : "")}, got value{value.TypeName}.");
        if (quantity.Value is not { } number) return Reading.Fail("the quantity has no value.");
        if (quantity.Comparator is { } comparator)
            return Reading.Fail($"the value is a bound ('{comparator.GetLiteral()}'), not a measurement; it cannot be scored as a number.");
        string? unit = quantity.Code ?? quantity.Unit;
        if (string.IsNullOrWhiteSpace(unit)) return Reading.Fail("the quantity has no unit (UCUM code).");
        if (quantity.System is { } system && !string.Equals(system, Ucum, StringComparison.Ordinal))
            return Reading.Fail($"the unit's system is '{system}', not UCUM ({Ucum}).");
        return Convert(number, unit, feature, wholeNumber);
    }

    private static Reading ReadBoolean(DataType? value, ObservationFeature feature)
    {
        switch (value)
        {
            case null:
                return Reading.Fail("the observation has no value.");
            case FhirBoolean { Value: { } flag }:
                return new Reading(flag ? "true" : "false", "valueBoolean", null);
            case CodeableConcept concept:
                foreach (var coding in concept.Coding)
                {
                    var answer = feature.Answers.FirstOrDefault(a =>
                        string.Equals(a.System, coding.System, StringComparison.Ordinal) && string.Equals(a.Code, coding.Code, StringComparison.Ordinal));
                    if (answer is not null) return new Reading(answer.Value ? "true" : "false", $"{answer.System}|{answer.Code}", null);
                }
                return Reading.Fail("the coded answer is not one this feature maps to yes or no.");
            default:
                return Reading.Fail($"expected valueBoolean or valueCodeableConcept, got value{value.TypeName}.");
        }
    }
}
