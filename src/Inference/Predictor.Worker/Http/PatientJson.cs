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
/// columns are skipped, as the validator would ignore them. A key left out is a missing value, exactly as <c>null</c>
/// (the validator then reports a missing identifier per patient). A UTF-8 byte order mark before the body is skipped;
/// text that is not valid UTF-8 or holds a lone surrogate escape (<c>"\ud800"</c>) is a bad request, not a crash.
/// </summary>
internal static class PatientJson
{
    private static readonly byte[][] Names = [.. CohortContract.Columns.Select(c => Encoding.UTF8.GetBytes(c.Name))];

    /// <exception cref="BadRequestException">The body is not a patient object or array of them.</exception>
    /// <exception cref="JsonException">The body is not valid JSON.</exception>
    public static (DataTable Table, bool IsBatch) Read(ReadOnlySequence<byte> body, int maxPatients)
    {
        body = WithoutByteOrderMark(body);
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
            var spec = CohortContract.Columns[c];
            // Scoring ignores labels; every other column a request leaves out is missing for all its patients.
            if (columns[c] is { } cells) table.Add(new TextColumn(spec.Name, cells));
            else if (!spec.IsLabel) table.Add(new TextColumn(spec.Name, new string?[count]));
        }
        return (new DataTable(table), batch);
    }

    private static ReadOnlySequence<byte> WithoutByteOrderMark(ReadOnlySequence<byte> body)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        if (body.Length < bom.Length) return body;
        Span<byte> start = stackalloc byte[3];
        body.Slice(0, 3).CopyTo(start);
        return start.SequenceEqual(bom) ? body.Slice(3) : body;
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
            column = ColumnOf(ref reader, column + 1, patient);
            reader.Read();
            if (column < 0)
            {
                reader.Skip();
                continue;
            }
            var cells = columns[column] ??= new string?[count];
            cells[patient] = reader.TokenType switch
            {
                JsonTokenType.String => Text(ref reader, patient, column),
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
    private static int ColumnOf(ref Utf8JsonReader reader, int start, int patient)
    {
        try
        {
            for (int n = 0; n < Names.Length; n++)
            {
                int i = (start + n) % Names.Length;
                if (reader.ValueTextEquals(Names[i])) return i;
            }
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader throws this when an escaped name does not decode (a lone surrogate such as \ud800).
            throw new BadRequestException($"Patient {patient}: a property name is not valid Unicode text (invalid UTF-8 or a lone surrogate escape).");
        }
        // An unknown name is skipped unread, so one that is not valid text must be caught here.
        if (!IsValidText(ref reader))
            throw new BadRequestException($"Patient {patient}: a property name is not valid Unicode text (invalid UTF-8 or a lone surrogate escape).");
        return -1;
    }

    private static string Text(ref Utf8JsonReader reader, int patient, int column)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // Thrown for invalid UTF-8 bytes or an escape that decodes to a lone surrogate.
            throw new BadRequestException(
                $"Patient {patient}, '{CohortContract.Columns[column].Name}': the value is not valid Unicode text (invalid UTF-8 or a lone surrogate escape).");
        }
    }

    private static bool IsValidText(ref Utf8JsonReader reader)
    {
        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
