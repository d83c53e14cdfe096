using System.Text.Json;

namespace Predictor.Scoring.Serialization;

/// <summary>Typed access to required and optional JSON members, with errors that name where in the file they are.</summary>
internal static class JsonFields
{
    public static JsonElement Require(JsonElement element, string name, JsonValueKind kind, string where)
    {
        if (!element.TryGetProperty(name, out var value))
            throw new ModelFormatException($"{where} has no '{name}'.");
        if (kind != JsonValueKind.Undefined && value.ValueKind != kind)
            throw new ModelFormatException($"{where}.{name} must be a JSON {kind.ToString().ToUpperInvariant()}.");
        return value;
    }

    public static JsonElement? Optional(JsonElement element, string name, JsonValueKind kind, string where) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? Require(element, name, kind, where) : null;

    public static int RequireInt(JsonElement element, string name, string where) =>
        Require(element, name, JsonValueKind.Number, where).TryGetInt32(out int value)
            ? value : throw new ModelFormatException($"{where}.{name} must be an integer.");

    public static double RequireDouble(JsonElement element, string name, string where) => Finite(Require(element, name, JsonValueKind.Number, where), $"{where}.{name}");

    public static double Finite(JsonElement value, string where)
    {
        if (value.ValueKind != JsonValueKind.Number) throw new ModelFormatException($"{where} must be a number.");
        double number = value.GetDouble();
        return double.IsFinite(number) ? number : throw new ModelFormatException($"{where} must be finite.");
    }

    public static double[] Doubles(JsonElement array, string where) =>
        [.. array.EnumerateArray().Select((v, i) => Finite(v, $"{where}[{i}]"))];

    public static string RequireString(JsonElement element, string name, string where) => Require(element, name, JsonValueKind.String, where).GetString()!;
}
