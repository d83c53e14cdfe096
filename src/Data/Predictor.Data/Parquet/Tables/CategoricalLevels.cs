using System.Text.Json;

namespace Predictor.Data.Parquet.Tables;

/// <summary>
/// The levels and order of categorical columns, kept in the file's key-value metadata under
/// <see cref="Key"/> so a table written here reads back with the same levels, codes and ordering.
/// Files from other tools lack it; their strings read as text.
/// </summary>
internal static class CategoricalLevels
{
    public const string Key = "predictor.categorical_levels";

    public sealed record Entry(IReadOnlyList<string> Levels, bool Ordered);

    public static string Serialize(IReadOnlyDictionary<string, Entry> entries) =>
        JsonSerializer.Serialize(entries.ToDictionary(e => e.Key, e => new Dto { Levels = [.. e.Value.Levels], Ordered = e.Value.Ordered }, StringComparer.Ordinal));

    public static Dictionary<string, Entry> Parse(string? json, string filePath)
    {
        if (string.IsNullOrEmpty(json)) return new Dictionary<string, Entry>(StringComparer.Ordinal);
        try
        {
            var raw = JsonSerializer.Deserialize<Dictionary<string, Dto>>(json) ?? [];
            return raw.ToDictionary(kv => kv.Key, kv => new Entry(kv.Value.Levels ?? [], kv.Value.Ordered), StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw new ParquetFormatException($"Parquet file '{filePath}': the '{Key}' metadata is not valid JSON ({e.Message}).", e) { FilePath = filePath };
        }
    }

    private sealed class Dto
    {
        public string[]? Levels { get; set; }

        public bool Ordered { get; set; }
    }
}
