using System.Globalization;
using System.Text.Json;
using Predictor.Data.Tables;

namespace Predictor.Worker.Http;

/// <summary>
/// Turns a request body (one patient object, or an array of them, keyed by contract column names) into a table of
/// text cells, so the contract validator checks HTTP patients exactly as it checks file rows.
/// </summary>
internal static class PatientJson
{
    /// <exception cref="BadRequestException">The body is not a patient object or array of them.</exception>
    public static (DataTable Table, bool IsBatch) ToTable(JsonElement root, int maxPatients)
    {
        List<JsonElement> patients;
        bool batch = root.ValueKind == JsonValueKind.Array;
        if (batch)
        {
            int count = root.GetArrayLength();
            if (count == 0) throw new BadRequestException("The request holds an empty array; send at least one patient.");
            if (count > maxPatients) throw new BadRequestException($"The request holds {count} patients; at most {maxPatients} are accepted per request.");
            patients = [.. root.EnumerateArray()];
        }
        else if (root.ValueKind == JsonValueKind.Object)
        {
            patients = [root];
        }
        else
        {
            throw new BadRequestException("The body must be a JSON object (one patient) or an array of objects.");
        }

        var columns = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        for (int i = 0; i < patients.Count; i++)
        {
            if (patients[i].ValueKind != JsonValueKind.Object)
                throw new BadRequestException($"Patient {i} is not a JSON object.");
            foreach (var property in patients[i].EnumerateObject())
            {
                if (!columns.TryGetValue(property.Name, out var cells))
                {
                    cells = new string?[patients.Count];
                    columns.Add(property.Name, cells);
                }
                cells[i] = Cell(property, i);
            }
        }
        return (new DataTable(columns.Select(c => new TextColumn(c.Key, c.Value))), batch);
    }

    private static string? Cell(JsonProperty property, int index) => property.Value.ValueKind switch
    {
        JsonValueKind.String => property.Value.GetString(),
        JsonValueKind.Number => property.Value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => null,
        _ => throw new BadRequestException($"Patient {index}, '{property.Name}': expected a string, number, boolean or null."),
    };

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
