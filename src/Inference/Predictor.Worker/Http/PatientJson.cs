using System.Buffers;
using System.Text;
using System.Text.Json;
using Predictor.Data.Contract;
using Predictor.Data.Tables;

namespace Predictor.Worker.Http;

/// <summary>
/// Turns a request body (one patient object, or an array of them, keyed by contract column names) into a table of
/// text cells, so the contract validator checks HTTP patients exactly as it checks file rows. Reads the UTF-8 bytes
/// with <see cref="Utf8JsonReader"/> (no document, no per-property name strings); properties that are not contract
/// columns are skipped, as the validator would ignore them.
/// </summary>
internal static class PatientJson
{
    private static readonly byte[][] Names = [.. CohortContract.Columns.Select(c => Encoding.UTF8.GetBytes(c.Name))];

    /// <exception cref="BadRequestException">The body is not a patient object or array of them.</exception>
    /// <exception cref="JsonException">The body is not valid JSON.</exception>
    public static (DataTable Table, bool IsBatch) Read(ReadOnlySequence<byte> body, int maxPatients)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read()) throw new BadRequestException("The body is empty; send a JSON object (one patient) or an array of objects.");
        bool batch = reader.TokenType == JsonTokenType.StartArray;
        int count = batch ? CountPatients(body, maxPatients)
            : reader.TokenType == JsonTokenType.StartObject ? 1
            : throw new BadRequestException("The body must be a JSON object (one patient) or an array of objects.");

        var columns = new string?[]?[Names.Length];
        if (batch) reader.Read();
        for (int patient = 0; patient < count; patient++, reader.Read())
        {
            if (reader.TokenType != JsonTokenType.StartObject) throw new BadRequestException($"Patient {patient} is not a JSON object.");
            ReadPatient(ref reader, patient, count, columns);
        }
        // The reader rejects anything but whitespace after the root value (its Read throws on a second value).
        if (batch && reader.Read()) throw new BadRequestException("Unexpected content after the array of patients.");
        var table = new List<Column>();
        for (int c = 0; c < columns.Length; c++)
        {
            if (columns[c] is { } cells) table.Add(new TextColumn(CohortContract.Columns[c].Name, cells));
        }
        return (new DataTable(table), batch);
    }

    /// <summary>Counts the array's elements first, so every column is one array of the right size.</summary>
    private static int CountPatients(ReadOnlySequence<byte> body, int maxPatients)
    {
        var reader = new Utf8JsonReader(body);
        reader.Read();
        int count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
            if (++count > maxPatients)
                throw new BadRequestException($"The request holds more than {maxPatients} patients; at most {maxPatients} are accepted per request.");
        }
        return count > 0 ? count : throw new BadRequestException("The request holds an empty array; send at least one patient.");
    }

    /// <summary>Reads one patient object; leaves the reader on its closing brace.</summary>
    private static void ReadPatient(ref Utf8JsonReader reader, int patient, int count, string?[]?[] columns)
    {
        int column = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            column = ColumnOf(ref reader, column + 1);
            reader.Read();
            if (column < 0)
            {
                reader.Skip();
                continue;
            }
            var cells = columns[column] ??= new string?[count];
            cells[patient] = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                // The number exactly as sent, so the validator parses it as it parses a CSV cell.
                JsonTokenType.Number => reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence) : Encoding.UTF8.GetString(reader.ValueSpan),
                JsonTokenType.True => "true",
                JsonTokenType.False => "false",
                JsonTokenType.Null => null,
                _ => throw new BadRequestException(
                    $"Patient {patient}, '{CohortContract.Columns[column].Name}': expected a string, number, boolean or null."),
            };
        }
    }

    /// <summary>The contract column a property names, or -1. Clients usually send columns in contract order, so the
    /// search starts just after the previous property's column and wraps around.</summary>
    private static int ColumnOf(ref Utf8JsonReader reader, int start)
    {
        for (int n = 0; n < Names.Length; n++)
        {
            int i = (start + n) % Names.Length;
            if (reader.ValueTextEquals(Names[i])) return i;
        }
        return -1;
    }
}
